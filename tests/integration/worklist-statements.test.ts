import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import { createRequestContext as createContext } from "@/lib/request/context";
import { createTestClinic, isAuditWrite, statementLoggingClient, testDb, testViewer } from "../support/db";

/**
 * The worklist at scale: a service of its own with 100,000 parts (seeded in one
 * INSERT … SELECT generate_series), and the cost of a page in SQL statements,
 * counted by Prisma's query log on the resolvers the HTTP endpoint serves, and
 * the plan of its main statement.
 */

const PARTS = 100_000;
/** Parts share referrals (a hundred each) so that seeding stays fast; the worklist reads parts. */
const REFERRALS = 1_000;

const statements: { query: string; params: string }[] = [];
const counted = statementLoggingClient((event) => statements.push({ query: event.query, params: event.params }));

const server = createApolloServer();
let therapist: Viewer;
let serviceId: string;

beforeAll(async () => {
  await server.start();
  const { clinic, users, serviceOf } = await createTestClinic([{ role: "CLINICIAN" }, { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
  const [author, user] = users as [(typeof users)[0], (typeof users)[0]];
  therapist = testViewer(user, clinic);
  serviceId = serviceOf("OCCUPATIONAL_THERAPY").id;
  const patient = await testDb().patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: "W-1", givenName: "Worklist", familyName: "Patient", dateOfBirth: new Date("1950-01-01") },
  });
  // Every priority; a tenth of the parts already accepted; parts sent a minute apart.
  await testDb().$executeRawUnsafe(
    `INSERT INTO "Referral" ("id", "clinicId", "patientId", "authorId", "idempotencyKey", "needs", "conditions", "notes",
                             "recommendation", "triage", "rulesetVersion", "disciplines", "priority", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, gen_random_uuid(), '{SELF_CARE}', '{}', '', 'OCCUPATIONAL_THERAPY',
            '{}'::jsonb, 'scale', '{OCCUPATIONAL_THERAPY}',
            (ARRAY['ROUTINE','URGENT','ASAP','STAT'])[1 + i % 4]::"ReferralPriority", now(), now()
       FROM generate_series(1, ${REFERRALS}) AS i`,
    clinic.id,
    patient.id,
    author.id,
  );
  await testDb().$executeRawUnsafe(
    `WITH referrals AS (SELECT "id", "priority", row_number() OVER (ORDER BY "id") - 1 AS n FROM "Referral" WHERE "clinicId" = $2::uuid)
     INSERT INTO "ReferralPart" ("id", "referralId", "serviceId", "discipline", "status", "priorityRank", "sentAt", "updatedAt")
     SELECT gen_random_uuid(), r."id", $1::uuid, 'OCCUPATIONAL_THERAPY',
            (CASE WHEN i % 10 = 0 THEN 'ACCEPTED' ELSE 'SENT' END)::"ReferralStatus",
            CASE r."priority" WHEN 'STAT' THEN 3 WHEN 'ASAP' THEN 2 WHEN 'URGENT' THEN 1 ELSE 0 END,
            now() - i * interval '1 minute', now()
       FROM generate_series(1, ${PARTS}) AS i JOIN referrals r ON r.n = i % ${REFERRALS}`,
    serviceId,
    clinic.id,
  );
  await testDb().$executeRawUnsafe(`ANALYZE "Referral", "ReferralPart", "TherapyService", "ReferralView"`);
}, 60_000);
afterAll(async () => {
  await server.stop();
  await counted.$disconnect();
});


const PAGE = /* GraphQL */ `
  query Worklist($first: Int, $after: String) {
    worklist(first: $first, after: $after) {
      edges {
        cursor
        node {
          id priority status sentAt version viewerOpenedAt changedSinceViewerOpened allowedActions
          waiting { workingDays targetWorkingDays overdue }
          service { name }
          referral { id needs notes patient { givenName familyName medicalRecordNumber } author { name } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

async function page(variables: Record<string, unknown>) {
  statements.length = 0;
  const response = await server.executeOperation({ query: PAGE, variables }, { contextValue: createContext({ prisma: counted, viewer: therapist }) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  const data = response.body.singleResult.data as { worklist: { edges: { node: { id: string; status: string } }[] } };
  const reads = statements.filter((statement) => !isAuditWrite(statement.query));
  return { count: reads.length, main: reads[0]!, rows: data.worklist.edges.map((edge) => edge.node) };
}

/** A cursor at the part `offset` places into the service's queue, encoded as the API encodes worklist cursors. */
async function cursorAt(offset: number): Promise<string> {
  const [row] = await testDb().$queryRawUnsafe<{ priorityRank: number; sentAt: Date; id: string }[]>(
    `SELECT "priorityRank", "sentAt", "id" FROM "ReferralPart" WHERE "serviceId" = $1::uuid AND "status" = 'SENT'
      ORDER BY "priorityRank" DESC, "sentAt", "id" OFFSET ${offset} LIMIT 1`,
    serviceId,
  );
  return Buffer.from(JSON.stringify([String(row!.priorityRank), row!.sentAt.toISOString(), row!.id])).toString("base64url");
}

async function explain(statement: { query: string; params: string }): Promise<string> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.query}`, JSON.parse(statement.params) as unknown[]);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await client.end();
  }
}

describe(`a worklist page's cost at ${PARTS.toLocaleString("en")} parts`, () => {
  it("is a fixed number of SQL statements, the same for 5 and 50 rows, on the first page and deep in the list", async () => {
    const deep = await cursorAt(60_000);
    const first50 = await page({ first: 50 });
    const first5 = await page({ first: 5 });
    const deep50 = await page({ first: 50, after: deep });
    const deep5 = await page({ first: 5, after: deep });
    console.log(
      `worklist page statements (${PARTS} parts): first page 50 rows → ${first50.count}, 5 rows → ${first5.count}; ` +
        `after a cursor 60,000 deep 50 rows → ${deep50.count}, 5 rows → ${deep5.count} (the audit trail's writes apart)`,
    );
    expect(first50.rows).toHaveLength(50);
    expect(deep50.rows).toHaveLength(50);
    expect(first50.rows.every((row) => row.status === "SENT")).toBe(true);
    expect(new Set([first50.count, first5.count, deep50.count, deep5.count]).size).toBe(1);
    expect(first50.count).toBeLessThanOrEqual(7);
  });

  it("reads the page from the (serviceId, status, priorityRank, sentAt, id) index, without a Seq Scan or a Sort", async () => {
    const deep = await page({ first: 50, after: await cursorAt(60_000) });
    const first = await page({ first: 50 });
    for (const [what, statement] of [["first page", first.main], ["after a cursor 60,000 deep", deep.main]] as const) {
      expect(statement.query).toMatch(/FROM "public"\."ReferralPart"/);
      const plan = await explain(statement);
      console.log(`worklist main statement, ${what}:\n${statement.query}\n${plan}`);
      expect(plan).toContain("ReferralPart_serviceId_status_priorityRank_sentAt_id_idx");
      expect(plan).not.toMatch(/Seq Scan on "ReferralPart"|Sort/);
    }
  });
});
