import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import { createRequestContext } from "@/lib/request/context";
import { createTestClinic, statementLoggingClient, testDb, testViewer } from "../support/db";

/**
 * Sending a referral, in SQL statements (Prisma's query log, on the resolver
 * the HTTP endpoint serves): the form's `createReferral { id }` reads nothing
 * back once the write has committed, and the reads before the write, which go
 * out together, are still judged in their old order.
 */
const statements: string[] = [];
const counted = statementLoggingClient((event) => statements.push(event.query));

const server = createApolloServer();
let viewer: Viewer;
let patientId: string;

beforeAll(async () => {
  await server.start();
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
  const user = users[0]!;
  viewer = testViewer(user, clinic);
  const patient = await testDb().patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: "S-1", givenName: "Sent", familyName: "Patient", dateOfBirth: new Date("1950-01-01") },
  });
  patientId = patient.id;
});
afterAll(async () => {
  await server.stop();
  await counted.$disconnect();
});

interface Sent {
  data: { createReferral: Record<string, unknown> } | null;
  errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;
  /** The statements after the write's COMMIT. */
  afterCommit: string[];
}

async function send(selection: string, input: Record<string, unknown> = {}): Promise<Sent> {
  statements.length = 0;
  const response = await server.executeOperation(
    {
      query: `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${selection} } }`,
      variables: {
        input: {
          idempotencyKey: randomUUID(),
          patientId,
          needs: { needs: ["SELF_CARE"] },
          disciplines: ["OCCUPATIONAL_THERAPY"],
          priority: "ROUTINE",
          // One patient has them all: each after the first answers the duplicate warning.
          duplicateReason: "Another referral for the same patient.",
          ...input,
        },
      },
    },
    { contextValue: createRequestContext({ prisma: counted, viewer }) },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  const commit = statements.findIndex((sql) => sql.startsWith("COMMIT"));
  return { data: (data as Sent["data"]) ?? null, errors, afterCommit: commit === -1 ? [] : statements.slice(commit + 1) };
}

describe("createReferral", () => {
  it("answers { id } from the row it wrote, without reading it back", async () => {
    const sent = await send("id");
    expect(sent.errors).toBeUndefined();
    expect(statements.some((sql) => sql.startsWith("COMMIT"))).toBe(true);
    expect(sent.afterCommit).toEqual([]);
    const stored = await testDb().referral.findUnique({ where: { id: sent.data!.createReferral.id as string }, select: { patientId: true, clinicId: true } });
    expect(stored).toEqual({ patientId, clinicId: viewer.clinicId });
  });

  it("reads the referral back when asked for more than that", async () => {
    const sent = await send("id priority patient { id }");
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.createReferral).toEqual({ id: expect.any(String), priority: "ROUTINE", patient: { id: patientId } });
    expect(sent.afterCommit[0]).toMatch(/FROM "public"\."Referral"/);
  });

  it("answers a resend with the first referral, whatever the reads beside it find", async () => {
    const idempotencyKey = randomUUID();
    const first = await send("id", { idempotencyKey });
    // A service that does not exist: its read fails, but the resend is answered first, as before.
    const again = await send("id", { idempotencyKey, serviceIds: [randomUUID()] });
    expect(again.errors).toBeUndefined();
    expect(again.data!.createReferral.id).toBe(first.data!.createReferral.id);
  });

  it("reports an unknown patient before an unknown service, as when the reads ran in turn", async () => {
    const sent = await send("id", { patientId: randomUUID(), serviceIds: [randomUUID()] });
    expect(sent.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(sent.errors?.[0]?.message).toMatch(/^Patient/);
  });
});
