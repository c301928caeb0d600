import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { changePart, CREATE_REFERRAL, codeOf, createPatient, createReferral, referralInput, threeClinics, type ThreeClinics } from "../support/api";
import { refusedBy } from "../support/attacks";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

/**
 * The December red team's findings on referrals, each an attack that succeeded
 * before its fix: a redirect to a service the referring clinic could not have
 * chosen, a part's version and status told to someone who may not read it,
 * the referring clinic's staff shown as full user records, a forged cursor
 * answered as an internal error, and a replayed send read without a trace.
 */

let t: ThreeClinics;
let patientId: string;

beforeAll(async () => {
  t = await threeClinics();
  patientId = (await createPatient(t.a.author.cookie)).id;
});

const partAtB = async () =>
  (await createReferral(t.a.author.cookie, patientId, { needs: { needs: ["PAIN"] }, disciplines: ["PHYSIOTHERAPY"], serviceIds: [t.b.serviceOf("PHYSIOTHERAPY").id] })).parts[0]!;

describe("redirects", () => {
  it("attack: the receiving therapist redirects another clinic's part to a service of its own clinic that takes no outside referrals: NOT_FOUND, nothing changes", async () => {
    const closed = await testDb().therapyService.create({
      data: { clinicId: t.b.clinic.id, discipline: "OCCUPATIONAL_THERAPY", name: `Closed OT ${randomUUID().slice(0, 8)}`, acceptsExternalReferrals: false },
    });
    const part = await partAtB();
    const result = await changePart(t.b.otherTherapist.cookie, part.id, "REDIRECT", part.version, { serviceId: closed.id, note: "Ours." });
    expect(codeOf(result)).toBe("NOT_FOUND");
    expect(await testDb().referralPart.count({ where: { redirectedFromId: part.id } })).toBe(0);
    expect(await testDb().referralPart.findUniqueOrThrow({ where: { id: part.id } })).toMatchObject({ status: "SENT", version: part.version });
    refusedBy("tenancy", result);
  });

  it("still lets the receiving therapist redirect to its clinic's OT service that takes outside referrals", async () => {
    const part = await partAtB();
    const result = await changePart(t.b.otherTherapist.cookie, part.id, "REDIRECT", part.version, { serviceId: t.b.serviceOf("OCCUPATIONAL_THERAPY").id, note: "OT first." });
    expect(result.errors).toBeUndefined();
  });
});

describe("a part the viewer may not read", () => {
  it("attack: the referring clinic's own therapist acts on its clinic's part at another clinic's service: NOT_FOUND, not its version or status", async () => {
    const part = await partAtB();
    // A wrong version would answer CONFLICT and an action the status forbids BAD_USER_INPUT, had the part been found.
    for (const [action, expectedVersion] of [["ACCEPT", 99], ["START", part.version], ["ACCEPT", part.version]] as const) {
      const result = await changePart(t.a.therapist.cookie, part.id, action, expectedVersion);
      expect(codeOf(result), `${action} ${expectedVersion}`).toBe("NOT_FOUND");
      expect(JSON.stringify(result)).not.toMatch(/version|sent/i);
      refusedBy("tenancy", result);
    }
  });
});

describe("the referring clinic's staff, seen from the receiving service", () => {
  it.each(["role", "active", "permissions", "clinic { id }", "service { id }"])(
    "attack: the receiving therapist asks for the referral's author's %s: refused as a field that does not exist",
    async (field) => {
      const part = await partAtB();
      const result = await graphql(`query R($id: ID!) { referral(id: $id) { author { name ${field} } events { actor { ${field} } } } }`, {
        cookie: t.b.otherTherapist.cookie,
        variables: { id: (await testDb().referralPart.findUniqueOrThrow({ where: { id: part.id } })).referralId },
      });
      expect(codeOf(result)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(result.data ?? null).toBeNull();
      refusedBy("tenancy", { defence: "tenancy", code: "no such field on a contact" });
    },
  );

  it("shows the receiving therapist the author as a contact: name, email and clinic name", async () => {
    const part = await partAtB();
    const { referralId } = await testDb().referralPart.findUniqueOrThrow({ where: { id: part.id } });
    const result = await graphql<{ referral: { author: { name: string; email: string; clinicName: string } } }>(
      `query R($id: ID!) { referral(id: $id) { author { name email clinicName } } }`,
      { cookie: t.b.otherTherapist.cookie, variables: { id: referralId } },
    );
    expect(result.errors).toBeUndefined();
    const author = await testDb().user.findUniqueOrThrow({ where: { id: t.a.author.id }, include: { clinic: true } });
    expect(result.data!.referral.author).toEqual({ name: author.name, email: author.email, clinicName: author.clinic.name });
  });
});

describe("forged cursors", () => {
  const forged = (key: string[]) => Buffer.from(JSON.stringify(key)).toString("base64url");
  const OUT_OF_RANGE = ["-100000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "0000-01-01T00:00:00.000Z"];

  it.each(OUT_OF_RANGE)("attack: a history cursor dated %s answers BAD_USER_INPUT on after, not an internal error", async (date) => {
    const result = await graphql(`query H($after: String) { referrals(first: 5, after: $after) { edges { node { id } } } }`, {
      cookie: t.a.author.cookie,
      variables: { after: forged([date, randomUUID()]) },
    });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.field).toEqual(["after"]);
    refusedBy("input", result);
  });

  it.each(OUT_OF_RANGE)("attack: a worklist cursor dated %s answers BAD_USER_INPUT on after, not an internal error", async (date) => {
    const result = await graphql(`query W($after: String) { worklist(first: 5, after: $after) { edges { node { id } } } }`, {
      cookie: t.b.otherTherapist.cookie,
      variables: { after: forged(["0", date, randomUUID()]) },
    });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    refusedBy("input", result);
  });
});

describe("a replayed send", () => {
  it("attack: resending a referral's idempotency key reads the referral back: the read is on the audit trail", async () => {
    const input = referralInput(patientId);
    const first = await graphql<{ createReferral: { id: string } }>(CREATE_REFERRAL, { cookie: t.a.colleague.cookie, variables: { input } });
    const id = first.data!.createReferral.id;
    const before = new Date();
    const replay = await graphql<{ createReferral: { id: string } }>(CREATE_REFERRAL, { cookie: t.a.colleague.cookie, variables: { input } });
    expect(replay.data!.createReferral.id).toBe(id);
    const reads = await testDb().auditEvent.findMany({
      where: { userId: t.a.colleague.id, action: "referral.read", createdAt: { gte: before }, entityIds: { has: id } },
    });
    expect(reads).toHaveLength(1);
    refusedBy("audit", { defence: "audit", code: "referral.read recorded" });
  });
});
