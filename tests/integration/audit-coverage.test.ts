import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { patientDataFields } from "@/graphql/audit";
import { createRequestContext as createContext } from "@/lib/request/context";
import { schema } from "@/graphql/schema";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/generated/prisma/enums";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestClinic, testDb } from "../support/db";

/**
 * Every field of the schema whose type carries patient data, found by walking
 * the schema, must leave an audit event naming the ids it returned. A new such
 * field without a fixture here fails the first test.
 */

const server = createApolloServer();
const viewerOf = (user: { id: string; name: string; email: string; role: Role; serviceId: string | null }, clinic: { id: string; name: string }): Viewer => ({
  id: user.id, name: user.name, email: user.email, role: user.role, clinicId: clinic.id, clinicName: clinic.name, serviceId: user.serviceId,
});
let viewer: Viewer;
let patientId: string;
let otherClinicPatientId: string;

async function execute(query: string, variables: Record<string, unknown> = {}, prisma: PrismaClient = testDb()) {
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext({ prisma, viewer, origin: { ip: "198.51.100.4", userAgent: "coverage-test" } }) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as { data?: Record<string, unknown> | null; errors?: unknown[] };
}

async function sendReferral(): Promise<{ id: string; version: number }> {
  const result = await execute(
    `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
    { input: { idempotencyKey: randomUUID(), patientId, needs: { needs: ["SELF_CARE"] }, disciplines: ["OCCUPATIONAL_THERAPY"], priority: "ROUTINE" } },
  );
  return (result.data as { createReferral: { id: string; version: number } }).createReferral;
}

/** The record id inside a page cursor: patients' cursors end with it, referrals' too. */
const idInCursor = (cursor: string) => (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as string[]).at(-1)!;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Fixture {
  /** Builds the operation; may prepare data first. */
  operation: () => Promise<{ query: string; variables?: Record<string, unknown> }>;
  action: string;
  entityType: string;
  /** The ids the response shows the field returned. */
  returned: (data: Data) => string[];
}

const patientRead = { action: "patient.read", entityType: "Patient" };
const referralRead = { action: "referral.read", entityType: "Referral" };
const PATIENTS_BY_NODE = { query: `{ patients(first: 5) { edges { node { id } } } }` };
const REFERRALS_BY_NODE = { query: `{ referrals(first: 5) { edges { node { id } } } }` };

const FIXTURES: Record<string, Fixture> = {
  "Query.patient": {
    ...patientRead,
    operation: async () => ({ query: `query($id: ID!) { patient(id: $id) { id } }`, variables: { id: patientId } }),
    returned: (data) => [data.patient.id],
  },
  "Query.patients": { ...patientRead, operation: async () => PATIENTS_BY_NODE, returned: (data) => data.patients.edges.map((edge: Data) => edge.node.id) },
  "PatientEdge.node": { ...patientRead, operation: async () => PATIENTS_BY_NODE, returned: (data) => data.patients.edges.map((edge: Data) => edge.node.id) },
  // Cursors alone encode the rows they page over: a page read only for them is still a read.
  "PatientConnection.edges": {
    ...patientRead,
    operation: async () => ({ query: `{ patients(first: 5) { edges { cursor } } }` }),
    returned: (data) => data.patients.edges.map((edge: Data) => idInCursor(edge.cursor)),
  },
  "Query.referral": {
    ...referralRead,
    operation: async () => ({ query: `query($id: ID!) { referral(id: $id) { id } }`, variables: { id: (await sendReferral()).id } }),
    returned: (data) => [data.referral.id],
  },
  "Query.referrals": { ...referralRead, operation: async () => REFERRALS_BY_NODE, returned: (data) => data.referrals.edges.map((edge: Data) => edge.node.id) },
  "ReferralEdge.node": { ...referralRead, operation: async () => REFERRALS_BY_NODE, returned: (data) => data.referrals.edges.map((edge: Data) => edge.node.id) },
  "ReferralConnection.edges": {
    ...referralRead,
    operation: async () => ({ query: `{ referrals(first: 5) { edges { cursor } } }` }),
    returned: (data) => data.referrals.edges.map((edge: Data) => idInCursor(edge.cursor)),
  },
  "Patient.referrals": {
    ...referralRead,
    operation: async () => ({ query: `query($id: ID!) { patient(id: $id) { referrals(first: 5) { edges { node { id } } } } }`, variables: { id: patientId } }),
    returned: (data) => data.patient.referrals.edges.map((edge: Data) => edge.node.id),
  },
  "Referral.patient": {
    ...patientRead,
    operation: async () => ({ query: `query($id: ID!) { referral(id: $id) { patient { id } } }`, variables: { id: (await sendReferral()).id } }),
    returned: (data) => [data.referral.patient.id],
  },
  "Referral.events": {
    action: "referral_event.read",
    entityType: "ReferralEvent",
    operation: async () => ({ query: `query($id: ID!) { referral(id: $id) { events { id } } }`, variables: { id: (await sendReferral()).id } }),
    returned: (data) => data.referral.events.map((referralEvent: Data) => referralEvent.id),
  },
  "Mutation.createPatient": {
    action: "patient.create",
    entityType: "Patient",
    operation: async () => ({
      query: `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
      variables: { input: { medicalRecordNumber: `A-${randomUUID().slice(0, 8)}`, givenName: "Audit", familyName: "Walk", dateOfBirth: "1950-03-04" } },
    }),
    returned: (data) => [data.createPatient.id],
  },
  "Mutation.createReferral": {
    action: "referral.create",
    entityType: "Referral",
    operation: async () => ({
      query: `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
      variables: { input: { idempotencyKey: randomUUID(), patientId, needs: { needs: ["PAIN"] }, disciplines: ["PHYSIOTHERAPY"], priority: "URGENT" } },
    }),
    returned: (data) => [data.createReferral.id],
  },
  "Mutation.changeReferralStatus": {
    action: "referral.status_change",
    entityType: "Referral",
    operation: async () => {
      const referral = await sendReferral();
      return {
        query: `mutation($id: ID!, $version: Int!) { changeReferralStatus(id: $id, status: CANCELLED, expectedVersion: $version) { id } }`,
        variables: { id: referral.id, version: referral.version },
      };
    },
    returned: (data) => [data.changeReferralStatus.id],
  },
};

beforeAll(async () => {
  await server.start();
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
  viewer = viewerOf(users[0]!, clinic);
  const other = await createTestClinic([{ role: "CLINICIAN" }]);
  const patient = (mrn: string, clinicId: string) =>
    testDb().patient.create({ data: { clinicId, medicalRecordNumber: mrn, givenName: "Walk", familyName: "Patient", dateOfBirth: new Date("1961-07-08") } });
  patientId = (await patient(`W-${randomUUID().slice(0, 8)}`, clinic.id)).id;
  otherClinicPatientId = (await patient(`W-${randomUUID().slice(0, 8)}`, other.clinic.id)).id;
  await sendReferral();
});
afterAll(() => server.stop());

/** The viewer's events since `since`, newest first. */
const eventsSince = (since: Date) =>
  testDb().auditEvent.findMany({ where: { userId: viewer.id, createdAt: { gte: since } }, orderBy: { createdAt: "desc" } });

describe("every field that returns patient data is on the audit trail", () => {
  const fields = patientDataFields(schema).sort();

  it("has a fixture for each such field in the schema, and none for fields that are gone", () => {
    expect(fields.length).toBeGreaterThan(10);
    expect(Object.keys(FIXTURES).sort()).toEqual(fields);
  });

  it.each(fields)("%s records the ids it returned", async (coordinate) => {
    const fixture = FIXTURES[coordinate];
    if (!fixture) throw new Error(`add an audit fixture for ${coordinate}`);
    const { query, variables } = await fixture.operation();
    const since = new Date();
    const result = await execute(query, variables);
    expect(result.errors).toBeUndefined();
    const returned = fixture.returned(result.data as Data);
    expect(returned.length).toBeGreaterThan(0);

    const recorded = (await eventsSince(since)).filter((event) => event.action === fixture.action && event.entityType === fixture.entityType);
    expect(recorded.flatMap((event) => event.entityIds)).toEqual(expect.arrayContaining(returned));
    expect(recorded[0]).toMatchObject({ clinicId: viewer.clinicId, outcome: "SUCCESS", ip: "198.51.100.4", userAgent: "coverage-test" });
  });
});

describe("refusals and failures are on the audit trail too", () => {
  it("records another clinic's patient asked for as DENIED, with the id asked for", async () => {
    const since = new Date();
    const result = await execute(`query($id: ID!) { patient(id: $id) { id } }`, { id: otherClinicPatientId });
    // The code itself is checked over HTTP (tests/api); in-process, vitest loads two copies of graphql and the error mapping cannot see it.
    expect(result.errors).toHaveLength(1);
    expect(await eventsSince(since)).toEqual([
      expect.objectContaining({ action: "patient.read", entityType: "Patient", entityIds: [otherClinicPatientId], outcome: "DENIED", clinicId: viewer.clinicId }),
    ]);
  });

  it("records a status change on a stale version as FAILURE", async () => {
    const referral = await sendReferral();
    const since = new Date();
    const result = await execute(
      `mutation($id: ID!) { changeReferralStatus(id: $id, status: CANCELLED, expectedVersion: 99) { id } }`,
      { id: referral.id },
    );
    expect(result.errors).toHaveLength(1);
    expect(await eventsSince(since)).toEqual([
      expect.objectContaining({ action: "referral.status_change", entityType: "Referral", entityIds: [referral.id], outcome: "FAILURE" }),
    ]);
  });

  it("records nothing for a search that found no patient", async () => {
    const since = new Date();
    await execute(`{ patients(search: "Nobody-${randomUUID().slice(0, 6)}") { edges { node { id } } } }`);
    expect(await eventsSince(since)).toEqual([]);
  });
});

describe("the cost of the audit trail", () => {
  it("writes a page of 50 referrals with their patients in one INSERT of one event per record type", async () => {
    await Promise.all(Array.from({ length: 50 }, () => sendReferral()));
    const statements: string[] = [];
    const counted = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("databaseUrl") }), log: [{ emit: "event", level: "query" }] });
    counted.$on("query", (event) => statements.push(event.query));
    try {
      const since = new Date();
      const result = await execute(`{ referrals(first: 50) { edges { node { id patient { id } } } } }`, {}, counted);
      expect((result.data as Data).referrals.edges).toHaveLength(50);
      expect(statements.filter((statement) => statement.startsWith(`INSERT INTO "public"."AuditEvent"`))).toHaveLength(1);
      const events = await eventsSince(since);
      expect(events.map((event) => [event.action, event.entityIds.length]).sort()).toEqual([["patient.read", 1], ["referral.read", 50]]);
    } finally {
      await counted.$disconnect();
    }
  });
});
