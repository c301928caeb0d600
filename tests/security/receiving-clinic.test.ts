import { beforeAll, describe, expect, it } from "vitest";
import { codeOf, createPatient, createReferral, type SignedIn, threeClinics, type ThreeClinics } from "../support/api";
import { refusedBy } from "../support/attacks";
import { fhirUrl, get, letterUrl } from "../support/exports";
import { graphql } from "../support/http";

/**
 * At a receiving clinic only the therapists of the service a part was sent to
 * read that part, its referral and the patient's identity; nobody else there:
 * not its clinicians, not its administrators, not its other services
 * (lib/db/tenant.ts scopes by the viewer's service, not the clinic). Clinic A
 * refers to its own OT service and to clinic B's PT service, and sends another
 * referral of the same patient to B's OT service alone. A's trail records what
 * B read of A's patient.
 */

let t: ThreeClinics;
let patientId: string;
let familyName: string;
let referralId: string;
let receivedPartId: string;
let otherReferralId: string;

beforeAll(async () => {
  t = await threeClinics();
  familyName = `Oyelaran${Date.now().toString(36)}`;
  patientId = (await createPatient(t.a.author.cookie, { givenName: "Folake", familyName })).id;
  const referral = await createReferral(t.a.author.cookie, patientId, {
    needs: { needs: ["SELF_CARE", "PAIN"], conditions: [], notes: "Both teams, please." },
    disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
    overrideReason: "Both asked for.",
    serviceIds: [t.b.serviceOf("PHYSIOTHERAPY").id],
  });
  referralId = referral.id;
  receivedPartId = referral.parts.find((part) => part.discipline === "PHYSIOTHERAPY")!.id;
  otherReferralId = (await createReferral(t.a.author.cookie, patientId, { serviceIds: [t.b.serviceOf("OCCUPATIONAL_THERAPY").id] })).id;
});

const READ = /* GraphQL */ `
  query Read($id: ID!) {
    referral(id: $id) { id patient { id familyName referrals { edges { node { id } } } } parts { id service { id } } }
  }
`;
type ReadData = { referral: { patient: { familyName: string; referrals: { edges: { node: { id: string } }[] } }; parts: { id: string }[] } | null };

const OUTSIDERS: [string, (t: ThreeClinics) => SignedIn][] = [
  ["clinician", (t) => t.b.clinician],
  ["administrator", (t) => t.b.admin],
  ["therapist of its other service (OT)", (t) => t.b.therapist],
];

describe("the receiving clinic beyond the service a part was sent to", () => {
  for (const [who, as] of OUTSIDERS) {
    it(`attack: the receiving clinic's ${who} reads another clinic's referral sent to its PT service: NOT_FOUND, no name`, async () => {
      const result = await graphql<ReadData>(READ, { cookie: as(t).cookie, variables: { id: referralId } });
      expect(codeOf(result)).toBe("NOT_FOUND");
      expect(JSON.stringify(result)).not.toContain(familyName);
      refusedBy("tenancy", result);
    });

    it(`attack: the receiving clinic's ${who} exports it as FHIR, a letter and a patient copy: empty 404s`, async () => {
      for (const address of [fhirUrl(referralId), letterUrl(referralId), letterUrl(referralId, "?copy=patient")]) {
        const response = await get(address, as(t).cookie);
        expect(response.status).toBe(404);
        expect(await response.text()).toBe("");
        refusedBy("tenancy", { status: response.status });
      }
    });

    it(`attack: the receiving clinic's ${who} acts on the received part: NOT_FOUND, which tells neither its version nor its status`, async () => {
      for (const expectedVersion of [1, 99]) {
        const result = await graphql(`mutation C($input: ChangeReferralPartInput!) { changeReferralPart(input: $input) { id } }`, {
          cookie: as(t).cookie,
          variables: { input: { id: receivedPartId, expectedVersion, action: "ACCEPT" } },
        });
        expect(codeOf(result)).toBe("NOT_FOUND");
        refusedBy("tenancy", result);
      }
    });
  }

  it("attack: the receiving service's therapist walks patient → referrals: only the referral sent to its own service", async () => {
    const result = await graphql<ReadData>(READ, { cookie: t.b.otherTherapist.cookie, variables: { id: referralId } });
    expect(result.errors).toBeUndefined();
    const referral = result.data!.referral!;
    expect(referral.patient.familyName).toBe(familyName);
    expect(referral.parts.map((part) => part.id)).toEqual([receivedPartId]);
    expect(referral.patient.referrals.edges.map((edge) => edge.node.id)).toEqual([referralId]);
    expect(JSON.stringify(result)).not.toContain(otherReferralId);
    refusedBy("tenancy", { defence: "tenancy", code: "OWN_ONLY" });
  });

  it("records the receiving therapist's reads and exports of the patient in the referring clinic's trail too", async () => {
    await graphql(READ, { cookie: t.b.otherTherapist.cookie, variables: { id: referralId } });
    expect((await get(letterUrl(referralId), t.b.otherTherapist.cookie)).status).toBe(200);
    const trail = await graphql<{ auditEvents: { edges: { node: { userId: string | null; userName: string | null; action: string; entityIds: string[] } }[] } }>(
      `query T($filter: AuditEventFilter) { auditEvents(first: 50, filter: $filter) { edges { node { userId userName action entityIds } } } }`,
      { cookie: t.a.admin.cookie, variables: { filter: { userId: t.b.otherTherapist.id } } },
    );
    expect(trail.errors).toBeUndefined();
    const events = trail.data!.auditEvents.edges.map((edge) => edge.node);
    const actions = new Set(events.map((event) => event.action));
    for (const action of ["patient.read", "referral.read", "referral_part.read", "referral.export_letter"]) expect(actions, action).toContain(action);
    expect(events.find((event) => event.action === "patient.read")!.entityIds).toContain(patientId);
    expect(events.every((event) => event.userName !== null)).toBe(true);
  });
});
