import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvents } from "@/lib/audit";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scratchDatabase } from "../support/db";
import { refusedBy } from "../support/attacks";

/**
 * Attacks on the audit trail by someone holding the database role the portal
 * uses: the database refuses to rewrite history, and a rewrite done anyway
 * (with triggers bypassed, as only a superuser can) is caught by
 * `npm run audit:verify` run as an operator would run it.
 */

const run = promisify(execFile);

let database: Awaited<ReturnType<typeof scratchDatabase>>;
let prisma: PrismaClient;
let sql: pg.Client;

beforeAll(async () => {
  database = await scratchDatabase("audit_attack", { migrated: true });
  prisma = createPrismaClient(database.url);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  for (let write = 0; write < 6; write += 1) {
    await recordAuditEvents(prisma, [
      { clinicId: randomUUID(), userId: randomUUID(), action: "patient.read", entityType: "Patient", entityIds: [randomUUID()], outcome: "SUCCESS", ip: "192.0.2.1", userAgent: "attack-test" },
    ], { chains: 1 });
  }
});
afterAll(async () => {
  await sql.end();
  await prisma.$disconnect();
  await database.drop();
});

/** `npx tsx scripts/audit-verify.ts` against the scratch database, as a separate process. */
async function auditVerify(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run("npx", ["tsx", "scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "" };
  }
}

describe("the audit table under attack", () => {
  it("attack: UPDATE of an audit event to hide what was read is refused by the database", async () => {
    await expect(sql.query(`UPDATE "AuditEvent" SET "entityIds" = '{}' WHERE "position" = 2`)).rejects.toThrow(/append-only/);
    refusedBy("audit", { defence: "audit", code: "append-only" });
  });

  it("attack: DELETE of audit events is refused by the database", async () => {
    await expect(sql.query(`DELETE FROM "AuditEvent" WHERE "position" = 2`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.count()).toBe(6);
    refusedBy("audit", { defence: "audit", code: "append-only" });
  });

  it("attack: an event rewritten with the trigger bypassed is named by audit:verify, which exits 1", async () => {
    const intact = await auditVerify();
    expect(intact).toEqual({ code: 0, stdout: "audit chain intact: 6 events in 16 chains\n" });

    const third = await prisma.auditEvent.findUniqueOrThrow({ where: { chain_position: { chain: 0, position: 3n } } });
    await sql.query("SET session_replication_role = replica");
    await sql.query(`UPDATE "AuditEvent" SET "entityIds" = '{}' WHERE "id" = $1`, [third.id]);
    await sql.query("SET session_replication_role = origin");

    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.stdout.split("\n")[0]).toBe(
      `audit chain broken at event ${third.id} (chain 0, position 3): its hash does not match its contents and the event before it`,
    );
    expect(broken.stdout).toContain("6 events in 16 chains checked");
    refusedBy("audit", { defence: "audit", code: "chain broken, exit 1" });
  });
});
