import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/ops/migrate";
import { scratchDatabase } from "../support/db";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function emptyDatabase(purpose: string) {
  const database = await scratchDatabase(purpose);
  cleanups.push(database.drop);
  return database.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the real migrations that a test may change. */
async function migrationsCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("migrate", () => {
  it("applies every migration once and records it as prisma migrate deploy does", async () => {
    const url = await emptyDatabase("migrate_once");
    const migrations = await readMigrations();
    const first = await migrate(url);
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toHaveLength(migrations.length);
    for (const [index, migration] of migrations.entries()) {
      const file = await readFile(path.join(MIGRATIONS_DIR, migration.name, "migration.sql"));
      expect(rows[index]).toMatchObject({
        migration_name: migration.name,
        checksum: createHash("sha256").update(file).digest("hex"),
        applied_steps_count: 1,
        rolled_back_at: null,
      });
      expect(rows[index]!.finished_at).toBeInstanceOf(Date);
    }
  });

  it("is idempotent: a second run applies nothing and changes no record", async () => {
    const url = await emptyDatabase("migrate_twice");
    await migrate(url);
    const before = await query(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toHaveLength(before.length);
    expect(await query(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).toEqual(before);
  });

  it("applies each migration exactly once when two runs start together", async () => {
    const url = await emptyDatabase("migrate_concurrent");
    const [one, two] = await Promise.all([migrate(url), migrate(url)]);
    const migrations = await readMigrations();
    expect([...one.applied, ...two.applied].sort()).toEqual(migrations.map((migration) => migration.name));
    const rows = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(migrations.length);
  });

  it("refuses a migration edited after it was applied, naming it", async () => {
    const url = await emptyDatabase("migrate_tampered");
    const dir = await migrationsCopy();
    await migrate(url, { dir });
    const [first] = await readMigrations(dir);
    const file = path.join(dir, first!.name, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited later\n`);
    await expect(migrate(url, { dir })).rejects.toThrow(`Migration ${first!.name} was modified after it was applied`);
  });

  it("rolls back a failing migration whole and records nothing for it", async () => {
    const url = await emptyDatabase("migrate_failing");
    const dir = await migrationsCopy();
    const broken = path.join(dir, "29991231000000_broken");
    await mkdir(broken);
    await writeFile(path.join(broken, "migration.sql"), `CREATE TABLE "Half" ("id" INTEGER);\nSELECT no_such_function();\n`);
    await expect(migrate(url, { dir })).rejects.toThrow("Migration 29991231000000_broken failed and was rolled back");
    const half = await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Half'`);
    expect(half).toEqual([]);
    const recorded = await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`);
    expect(recorded).toEqual([]);
  });
});
