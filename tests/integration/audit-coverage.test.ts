import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patientDataFields } from "@/graphql/audit";
import { uploadAttachment } from "@/lib/attachments";
import { createRequestContext as createContext } from "@/lib/request/context";
import { schema } from "@/graphql/schema";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestClinic, statementLoggingClient, testDb, testViewer } from "../support/db";

/**
 * Every field of the schema whose type carries patient data, found by walking
 * the schema, must leave an audit event naming the ids it returned. A new such
 * field without a fixture here fails the first test.
 */

const server = createApolloServer();
let viewer: Viewer;
/** A therapist of the viewer's clinic's OT service, for the worklist and the service's actions. */
let therapist: Viewer;
let physiotherapyServiceId: string;
let patientId: string;
let otherClinicPatientId: string;

async function execute(query: string, variables: Record<string, unknown> = {}, prisma: PrismaClient = testDb(), as: Viewer = viewer) {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createContext({ prisma, viewer: as, origin: { ip: "198.51.100.4", userAgent: "coverage-test" } }) },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as { data?: Record<string, unknown> | null; errors?: unknown[] };
}

/** A referral the viewer sends to the clinic's own OT service; its id and its part's. */
async function sendReferral(): Promise<{ id: string; partId: string }> {
  const result = await execute(
    `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id parts { id } } }`,
    {
      input: {
        idempotencyKey: randomUUID(),
        patientId,
        needs: { needs: ["SELF_CARE"] },
        disciplines: ["OCCUPATIONAL_THERAPY"],
        priority: "ROUTINE",
        // One patient has them all: each after the first answers the duplicate warning.
        duplicateReason: "Audit walk: another referral for the same patient.",
      },
    },
  );
  const referral = (result.data as { createReferral: { id: string; parts: { id: string }[] } }).createReferral;
  return { id: referral.id, partId: referral.parts[0]!.id };
}

/** The therapist takes an action on a part at version 1. */
async function serviceActs(partId: string, action: string, extra: Record<string, unknown> = {}) {
  const result = await execute(
    `mutation($input: ChangeReferralPartInput!) { changeReferralPart(input: $input) { id } }`,
    { input: { id: partId, expectedVersion: 1, action, ...extra } },
    testDb(),
    therapist,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/** A referral of the viewer's that the therapist redirected to the clinic's PT service. */
async function redirectedReferral(): Promise<string> {
  const referral = await sendReferral();
  await serviceActs(referral.partId, "REDIRECT", { serviceId: physiotherapyServiceId });
  return referral.id;
}

/** A referral of the viewer's with a file the therapist attached to its part (the service's outcome). */
async function referralWithServiceAttachment(): Promise<string> {
  const referral = await sendReferral();
  async function* file() {
    yield Buffer.from("Assessment notes\n");
  }
  await uploadAttachment(createContext({ prisma: testDb(), viewer: therapist }), referral.id, { filename: "assessment.txt", body: file() });
  return referral.id;
}

const DRAFT_INPUT = () => ({ patientId, needs: ["SELF_CARE"], conditions: [], notes: "Draft notes.", overrideReason: "", priority: "ROUTINE", services: [] });
const SAVE_DRAFT = `mutation($input: ReferralDraftInput!) { saveReferralDraft(input: $input) { id } }`;
const savedDraft = async () => {
  const result = await execute(SAVE_DRAFT, { input: DRAFT_INPUT() });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
};

/** The record id inside a page cursor: patients' cursors end with it, referrals' too. */
const idInCursor = (cursor: string) => (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as string[]).at(-1)!;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Fixture {
  /** Who asks: the clinician (default) or the therapist. */
  as?: "therapist";
  /** Builds the operation; may prepare data first. */
  operation: () => Promise<{ query: string; variables?: Record<string, unknown> }>;
  action: string;
  entityType: string;
  /** The ids the response shows the field returned. */
  returned: (data: Data) => string[];
}

const patientRead = { action: "patient.read", entityType: "Patient" };
const referralRead = { action: "referral.read", entityType: "Referral" };
const partRead = { action: "referral_part.read", entityType: "ReferralPart" };
const eventRead = { action: "referral_event.read", entityType: "ReferralEvent" };
const WORKLIST_BY_NODE = { query: `{ worklist(first: 5) { edges { node { id } } } }` };
const UPDATES_BY_NODE = async () => {
  // Something the service did to a referral the viewer sent.
  await serviceActs((await sendReferral()).partId, "ACCEPT");
  return { query: `{ referralUpdates(first: 5) { edges { node { id } } } }` };
};
const ofReferral = (selection: string) => async () => ({
  query: `query($id: ID!) { referral(id: $id) { ${selection} } }`,
  variables: { id: (await sendReferral()).id },
});
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
      variables: {
        input: { idempotencyKey: randomUUID(), patientId, needs: { needs: ["PAIN"] }, disciplines: ["PHYSIOTHERAPY"], priority: "URGENT", duplicateReason: "Audit walk." },
      },
    }),
    returned: (data) => [data.createReferral.id],
  },
  "Mutation.changeReferralPart": {
    action: "referral_part.change",
    entityType: "ReferralPart",
    operation: async () => ({
      query: `mutation($input: ChangeReferralPartInput!) { changeReferralPart(input: $input) { id } }`,
      variables: { input: { id: (await sendReferral()).partId, expectedVersion: 1, action: "CANCEL", cancelReason: "NO_LONGER_NEEDED" } },
    }),
    returned: (data) => [data.changeReferralPart.id],
  },
  "Query.worklist": { ...partRead, as: "therapist", operation: async () => WORKLIST_BY_NODE, returned: (data) => data.worklist.edges.map((edge: Data) => edge.node.id) },
  "ReferralPartEdge.node": {
    ...partRead,
    as: "therapist",
    operation: async () => WORKLIST_BY_NODE,
    returned: (data) => data.worklist.edges.map((edge: Data) => edge.node.id),
  },
  "ReferralPartConnection.edges": {
    ...partRead,
    as: "therapist",
    operation: async () => ({ query: `{ worklist(first: 5) { edges { cursor } } }` }),
    returned: (data) => data.worklist.edges.map((edge: Data) => idInCursor(edge.cursor)),
  },
  "Query.referralUpdates": { ...eventRead, operation: UPDATES_BY_NODE, returned: (data) => data.referralUpdates.edges.map((edge: Data) => edge.node.id) },
  "ReferralEventEdge.node": { ...eventRead, operation: UPDATES_BY_NODE, returned: (data) => data.referralUpdates.edges.map((edge: Data) => edge.node.id) },
  "ReferralEventConnection.edges": {
    ...eventRead,
    operation: async () => {
      await UPDATES_BY_NODE();
      return { query: `{ referralUpdates(first: 5) { edges { cursor } } }` };
    },
    returned: (data) => data.referralUpdates.edges.map((edge: Data) => idInCursor(edge.cursor)),
  },
  "Referral.parts": { ...partRead, operation: ofReferral("parts { id }"), returned: (data) => data.referral.parts.map((part: Data) => part.id) },
  "ReferralEvent.part": {
    ...partRead,
    operation: ofReferral("events { part { id } }"),
    returned: (data) => data.referral.events.map((referralEvent: Data) => referralEvent.part.id),
  },
  "ReferralEvent.referral": {
    ...referralRead,
    operation: ofReferral("events { referral { id } }"),
    returned: (data) => data.referral.events.map((referralEvent: Data) => referralEvent.referral.id),
  },
  "ReferralPart.events": {
    ...eventRead,
    operation: ofReferral("parts { events { id } }"),
    returned: (data) => data.referral.parts.flatMap((part: Data) => part.events.map((referralEvent: Data) => referralEvent.id)),
  },
  "ReferralPart.referral": {
    ...referralRead,
    operation: ofReferral("parts { referral { id } }"),
    returned: (data) => data.referral.parts.map((part: Data) => part.referral.id),
  },
  "Mutation.updatePatient": {
    action: "patient.update",
    entityType: "Patient",
    operation: async () => {
      const { version } = await testDb().patient.findUniqueOrThrow({ where: { id: patientId }, select: { version: true } });
      return {
        query: `mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { id } }`,
        variables: { input: { id: patientId, expectedVersion: version, givenName: "Walk", familyName: "Patient", dateOfBirth: "1961-07-08", phone: "01632 960 999" } },
      };
    },
    returned: (data) => [data.updatePatient.id],
  },
  "Mutation.saveReferralDraft": {
    action: "referral_draft.save",
    entityType: "ReferralDraft",
    operation: async () => ({ query: SAVE_DRAFT, variables: { input: DRAFT_INPUT() } }),
    returned: (data) => [data.saveReferralDraft.id],
  },
  "Query.referralDraft": {
    action: "referral_draft.read",
    entityType: "ReferralDraft",
    operation: async () => {
      await savedDraft();
      return { query: `query($patientId: ID!) { referralDraft(patientId: $patientId) { id } }`, variables: { patientId } };
    },
    returned: (data) => [data.referralDraft.id],
  },
  "Query.referralDrafts": {
    action: "referral_draft.read",
    entityType: "ReferralDraft",
    operation: async () => {
      await savedDraft();
      return { query: `{ referralDrafts { id } }` };
    },
    returned: (data) => data.referralDrafts.map((draft: Data) => draft.id),
  },
  "ReferralDraft.patient": {
    ...patientRead,
    operation: async () => {
      await savedDraft();
      return { query: `{ referralDrafts { patient { id } } }` };
    },
    returned: (data) => data.referralDrafts.map((draft: Data) => draft.patient.id),
  },
  "Query.partsNeedingAttention": {
    ...partRead,
    operation: async () => {
      await serviceActs((await sendReferral()).partId, "ASK_QUESTION", { note: "Can she manage stairs?" });
      return { query: `{ partsNeedingAttention { id } }` };
    },
    returned: (data) => data.partsNeedingAttention.map((part: Data) => part.id),
  },
  "Referral.attachments": {
    action: "attachment.read",
    entityType: "Attachment",
    operation: async () => ({ query: `query($id: ID!) { referral(id: $id) { attachments { id } } }`, variables: { id: await referralWithServiceAttachment() } }),
    returned: (data) => data.referral.attachments.map((attachment: Data) => attachment.id),
  },
  "Attachment.part": {
    ...partRead,
    operation: async () => ({ query: `query($id: ID!) { referral(id: $id) { attachments { part { id } } } }`, variables: { id: await referralWithServiceAttachment() } }),
    returned: (data) => data.referral.attachments.map((attachment: Data) => attachment.part.id),
  },
  "ReferralPart.redirectedFrom": {
    ...partRead,
    operation: async () => ({ query: `query($id: ID!) { referral(id: $id) { parts { redirectedFrom { id } } } }`, variables: { id: await redirectedReferral() } }),
    returned: (data) => data.referral.parts.flatMap((part: Data) => (part.redirectedFrom ? [part.redirectedFrom.id] : [])),
  },
};

beforeAll(async () => {
  await server.start();
  const { clinic, users, serviceOf } = await createTestClinic([{ role: "CLINICIAN" }, { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
  viewer = testViewer(users[0]!, clinic);
  therapist = testViewer(users[1]!, clinic);
  physiotherapyServiceId = serviceOf("PHYSIOTHERAPY").id;
  const other = await createTestClinic([{ role: "CLINICIAN" }]);
  const patient = (mrn: string, clinicId: string) =>
    testDb().patient.create({ data: { clinicId, medicalRecordNumber: mrn, givenName: "Walk", familyName: "Patient", dateOfBirth: new Date("1961-07-08") } });
  patientId = (await patient(`W-${randomUUID().slice(0, 8)}`, clinic.id)).id;
  otherClinicPatientId = (await patient(`W-${randomUUID().slice(0, 8)}`, other.clinic.id)).id;
  await sendReferral();
});
afterAll(() => server.stop());

/** The viewer's (or the therapist's) events since `since`, newest first. */
const eventsSince = (since: Date, of: Viewer = viewer) =>
  testDb().auditEvent.findMany({ where: { userId: of.id, createdAt: { gte: since } }, orderBy: { createdAt: "desc" } });

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
    const as = fixture.as === "therapist" ? therapist : viewer;
    const since = new Date();
    const result = await execute(query, variables, testDb(), as);
    expect(result.errors).toBeUndefined();
    const returned = fixture.returned(result.data as Data);
    expect(returned.length).toBeGreaterThan(0);

    const recorded = (await eventsSince(since, as)).filter((event) => event.action === fixture.action && event.entityType === fixture.entityType);
    expect(recorded.flatMap((event) => event.entityIds)).toEqual(expect.arrayContaining(returned));
    expect(recorded[0]).toMatchObject({ clinicId: as.clinicId, outcome: "SUCCESS", ip: "198.51.100.4", userAgent: "coverage-test" });
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

  it("records an action on a part at a stale version as FAILURE, with the part asked for", async () => {
    const referral = await sendReferral();
    const since = new Date();
    const result = await execute(
      `mutation($input: ChangeReferralPartInput!) { changeReferralPart(input: $input) { id } }`,
      { input: { id: referral.partId, expectedVersion: 99, action: "CANCEL", cancelReason: "NO_LONGER_NEEDED" } },
    );
    expect(result.errors).toHaveLength(1);
    expect(await eventsSince(since)).toEqual([
      expect.objectContaining({ action: "referral_part.change", entityType: "ReferralPart", entityIds: [referral.partId], outcome: "FAILURE" }),
    ]);
  });

  it("records another clinic's part acted on as DENIED, with the part asked for", async () => {
    const other = await createTestClinic([{ role: "CLINICIAN" }]);
    const referral = await testDb().referral.findFirstOrThrow({ where: { clinicId: viewer.clinicId }, include: { parts: true } });
    const outsider = testViewer(other.users[0]!, other.clinic);
    const since = new Date();
    const result = await execute(
      `mutation($input: ChangeReferralPartInput!) { changeReferralPart(input: $input) { id } }`,
      { input: { id: referral.parts[0]!.id, expectedVersion: 1, action: "CANCEL", cancelReason: "NO_LONGER_NEEDED" } },
      testDb(),
      outsider,
    );
    expect(result.errors).toHaveLength(1);
    expect(await eventsSince(since, outsider)).toEqual([
      expect.objectContaining({ action: "referral_part.change", entityType: "ReferralPart", entityIds: [referral.parts[0]!.id], outcome: "DENIED" }),
    ]);
  });

  it("records nothing for a search that found no patient", async () => {
    const since = new Date();
    await execute(`{ patients(search: "Nobody-${randomUUID().slice(0, 6)}") { edges { node { id } } } }`);
    expect(await eventsSince(since)).toEqual([]);
  });
});

describe("the cost of the audit trail", () => {
  it("writes a page of 50 referrals with their patients in one statement, one event per record type", async () => {
    await Promise.all(Array.from({ length: 50 }, () => sendReferral()));
    const statements: string[] = [];
    const counted = statementLoggingClient((event) => statements.push(event.query));
    try {
      const since = new Date();
      const result = await execute(`{ referrals(first: 50) { edges { node { id patient { id } } } } }`, {}, counted);
      expect((result.data as Data).referrals.edges).toHaveLength(50);
      expect(statements.filter((statement) => /audit|AuditEvent|AuditChainHead/i.test(statement))).toEqual([
        expect.stringContaining(`SELECT "audit_append"(`),
      ]);
      const events = await eventsSince(since);
      expect(events.map((event) => [event.action, event.entityIds.length]).sort()).toEqual([["patient.read", 1], ["referral.read", 50]]);
    } finally {
      await counted.$disconnect();
    }
  });
});
