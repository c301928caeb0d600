import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { changePartOk, codeOf, createPatient, createReferral, type SignedIn, threeClinics, type ThreeClinics } from "../support/api";
import { graphql } from "../support/http";

/**
 * The three-party visibility matrix: clinic A refers a patient to its own OT
 * service and to clinic B's PT service; clinic C has nothing to do with it.
 * For each user of each party, what each query and mutation that takes an id
 * or returns clinic data shows them. (tests/security/cross-clinic.test.ts
 * attacks the same surface field by field; this states what each party sees.)
 */

let t: ThreeClinics;
let referralId: string;
let otherReferralId: string;
let patientId: string;
let familyName: string;
/** A's own part (OT, at A's service) and B's (PT, at B's service), with their events' ids. */
let ownPart: { id: string; events: string[] };
let receivedPart: { id: string; events: string[] };

beforeAll(async () => {
  t = await threeClinics();
  familyName = `Visible${randomUUID().slice(0, 8)}`;
  const patient = await createPatient(t.a.author.cookie, { familyName });
  patientId = patient.id;
  const referral = await createReferral(t.a.author.cookie, patient.id, {
    disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
    overrideReason: "Both disciplines asked to see her.",
    serviceIds: [t.b.serviceOf("PHYSIOTHERAPY").id],
  });
  referralId = referral.id;
  const own = referral.parts.find((part) => part.discipline === "OCCUPATIONAL_THERAPY")!;
  const received = referral.parts.find((part) => part.discipline === "PHYSIOTHERAPY")!;
  // Each service asks the referrer something; A answers B's question.
  const ownAsked = await changePartOk(t.a.therapist.cookie, own.id, "ASK_QUESTION", own.version, { note: "A's own question" });
  const receivedAsked = await changePartOk(t.b.otherTherapist.cookie, received.id, "ASK_QUESTION", received.version, { note: "B's question" });
  await changePartOk(t.a.author.cookie, received.id, "ANSWER_QUESTION", receivedAsked.version, { note: "A's answer to B" });
  const ids = async (partId: string) => {
    const result = await graphql<{ referral: { parts: { id: string; events: { id: string }[] }[] } }>(
      `query($id: ID!) { referral(id: $id) { parts { id events { id } } } }`,
      { cookie: t.a.author.cookie, variables: { id: referralId } },
    );
    return result.data!.referral.parts.find((part) => part.id === partId)!.events.map((event) => event.id);
  };
  ownPart = { id: ownAsked.id, events: await ids(own.id) };
  receivedPart = { id: received.id, events: await ids(received.id) };
  otherReferralId = (await createReferral(t.a.author.cookie, patient.id)).id;
});

type Party = "referrer" | "receiver" | "none";
/** Every user of the three clinics, and what they are to the referral. */
const VIEWERS: [string, (t: ThreeClinics) => SignedIn, Party, "CLINIC" | "SERVICE" | "OTHER_SERVICE"][] = [
  ["A's author", (t) => t.a.author, "referrer", "CLINIC"],
  ["A's colleague", (t) => t.a.colleague, "referrer", "CLINIC"],
  ["A's admin", (t) => t.a.admin, "referrer", "CLINIC"],
  ["A's OT therapist (A's own part)", (t) => t.a.therapist, "referrer", "SERVICE"],
  // At the receiving clinic only the therapists of the service a part was sent to see it.
  ["B's clinician", (t) => t.b.clinician, "none", "CLINIC"],
  ["B's admin", (t) => t.b.admin, "none", "CLINIC"],
  ["B's PT therapist (B's part)", (t) => t.b.otherTherapist, "receiver", "SERVICE"],
  ["B's OT therapist (no part)", (t) => t.b.therapist, "none", "OTHER_SERVICE"],
  ["C's clinician", (t) => t.c.clinician, "none", "CLINIC"],
  ["C's admin", (t) => t.c.admin, "none", "CLINIC"],
  ["C's therapist", (t) => t.c.therapist, "none", "SERVICE"],
];

const REFERRAL = /* GraphQL */ `
  query Referral($id: ID!) {
    referral(id: $id) {
      id status
      parts { id events { id } }
      events { id }
      patient { id familyName referrals(first: 50) { edges { node { id } } } }
    }
  }
`;
type ReferralData = {
  referral: {
    id: string;
    status: string;
    parts: { id: string; events: { id: string }[] }[];
    events: { id: string }[];
    patient: { id: string; familyName: string; referrals: { edges: { node: { id: string } }[] } };
  } | null;
};

describe("referral(id), with its parts, events and patient", () => {
  for (const [who, session, party] of VIEWERS) {
    // A's therapist reads the referrals with a part at its service, and of those what its clinic sees.
    const sees = party === "referrer" ? "all of it" : party === "receiver" ? "its own part and events, and the patient through the referral" : "nothing (NOT_FOUND)";
    it(`as ${who}: ${sees}`, async () => {
      const result = await graphql<ReferralData>(REFERRAL, { cookie: session(t).cookie, variables: { id: referralId } });
      if (party === "none") {
        expect(codeOf(result)).toBe("NOT_FOUND");
        expect(result.data?.referral ?? null).toBeNull();
        return;
      }
      expect(result.errors).toBeUndefined();
      const referral = result.data!.referral!;
      const parts = party === "referrer" ? [ownPart, receivedPart] : [receivedPart];
      expect(referral.parts.map((part) => part.id).sort()).toEqual(parts.map((part) => part.id).sort());
      expect(referral.events.map((event) => event.id).sort()).toEqual(parts.flatMap((part) => part.events).sort());
      for (const part of referral.parts) expect(part.events.map((event) => event.id)).toEqual(parts.find((seen) => seen.id === part.id)!.events);
      // A question awaits A on its own part; B's part is back with B after A's answer.
      expect(referral.status).toBe(party === "referrer" ? "AWAITING_REFERRER" : "SENT");
      expect(referral.patient).toMatchObject({ id: patientId, familyName });
      const patientsReferrals = referral.patient.referrals.edges.map((edge) => edge.node.id);
      // A's other referral went to A's own OT service too; B reads only the one it received.
      if (party === "referrer") expect(patientsReferrals.sort()).toEqual([referralId, otherReferralId].sort());
      else expect(patientsReferrals).toEqual([referralId]);
    });
  }
});

describe("the patient, only ever found by its own clinic", () => {
  for (const [who, session, party, kind] of VIEWERS) {
    const therapist = kind !== "CLINIC";
    const expected = party === "referrer" && !therapist ? "finds them" : therapist ? "is refused (FORBIDDEN, whatever the id)" : "finds nothing";
    it(`patient(id) and patients(search) as ${who}: ${expected}`, async () => {
      const cookie = session(t).cookie;
      const byId = await graphql<{ patient: { id: string } | null }>(`query($id: ID!) { patient(id: $id) { id } }`, { cookie, variables: { id: patientId } });
      const bySearch = await graphql<{ patients: { edges: { node: { id: string } }[] } }>(
        `query($search: String) { patients(search: $search) { edges { node { id } } } }`,
        { cookie, variables: { search: familyName } },
      );
      if (party === "referrer" && !therapist) {
        expect(byId.data?.patient?.id).toBe(patientId);
        expect(bySearch.data?.patients.edges.map((edge) => edge.node.id)).toEqual([patientId]);
      } else if (therapist) {
        expect([codeOf(byId), codeOf(bySearch)]).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      } else {
        expect(codeOf(byId)).toBe("NOT_FOUND");
        expect(bySearch.data?.patients.edges).toEqual([]);
      }
    });
  }
});

describe("lists", () => {
  for (const [who, session, party] of VIEWERS.filter(([, , , kind]) => kind === "CLINIC")) {
    it(`referrals (the history of referrals sent) as ${who} ${party === "referrer" ? "holds" : "does not hold"} the referral`, async () => {
      const result = await graphql<{ referrals: { edges: { node: { id: string } }[] } }>(`{ referrals(first: 50) { edges { node { id } } } }`, {
        cookie: session(t).cookie,
      });
      const ids = result.data!.referrals.edges.map((edge) => edge.node.id);
      if (party === "referrer") expect(ids).toEqual(expect.arrayContaining([referralId, otherReferralId]));
      else expect(ids).not.toContain(referralId);
    });
  }

  for (const [who, session] of VIEWERS.filter(([, , , kind]) => kind !== "CLINIC")) {
    it(`worklist as ${who} holds only its own service's part`, async () => {
      const result = await graphql<{ worklist: { edges: { node: { id: string } }[] } }>(
        `query($filter: WorklistFilter) { worklist(first: 50, filter: $filter) { edges { node { id } } } }`,
        { cookie: session(t).cookie, variables: { filter: { status: session(t) === t.a.therapist ? "AWAITING_REFERRER" : "SENT" } } },
      );
      const ids = result.data!.worklist.edges.map((edge) => edge.node.id);
      const own = session(t) === t.a.therapist ? ownPart.id : session(t) === t.b.otherTherapist ? receivedPart.id : null;
      for (const part of [ownPart.id, receivedPart.id]) expect(ids.includes(part)).toBe(part === own);
    });
  }

  it("referralUpdates as A's author holds what both services did, and B's clinician sees none of them", async () => {
    const query = `{ referralUpdates(first: 50) { edges { node { id action referral { id } } } } }`;
    const author = await graphql<{ referralUpdates: { edges: { node: { action: string; referral: { id: string } } }[] } }>(query, { cookie: t.a.author.cookie });
    expect(author.data!.referralUpdates.edges.filter((edge) => edge.node.referral.id === referralId).map((edge) => edge.node.action)).toEqual([
      "ASK_QUESTION",
      "ASK_QUESTION",
    ]);
    const receiver = await graphql<{ referralUpdates: { edges: unknown[] } }>(query, { cookie: t.b.clinician.cookie });
    expect(receiver.data!.referralUpdates.edges).toEqual([]);
  });
});

describe("markReferralSeen(id)", () => {
  for (const [who, session, party] of VIEWERS) {
    it(`as ${who} ${party === "none" ? "answers NOT_FOUND" : "records the visit"}`, async () => {
      const result = await graphql<{ markReferralSeen: boolean }>(`mutation($id: ID!) { markReferralSeen(id: $id) }`, {
        cookie: session(t).cookie,
        variables: { id: referralId },
      });
      if (party === "none") expect(codeOf(result)).toBe("NOT_FOUND");
      else expect(result.data).toEqual({ markReferralSeen: true });
    });
  }
});
