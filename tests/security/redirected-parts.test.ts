import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { changePartOk, clinicWithSessions, codeOf, createPatient, createReferral } from "../support/api";
import { testDb } from "../support/db";
import { graphql } from "../support/http";
import { refusedBy } from "../support/attacks";

/**
 * A redirect brings a fourth party in: clinic A refers to clinic B's
 * occupational therapy service, B's therapist talks with A and then redirects
 * to clinic D's physiotherapy service. D receives the new part only: B's part,
 * its timeline (the question and answer) and its decision are none of D's
 * business, whichever way D's query walks (redirectedFrom, the referral's
 * parts and events, the worklist), and likewise A's own parts when A's own
 * service redirects to D.
 */

const tag = randomUUID().slice(0, 8);
const QUESTION = `Question only B and A may read ${tag}`;
const ANSWER = `Answer only B and A may read ${tag}`;
const OWN_NOTE = `A's own service's note ${tag}`;

let referrer: Awaited<ReturnType<typeof clinicWithSessions>>;
let receiver: Awaited<ReturnType<typeof clinicWithSessions>>;
let redirectedTo: Awaited<ReturnType<typeof clinicWithSessions>>;
let referralId: string;
let originalPartId: string;
let ownReferralId: string;
let ownPartId: string;

beforeAll(async () => {
  [referrer, receiver, redirectedTo] = await Promise.all([
    clinicWithSessions(["CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]),
    clinicWithSessions([{ role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }], { services: [{ discipline: "OCCUPATIONAL_THERAPY", acceptsExternalReferrals: true }] }),
    clinicWithSessions(["CLINICIAN", "ADMIN", { role: "THERAPIST", service: "PHYSIOTHERAPY" }], {
      services: [{ discipline: "PHYSIOTHERAPY", acceptsExternalReferrals: true }],
    }),
  ]);
  const [author, ownTherapist] = referrer.cookies as [string, string];
  const [receivingTherapist] = receiver.cookies as [string];
  const patient = await createPatient(author);
  const target = redirectedTo.serviceOf("PHYSIOTHERAPY").id;

  const referral = await createReferral(author, patient.id, { serviceIds: [receiver.serviceOf("OCCUPATIONAL_THERAPY").id] });
  referralId = referral.id;
  originalPartId = referral.parts[0]!.id;
  await changePartOk(receivingTherapist, originalPartId, "ASK_QUESTION", 1, { note: QUESTION });
  await changePartOk(author, originalPartId, "ANSWER_QUESTION", 2, { note: ANSWER });
  await changePartOk(receivingTherapist, originalPartId, "REDIRECT", 3, { serviceId: target, note: "Physiotherapy fits better." });

  // A's own service redirects to D: D must not see A's own part either.
  const own = await createReferral(author, patient.id);
  ownReferralId = own.id;
  ownPartId = own.parts[0]!.id;
  await changePartOk(ownTherapist, ownPartId, "ASK_QUESTION", 1, { note: OWN_NOTE });
  await changePartOk(author, ownPartId, "ANSWER_QUESTION", 2, { note: OWN_NOTE });
  await changePartOk(ownTherapist, ownPartId, "REDIRECT", 3, { serviceId: target });
});

/** The part the redirect opened at D's service, as stored. */
const redirectedPart = () => testDb().referralPart.findFirstOrThrow({ where: { redirectedFromId: originalPartId } });

const PART = /* GraphQL */ `
  id status declineComment
  service { id name }
  events { id note action }
  redirectedFrom { id status declineComment service { id name } events { id note action } }
`;
const REFERRAL = /* GraphQL */ `
  query Referral($id: ID!) {
    referral(id: $id) {
      id status
      parts { ${PART} }
      events { id note action part { ${PART} } }
    }
  }
`;
// Few rows and fields: graphql-armor's cost limit counts every row a page may hold.
const WORKLIST = /* GraphQL */ `
  query {
    worklist(first: 5) {
      edges { node { id events { note } redirectedFrom { id events { note } } referral { id events { note } parts { id redirectedFrom { id } } } } }
    }
  }
`;

describe("a redirect's new receiving clinic sees its own part only", () => {
  it("still lets the referring clinic follow the whole chain through redirectedFrom", async () => {
    const result = await graphql<{ referral: { parts: { id: string; redirectedFrom: { id: string } | null }[] } }>(REFERRAL, {
      cookie: referrer.cookies[0]!,
      variables: { id: referralId },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral.parts.map((part) => part.redirectedFrom?.id ?? null)).toEqual(expect.arrayContaining([null, originalPartId]));
    expect(JSON.stringify(result)).toContain(QUESTION);
  });

  for (const [index, who] of (["clinician", "admin"] as const).entries()) {
    it(`attack: the clinic a referral was redirected to reads it, as its ${who}: NOT_FOUND (only the service's therapists see it)`, async () => {
      for (const id of [referralId, ownReferralId]) {
        const result = await graphql(REFERRAL, { cookie: redirectedTo.cookies[index]!, variables: { id } });
        expect(codeOf(result)).toBe("NOT_FOUND");
        for (const secret of [originalPartId, ownPartId, QUESTION, ANSWER, OWN_NOTE]) expect(JSON.stringify(result)).not.toContain(secret);
        refusedBy("tenancy", result);
      }
    });
  }

  it("attack: the service a referral was redirected to reads the redirecting service's part and timeline, as its therapist", async () => {
    const result = await graphql<{ referral: { parts: { id: string }[] } }>(REFERRAL, { cookie: redirectedTo.cookies[2]!, variables: { id: referralId } });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const body = JSON.stringify(result);
    expect(result.data!.referral.parts.map((part) => part.id)).not.toContain(originalPartId);
    expect(body).not.toContain(originalPartId);
    expect(body).not.toContain(QUESTION);
    expect(body).not.toContain(ANSWER);
    expect(body).not.toContain(receiver.serviceOf("OCCUPATIONAL_THERAPY").id);
    refusedBy("tenancy", { defence: "tenancy", code: "OWN_ONLY" });
  });

  it("attack: the service a referral was redirected to reads the referring clinic's own part, as its therapist", async () => {
    const result = await graphql(REFERRAL, { cookie: redirectedTo.cookies[2]!, variables: { id: ownReferralId } });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const body = JSON.stringify(result);
    expect(body).not.toContain(ownPartId);
    expect(body).not.toContain(OWN_NOTE);
    refusedBy("tenancy", { defence: "tenancy", code: "OWN_ONLY" });
  });

  it("attack: the redirected-to service's therapist reads the earlier parts through its worklist", async () => {
    const result = await graphql<{ worklist: { edges: unknown[] } }>(WORKLIST, { cookie: redirectedTo.cookies[2]! });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data!.worklist.edges).toHaveLength(2);
    const body = JSON.stringify(result);
    for (const secret of [originalPartId, ownPartId, QUESTION, ANSWER, OWN_NOTE]) expect(body).not.toContain(secret);
    refusedBy("tenancy", { defence: "tenancy", code: "OWN_ONLY" });
  });

  it("attack: the redirecting service's therapist accepts the part it sent on to another clinic's service", async () => {
    const opened = await redirectedPart();
    const result = await graphql(`mutation C($input: ChangeReferralPartInput!) { changeReferralPart(input: $input) { id status } }`, {
      cookie: receiver.cookies[0]!,
      variables: { input: { id: opened.id, action: "ACCEPT", expectedVersion: opened.version } },
    });
    expect(codeOf(result)).toBe("NOT_FOUND");
    expect(await redirectedPart()).toMatchObject({ status: "SENT", version: opened.version });
    refusedBy("tenancy", result);
  });

  it("attack: the redirecting service's therapist reads the part it sent on to another clinic's service", async () => {
    const opened = await redirectedPart();
    const result = await graphql<{ referral: { parts: { id: string }[] } }>(REFERRAL, { cookie: receiver.cookies[0]!, variables: { id: referralId } });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data!.referral.parts.map((part) => part.id)).toEqual([originalPartId]);
    expect(JSON.stringify(result)).not.toContain(opened.id);
    refusedBy("tenancy", { defence: "tenancy", code: "OWN_ONLY" });
  });
});
