import { beforeAll, describe, expect, it } from "vitest";
import { changePart, codeOf, createPatient, createReferral, CREATE_REFERRAL, fieldOf, referralInput, threeClinics, type ThreeClinics } from "../support/api";
import { refusedBy } from "../support/attacks";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

/**
 * The cancellation's coded reason and comment (ChangeReferralPartInput.cancelReason)
 * and sending to assess first (CreateReferralInput.assessFirst), attacked: clinic A
 * refers to clinic B's OT service; clinic C has nothing to do with it.
 */

let t: ThreeClinics;
let patientId: string;

beforeAll(async () => {
  t = await threeClinics();
  patientId = (await createPatient(t.a.author.cookie)).id;
});

async function partAtB() {
  const referral = await createReferral(t.a.author.cookie, patientId, { serviceIds: [t.b.serviceOf("OCCUPATIONAL_THERAPY").id] });
  return referral.parts[0]!;
}

const stored = (id: string) =>
  testDb().referralPart.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, cancelReason: true, cancelComment: true, _count: { select: { events: true } } } });
const untouched = { status: "SENT", version: 1, cancelReason: null, cancelComment: null, _count: { events: 1 } };

describe("cancelling with a reason", () => {
  it("attack: an uninvolved clinic's admin cancels another clinic's referral, with a valid reason: NOT_FOUND, nothing changes", async () => {
    const part = await partAtB();
    const result = await changePart(t.c.admin.cookie, part.id, "CANCEL", 1, { cancelReason: "DUPLICATE", note: "Ours now." });
    expect(codeOf(result)).toBe("NOT_FOUND");
    refusedBy("tenancy", result);
    expect(await stored(part.id)).toMatchObject(untouched);
  });

  it("attack: the receiving service's therapist cancels with a valid reason: FORBIDDEN, nothing changes", async () => {
    const part = await partAtB();
    const result = await changePart(t.b.therapist.cookie, part.id, "CANCEL", 1, { cancelReason: "NO_LONGER_NEEDED" });
    expect(codeOf(result)).toBe("FORBIDDEN");
    refusedBy("role", result);
    expect(await stored(part.id)).toMatchObject(untouched);
  });

  it("attack: a 100,000-character comment on a cancellation: BAD_USER_INPUT on note, nothing changes", async () => {
    const part = await partAtB();
    const result = await changePart(t.a.author.cookie, part.id, "CANCEL", 1, { cancelReason: "OTHER", note: "x".repeat(100_000) });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "note"]);
    refusedBy("input", result);
    expect(await stored(part.id)).toMatchObject(untouched);
  });

  it("attack: a cancel reason smuggled into another action is not stored", async () => {
    const part = await partAtB();
    const result = await changePart(t.b.therapist.cookie, part.id, "ACCEPT", 1, { cancelReason: "SENT_IN_ERROR" });
    expect(result.data?.changeReferralPart.status).toBe("ACCEPTED");
    expect(await stored(part.id)).toMatchObject({ status: "ACCEPTED", cancelReason: null, cancelComment: null });
    refusedBy("input", { defence: "input", code: "not stored" });
  });

  it("attack: a reason that is not a code (an injection attempt): refused before any write", async () => {
    const part = await partAtB();
    const result = await changePart(t.a.author.cookie, part.id, "CANCEL", 1, { cancelReason: "OTHER' OR '1'='1" });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    refusedBy("input", result);
    expect(await stored(part.id)).toMatchObject(untouched);
  });
});

describe("sending to assess first", () => {
  const referralsOfPatient = () => testDb().referral.count({ where: { patientId } });

  it("attack: assess first at another clinic's service that takes no outside referrals: NOT_FOUND, nothing written", async () => {
    const before = await referralsOfPatient();
    const result = await graphql(CREATE_REFERRAL, {
      cookie: t.a.author.cookie,
      variables: { input: referralInput(patientId, { assessFirst: true, overrideReason: "Assess there.", serviceIds: [t.c.serviceOf("OCCUPATIONAL_THERAPY").id] }) },
    });
    expect(codeOf(result)).toBe("NOT_FOUND");
    refusedBy("tenancy", result);
    expect(await referralsOfPatient()).toBe(before);
  });

  it("attack: assess first at both disciplines' services at once: BAD_USER_INPUT on disciplines, nothing written", async () => {
    const before = await referralsOfPatient();
    const result = await graphql(CREATE_REFERRAL, {
      cookie: t.a.author.cookie,
      variables: {
        input: referralInput(patientId, {
          assessFirst: true,
          disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
          overrideReason: "Assess twice.",
          serviceIds: [t.b.serviceOf("OCCUPATIONAL_THERAPY").id, t.b.serviceOf("PHYSIOTHERAPY").id],
        }),
      },
    });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "disciplines"]);
    refusedBy("input", result);
    expect(await referralsOfPatient()).toBe(before);
  });

  it("attack: assess first to skip the override reason (recommendation is a discipline): BAD_USER_INPUT on overrideReason, nothing written", async () => {
    const before = await referralsOfPatient();
    const result = await graphql(CREATE_REFERRAL, { cookie: t.a.author.cookie, variables: { input: referralInput(patientId, { assessFirst: true }) } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "overrideReason"]);
    refusedBy("input", result);
    expect(await referralsOfPatient()).toBe(before);
  });

  // A therapist may send no referral at all: this attacks the role, not assess first.
  it("attack: a therapist sends a referral (to assess first): FORBIDDEN by role, nothing written", async () => {
    const before = await referralsOfPatient();
    const result = await graphql(CREATE_REFERRAL, {
      cookie: t.a.therapist.cookie,
      variables: { input: referralInput(patientId, { assessFirst: true, overrideReason: "Let me assess." }) },
    });
    expect(codeOf(result)).toBe("FORBIDDEN");
    refusedBy("role", result);
    expect(await referralsOfPatient()).toBe(before);
  });
});
