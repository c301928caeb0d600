import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeVerification, recordAuditEvents, verifyAuditChains, type AuditEventInput } from "@/lib/audit";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scratchDatabase } from "../support/db";

/**
 * The tamper evidence of the audit trail, each on a database of its own (a
 * tampered chain must not break other tests' chains): the trigger, chains that
 * never fork under concurrent writers, and verification naming the first break.
 */

const event = (overrides: Partial<AuditEventInput> = {}): AuditEventInput => ({
  clinicId: randomUUID(),
  userId: randomUUID(),
  action: "patient.read",
  entityType: "Patient",
  entityIds: [randomUUID(), randomUUID()],
  outcome: "SUCCESS",
  ip: "192.0.2.10",
  userAgent: "Mozilla/5.0 (audit test) ✓",
  ...overrides,
});

async function auditDatabase() {
  const database = await scratchDatabase("audit", { migrated: true });
  const prisma = createPrismaClient(database.url);
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  return {
    prisma,
    sql,
    /** As the superuser the tests connect as, with triggers off for this session: the way an attacker with that role would. */
    async tamper(statement: string, values: unknown[] = []) {
      await sql.query("SET session_replication_role = replica");
      try {
        await sql.query(statement, values);
      } finally {
        await sql.query("SET session_replication_role = origin");
      }
    },
    async close() {
      await sql.end();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

type AuditDatabase = Awaited<ReturnType<typeof auditDatabase>>;

async function eventAt(prisma: PrismaClient, chain: number, position: number) {
  return prisma.auditEvent.findUniqueOrThrow({ where: { chain_position: { chain, position: BigInt(position) } } });
}

describe("the database keeps the audit trail append-only", () => {
  let db: AuditDatabase;
  beforeAll(async () => {
    db = await auditDatabase();
    await recordAuditEvents(db.prisma, [event(), event()]);
  });
  afterAll(() => db.close());

  it.each([
    ["UPDATE", `UPDATE "AuditEvent" SET "action" = 'patient.create'`],
    ["UPDATE of no row at all", `UPDATE "AuditEvent" SET "action" = 'x' WHERE false`],
    ["DELETE", `DELETE FROM "AuditEvent"`],
    ["TRUNCATE", `TRUNCATE "AuditEvent"`],
  ])("refuses %s", async (_name, statement) => {
    await expect(db.sql.query(statement)).rejects.toThrow(/AuditEvent is append-only/);
    expect(await db.prisma.auditEvent.count()).toBe(2);
  });

  it.each([
    ["moving a chain head back", `UPDATE "AuditChainHead" SET "position" = 0`],
    ["deleting a chain head", `DELETE FROM "AuditChainHead"`],
    ["truncating the chain heads", `TRUNCATE "AuditChainHead"`],
  ])("refuses %s", async (_name, statement) => {
    await expect(db.sql.query(statement)).rejects.toThrow(/AuditChainHead only moves forward/);
  });
});

describe("concurrent writers", () => {
  let db: AuditDatabase;
  beforeAll(async () => {
    db = await auditDatabase();
  });
  afterAll(() => db.close());

  it.each([1, 3])("never fork a chain: 40 writers on %i chain(s) leave gapless, verifiable chains", async (chains) => {
    const before = await db.prisma.auditEvent.count();
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        for (let write = 0; write < 5; write += 1) await recordAuditEvents(db.prisma, [event(), event({ action: "referral.read" })], { chains });
      }),
    );
    expect(await db.prisma.auditEvent.count()).toBe(before + 40 * 5 * 2);
    const heads = await db.prisma.auditChainHead.findMany({ where: { chain: { lt: chains } } });
    for (const head of heads) {
      expect(await db.prisma.auditEvent.count({ where: { chain: head.chain } })).toBe(Number(head.position));
    }
    const result = await verifyAuditChains(db.prisma, { batchSize: 37 });
    expect(result.breaks).toEqual([]);
    expect(result.events).toBe(before + 400);
  });
});

describe("the SQL function that appends hashes what Node hashes", () => {
  let db: AuditDatabase;
  beforeAll(async () => (db = await auditDatabase()));
  afterAll(() => db.close());

  it("keeps a trail that verifies when the text needs escaping: quotes, backslashes, control characters, non-Latin letters, nulls", async () => {
    await recordAuditEvents(
      db.prisma,
      [
        event({ userAgent: 'Quote " backslash \\ tab \t newline \n bell \u0007 del \u007f é 中文 😀 NUL\u0000end' }),
        event({ clinicId: null, userId: null, entityType: null, entityIds: [], ip: null, userAgent: null, outcome: "DENIED" }),
        event({ action: "auth.sign_in_failed", entityIds: [randomUUID().toUpperCase()] }),
      ],
      { chains: 1 },
    );
    const result = await verifyAuditChains(db.prisma);
    expect(result).toMatchObject({ events: 3, breaks: [] });
    const stored = await db.prisma.auditEvent.findMany({ orderBy: { position: "asc" } });
    expect(stored.map((row) => Number(row.position))).toEqual([1, 2, 3]);
    expect(stored[0]!.userAgent).toBe('Quote " backslash \\ tab \t newline \n bell \u0007 del \u007f é 中文 😀 NULend');
  });
});

describe("verification", () => {
  let db: AuditDatabase;
  beforeAll(async () => {
    db = await auditDatabase();
    // One chain, so positions are known: 1 to 20.
    for (let write = 0; write < 10; write += 1) await recordAuditEvents(db.prisma, [event(), event()], { chains: 1 });
  });
  afterAll(() => db.close());

  it("finds an untouched trail intact and says how much it checked", async () => {
    const result = await verifyAuditChains(db.prisma);
    expect(result).toMatchObject({ events: 20, chains: 16, breaks: [] });
    expect(describeVerification(result)).toEqual(["audit chain intact: 20 events in 16 chains"]);
  });

  it("names a changed event, and only the first of two in its chain", async () => {
    const fifth = await eventAt(db.prisma, 0, 5);
    const ninth = await eventAt(db.prisma, 0, 9);
    await db.tamper(`UPDATE "AuditEvent" SET "action" = 'patient.create' WHERE "id" = $1`, [fifth.id]);
    await db.tamper(`UPDATE "AuditEvent" SET "ip" = '203.0.113.1' WHERE "id" = $1`, [ninth.id]);

    const result = await verifyAuditChains(db.prisma);
    expect(result.breaks).toEqual([
      { chain: 0, position: 5n, eventId: fifth.id, reason: "its hash does not match its contents and the event before it" },
    ]);
    expect(describeVerification(result)).toEqual([
      `audit chain broken at event ${fifth.id} (chain 0, position 5): its hash does not match its contents and the event before it`,
      "audit chain broken: 1 chain broken, 20 events in 16 chains checked",
    ]);
    await db.tamper(`UPDATE "AuditEvent" SET "action" = $2 WHERE "id" = $1`, [fifth.id, fifth.action]);
    await db.tamper(`UPDATE "AuditEvent" SET "ip" = $2 WHERE "id" = $1`, [ninth.id, ninth.ip]);
    expect((await verifyAuditChains(db.prisma)).breaks).toEqual([]);
  });

  it("names the event after a deleted one", async () => {
    const twelfth = await eventAt(db.prisma, 0, 12);
    const thirteenth = await eventAt(db.prisma, 0, 13);
    await db.tamper(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [twelfth.id]);
    const result = await verifyAuditChains(db.prisma);
    expect(result.breaks).toEqual([{ chain: 0, position: 13n, eventId: thirteenth.id, reason: "1 event before it is missing" }]);
  });

  it("notices the latest events removed, by the chain head", async () => {
    const last = await eventAt(db.prisma, 0, 20);
    await db.tamper(`DELETE FROM "AuditEvent" WHERE "chain" = 0 AND "position" > 13`);
    const result = await verifyAuditChains(db.prisma);
    expect(result.breaks.map((broken) => broken.eventId)).not.toContain(last.id);
    expect(describeVerification(result)[0]).toMatch(/^audit chain broken at event .* \(chain 0, position 13\): 1 event before it is missing$/);

    const fresh = await auditDatabase();
    try {
      await recordAuditEvents(fresh.prisma, [event(), event(), event()], { chains: 1 });
      await fresh.tamper(`DELETE FROM "AuditEvent" WHERE "position" = 3`);
      expect(describeVerification(await verifyAuditChains(fresh.prisma))[0]).toBe(
        "audit chain broken at chain 0, position 3: the chain ends at position 2 but its head is at 3: the latest events are missing",
      );
    } finally {
      await fresh.close();
    }
  });
});
