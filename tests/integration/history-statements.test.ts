import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestContext as createContext } from "@/lib/request/context";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import { triage } from "@/lib/triage";
import { createTestClinic, isAuditWrite, statementLoggingClient, testDb, testViewer } from "../support/db";

/**
 * The cost of a history page in SQL statements, counted by Prisma's query log
 * on the same schema and resolvers the HTTP endpoint serves.
 */
const statements: string[] = [];
const counted = statementLoggingClient((event) => statements.push(event.query));

const server = createApolloServer();
let viewer: Viewer;

beforeAll(async () => {
  await server.start();
  const { clinic, users, serviceOf } = await createTestClinic([{ role: "CLINICIAN" }, { role: "CLINICIAN" }, { role: "ADMIN" }]);
  const result = triage({ needs: ["SELF_CARE"] });
  const patients = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      testDb().patient.create({
        data: { clinicId: clinic.id, medicalRecordNumber: `S-${index}-${randomUUID().slice(0, 6)}`, givenName: "Page", familyName: `Patient ${index}`, dateOfBirth: new Date("1960-01-01") },
      }),
    ),
  );
  const referrals = Array.from({ length: 60 }, (_, index) => ({
    id: randomUUID(),
    clinicId: clinic.id,
    patientId: patients[index % patients.length]!.id,
    authorId: users[index % users.length]!.id,
    idempotencyKey: randomUUID(),
    needs: ["SELF_CARE"],
    conditions: [],
    notes: "",
    recommendation: result.recommendation,
    triage: JSON.parse(JSON.stringify(result)),
    rulesetVersion: result.rulesetVersion,
    disciplines: ["OCCUPATIONAL_THERAPY" as const],
    priority: "ROUTINE" as const,
  }));
  await testDb().referral.createMany({ data: referrals });
  // Each referral's part at the clinic's OT service: a history row's status sums its parts up.
  await testDb().referralPart.createMany({
    data: referrals.map((referral) => ({ referralId: referral.id, serviceId: serviceOf("OCCUPATIONAL_THERAPY").id, discipline: "OCCUPATIONAL_THERAPY" as const, priorityRank: 0 })),
  });
  const user = users[0]!;
  viewer = testViewer(user, clinic);
});
afterAll(async () => {
  await server.stop();
  await counted.$disconnect();
});


async function statementsFor(query: string, variables: Record<string, unknown>) {
  statements.length = 0;
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext({ prisma: counted, viewer }) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  return {
    count: statements.filter((sql) => !isAuditWrite(sql)).length,
    audit: statements.filter(isAuditWrite).length,
    data: response.body.singleResult.data as { referrals: { edges: unknown[] } },
  };
}

const PAGE = /* GraphQL */ `
  query Page($first: Int, $filter: ReferralFilter) {
    referrals(first: $first, filter: $filter) {
      edges { cursor node { id status priority createdAt patient { givenName familyName medicalRecordNumber } author { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe("a history page's cost in SQL statements", () => {
  it("is one statement for 50 referrals with patient and author names, as for 5, and one more for the audit trail", async () => {
    const fifty = await statementsFor(PAGE, { first: 50 });
    const five = await statementsFor(PAGE, { first: 5 });
    console.log(
      `history page statements: 50 rows → ${fifty.count} (+${fifty.audit} for the audit trail), 5 rows → ${five.count} (+${five.audit})`,
    );
    expect(fifty.data.referrals.edges).toHaveLength(50);
    expect(fifty.count).toBe(1);
    expect(fifty.count).toBe(five.count);
    expect(fifty.audit).toBe(1);
    expect(five.audit).toBe(1);
  });

  it("reads only the columns the page shows: not the notes, the triage result or anyone's password hash", async () => {
    await statementsFor(PAGE, { first: 50 });
    const page = statements.find((sql) => sql.includes('FROM "public"."Referral"'));
    expect(page).toBeDefined();
    for (const column of ['"notes"', '"triage"', '"needs"', '"conditions"', '"passwordHash"', "'passwordHash'"]) {
      expect(page, column).not.toContain(column);
    }
    expect(page).toContain('"createdAt"');
  });

  it("is two statements with a patient filter, which first checks the patient is the clinic's", async () => {
    const patient = await testDb().patient.findFirstOrThrow({ where: { clinicId: viewer.clinicId } });
    const filtered = await statementsFor(PAGE, { first: 50, filter: { patientId: patient.id } });
    expect(filtered.data.referrals.edges.length).toBeGreaterThan(0);
    expect(filtered.count).toBe(2);
  });

  it("stays one statement with each referral's parts and their services, whatever the page size", async () => {
    const withParts = PAGE.replace("author { name }", "author { name } parts { id status discipline service { name } }");
    const fifty = await statementsFor(withParts, { first: 50 });
    const five = await statementsFor(withParts, { first: 5 });
    console.log(`history page with parts: 50 rows → ${fifty.count}, 5 rows → ${five.count}`);
    // The parts, for the status and the list together, and their services join the same statement.
    expect(fifty.count).toBe(1);
    expect(fifty.count).toBe(five.count);
  });
});
