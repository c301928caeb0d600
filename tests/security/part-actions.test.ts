import { beforeAll, describe, expect, it } from "vitest";
import { changePart, changePartOk, codeOf, createPatient, createReferral, type ReferralPartResult, type SignedIn, threeClinics, type ThreeClinics } from "../support/api";
import { testDb } from "../support/db";
import { refusedBy } from "../support/attacks";

/**
 * Acting on a referral part as someone it does not belong to, and racing it:
 * clinic A refers to clinic B's PT service (tests/support/api.ts `threeClinics`).
 * Each attack would succeed against code that checked only the clinic's
 * visibility, not who acts (lib/permissions actsAs), or not the version.
 */

let t: ThreeClinics;
let patientId: string;

beforeAll(async () => {
  t = await threeClinics();
  patientId = (await createPatient(t.a.author.cookie)).id;
});

async function partAtB(): Promise<ReferralPartResult> {
  const referral = await createReferral(t.a.author.cookie, patientId, {
    needs: { needs: ["PAIN"] },
    disciplines: ["PHYSIOTHERAPY"],
    serviceIds: [t.b.serviceOf("PHYSIOTHERAPY").id],
  });
  return referral.parts[0]!;
}

const stored = (id: string) => testDb().referralPart.findUniqueOrThrow({ where: { id }, include: { _count: { select: { events: true } } } });

describe("acting for someone else", () => {
  // Who may see the part but not act (FORBIDDEN, lib/permissions actsAs), or may not see it at all (NOT_FOUND:
  // at the receiving clinic only the service's therapists see it; a therapist reads only its own service's parts).
  const CASES: [string, string, (t: ThreeClinics) => SignedIn, string[], "FORBIDDEN" | "NOT_FOUND"][] = [
    // [what, action, who, the actions that bring the part to where the action is allowed, the answer]
    ["the referring author accepts its own referral for the receiving service", "ACCEPT", (t) => t.a.author, [], "FORBIDDEN"],
    ["the referring admin declines for the receiving service", "DECLINE", (t) => t.a.admin, [], "FORBIDDEN"],
    ["a therapist of the referring clinic accepts for the receiving service", "ACCEPT", (t) => t.a.therapist, [], "NOT_FOUND"],
    ["the referring author completes the part with an outcome of its own", "COMPLETE", (t) => t.a.author, ["ACCEPT", "START"], "FORBIDDEN"],
    ["the receiving clinic's clinician accepts for its service", "ACCEPT", (t) => t.b.clinician, [], "NOT_FOUND"],
    ["the receiving clinic's admin redirects for its service", "REDIRECT", (t) => t.b.admin, [], "NOT_FOUND"],
    ["a therapist of another service of the receiving clinic accepts", "ACCEPT", (t) => t.b.therapist, [], "NOT_FOUND"],
    ["the receiving service's therapist answers its own question for the referrer", "ANSWER_QUESTION", (t) => t.b.otherTherapist, ["ASK_QUESTION"], "FORBIDDEN"],
    ["the receiving service's therapist acknowledges its own outcome for the referrer", "ACKNOWLEDGE_OUTCOME", (t) => t.b.otherTherapist, ["ACCEPT", "START", "COMPLETE"], "FORBIDDEN"],
    ["the receiving service's therapist cancels the referral", "CANCEL", (t) => t.b.otherTherapist, [], "FORBIDDEN"],
    ["the receiving clinic's admin cancels the referral", "CANCEL", (t) => t.b.admin, [], "NOT_FOUND"],
    ["a colleague of the author cancels the author's referral", "CANCEL", (t) => t.a.colleague, [], "FORBIDDEN"],
  ];

  for (const [what, action, who, path, answer] of CASES) {
    it(`attack: ${what}: ${answer}, nothing changes`, async () => {
      let part = await partAtB();
      for (const step of path) {
        const actor = step === "ASK_QUESTION" || step === "ACCEPT" || step === "START" || step === "COMPLETE" ? t.b.otherTherapist : t.a.author;
        part = await changePartOk(actor.cookie, part.id, step, part.version);
      }
      const extra = action === "REDIRECT" ? { serviceId: t.b.serviceOf("OCCUPATIONAL_THERAPY").id } : {};
      const result = await changePart(who(t).cookie, part.id, action, part.version, extra);
      expect(codeOf(result)).toBe(answer);
      expect(result.data?.changeReferralPart ?? null).toBeNull();
      refusedBy(answer === "FORBIDDEN" ? "role" : "tenancy", result);
      expect(await stored(part.id)).toMatchObject({ status: part.status, version: part.version, _count: { events: part.events.length } });
      expect(await testDb().referralPart.count({ where: { redirectedFromId: part.id } })).toBe(0);
    });
  }
});

describe("racing and replaying", () => {
  it("attack: the service accepts and declines at once with the same version: exactly one wins", async () => {
    const part = await partAtB();
    const results = await Promise.all([
      changePart(t.b.otherTherapist.cookie, part.id, "ACCEPT", 1),
      changePart(t.b.otherTherapist.cookie, part.id, "DECLINE", 1),
    ]);
    expect(results.map(codeOf).filter(Boolean)).toEqual(["CONFLICT"]);
    expect(await stored(part.id)).toMatchObject({ version: 2, _count: { events: 2 } });
    refusedBy("version", results.find((result) => result.errors)!);
  });

  it("attack: ten concurrent accepts with the same version: exactly one wins, one event", async () => {
    const part = await partAtB();
    const results = await Promise.all(Array.from({ length: 10 }, () => changePart(t.b.otherTherapist.cookie, part.id, "ACCEPT", 1)));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(Array.from({ length: 9 }, () => "CONFLICT"));
    expect(await stored(part.id)).toMatchObject({ status: "ACCEPTED", version: 2, _count: { events: 2 } });
    for (const refused of results.filter((result) => result.errors)) refusedBy("version", refused);
  });

  it("attack: the author cancels while the service accepts, with the same version: exactly one wins", async () => {
    const part = await partAtB();
    const results = await Promise.all([
      changePart(t.b.otherTherapist.cookie, part.id, "ACCEPT", 1),
      changePart(t.a.author.cookie, part.id, "CANCEL", 1),
    ]);
    const winners = results.filter((result) => !result.errors);
    expect(winners).toHaveLength(1);
    expect(await stored(part.id)).toMatchObject({ status: winners[0]!.data!.changeReferralPart.status, version: 2, _count: { events: 2 } });
    refusedBy("version", results.find((result) => result.errors)!);
  });

  it("attack: two concurrent acknowledgements of one outcome: exactly one is recorded", async () => {
    let part = await partAtB();
    for (const step of ["ACCEPT", "START", "COMPLETE"]) part = await changePartOk(t.b.otherTherapist.cookie, part.id, step, part.version);
    const results = await Promise.all([
      changePart(t.a.author.cookie, part.id, "ACKNOWLEDGE_OUTCOME", part.version),
      changePart(t.a.colleague.cookie, part.id, "ACKNOWLEDGE_OUTCOME", part.version),
    ]);
    expect(results.map(codeOf).filter(Boolean)).toEqual(["CONFLICT"]);
    expect(await testDb().referralEvent.count({ where: { partId: part.id, action: "ACKNOWLEDGE_OUTCOME" } })).toBe(1);
    refusedBy("version", results.find((result) => result.errors)!);
  });

  it("attack: replaying a cancel with the version seen before the service decided: CONFLICT", async () => {
    const part = await partAtB();
    await changePartOk(t.b.otherTherapist.cookie, part.id, "DECLINE", 1);
    const replay = await changePart(t.a.author.cookie, part.id, "CANCEL", 1);
    expect(codeOf(replay)).toBe("CONFLICT");
    refusedBy("version", replay);
    expect(await stored(part.id)).toMatchObject({ status: "DECLINED", version: 2 });
  });

  it("attack: a version from the future: CONFLICT, nothing changes", async () => {
    const part = await partAtB();
    const result = await changePart(t.b.otherTherapist.cookie, part.id, "ACCEPT", 2);
    expect(codeOf(result)).toBe("CONFLICT");
    refusedBy("version", result);
    expect(await stored(part.id)).toMatchObject({ status: "SENT", version: 1 });
  });
});
