import { beforeAll, describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf, createPatient, createReferral } from "../support/api";
import { graphql } from "../support/http";

const AUDIT_EVENTS = /* GraphQL */ `
  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id createdAt userId userName action entityType entityIds outcome ip userAgent } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
interface AuditEventNode {
  id: string;
  createdAt: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entityType: string | null;
  entityIds: string[];
  outcome: string;
  ip: string | null;
  userAgent: string | null;
}
type AuditData = { auditEvents: { edges: { node: AuditEventNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

let adminCookie: string;
let clinicianCookie: string;
let clinicianId: string;
let clinicianName: string;
let patientId: string;
let otherAdminCookie: string;
let otherPatientId: string;

const auditEvents = (cookie: string, variables: Record<string, unknown> = {}) => graphql<AuditData>(AUDIT_EVENTS, { cookie, variables });
const nodes = (result: { data?: AuditData | null }) => result.data?.auditEvents.edges.map((edge) => edge.node) ?? [];

beforeAll(async () => {
  const clinic = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
  [adminCookie, clinicianCookie] = clinic.cookies as [string, string];
  clinicianId = clinic.users[1]!.id;
  clinicianName = clinic.users[1]!.name;
  patientId = (await createPatient(clinicianCookie)).id;
  await createReferral(clinicianCookie, patientId);
  await graphql(`query($id: ID!) { patient(id: $id) { id givenName } }`, {
    cookie: clinicianCookie,
    variables: { id: patientId },
    headers: { "user-agent": "audit-api-test", "x-forwarded-for": "203.0.113.9" },
  });

  const other = await clinicWithSessions(["ADMIN"]);
  otherAdminCookie = other.cookies[0]!;
  otherPatientId = (await createPatient(otherAdminCookie)).id;
});

describe("auditEvents for a clinic administrator", () => {
  it("lists the clinic's events newest first, with who, what, which records and from where", async () => {
    const events = nodes(await auditEvents(adminCookie, { filter: { userId: clinicianId } }));
    expect(new Set(events.map((event) => event.action))).toEqual(
      // createReferral's answer (tests/support/api.ts) reads the new referral's parts and their events.
      new Set(["auth.sign_in", "patient.create", "referral.create", "patient.read", "referral_part.read", "referral_event.read"]),
    );
    expect(events.at(-1)).toMatchObject({ action: "auth.sign_in", entityIds: [clinicianId] });
    expect(events.at(-2)).toMatchObject({ action: "patient.create", entityIds: [patientId] });
    expect(events[0]).toMatchObject({
      action: "patient.read",
      userId: clinicianId,
      userName: clinicianName,
      entityType: "Patient",
      entityIds: [patientId],
      outcome: "SUCCESS",
      ip: "203.0.113.9",
      userAgent: "audit-api-test",
    });
    const times = events.map((event) => event.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("pages by cursor without repeating or skipping an event", async () => {
    const all = nodes(await auditEvents(adminCookie, { first: 50 }));
    const first = await auditEvents(adminCookie, { first: 2 });
    expect(first.data?.auditEvents.pageInfo.hasNextPage).toBe(true);
    const second = await auditEvents(adminCookie, { first: 50, after: first.data?.auditEvents.pageInfo.endCursor });
    expect([...nodes(first), ...nodes(second)].map((event) => event.id)).toEqual(all.map((event) => event.id));
  });

  it("filters by patient, action and date", async () => {
    const byPatient = nodes(await auditEvents(adminCookie, { filter: { patientId } }));
    expect(byPatient.length).toBeGreaterThanOrEqual(2);
    expect(byPatient.every((event) => event.entityIds.includes(patientId))).toBe(true);

    const created = nodes(await auditEvents(adminCookie, { filter: { action: "referral.create" } }));
    expect(created.map((event) => [event.userId, event.entityType])).toEqual([[clinicianId, "Referral"]]);

    const today = new Date().toISOString().slice(0, 10);
    expect(nodes(await auditEvents(adminCookie, { filter: { createdFrom: today, createdTo: today } })).length).toBeGreaterThan(0);
    expect(nodes(await auditEvents(adminCookie, { filter: { createdTo: "2020-01-01" } }))).toEqual([]);
  });

  it("refuses more than 50 events a page and a filter id that is not an id", async () => {
    expect(codeOf(await auditEvents(adminCookie, { first: 51 }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await auditEvents(adminCookie, { filter: { userId: "someone" } }))).toBe("BAD_USER_INPUT");
  });
});

describe("auditEvents for anyone else", () => {
  it("is FORBIDDEN to a clinician", async () => {
    const result = await auditEvents(clinicianCookie);
    expect(codeOf(result)).toBe("FORBIDDEN");
    expect(result.data?.auditEvents ?? null).toBeNull();
  });

  it("never lists another clinic's events, even filtered by that clinic's ids", async () => {
    const ownIds = new Set(nodes(await auditEvents(adminCookie, { first: 50 })).map((event) => event.id));
    const others = nodes(await auditEvents(otherAdminCookie, { first: 50 }));
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((event) => ownIds.has(event.id))).toBe(false);
    expect(nodes(await auditEvents(otherAdminCookie, { filter: { patientId } }))).toEqual([]);
    expect(nodes(await auditEvents(otherAdminCookie, { filter: { userId: clinicianId } }))).toEqual([]);
    expect(nodes(await auditEvents(adminCookie, { filter: { patientId: otherPatientId } }))).toEqual([]);
  });
});
