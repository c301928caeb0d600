import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createAdministrator } from "@/lib/ops/administrator";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded";
import { seedsDemoData } from "@/lib/ops/seed";
import { scratchDatabase } from "../support/db";

/** What an operator runs beside the portal: the database commands, the first administrator, the demo-data rule. */

describe("database commands beside a running portal", () => {
  it("attach to the embedded PostgreSQL that is already running on the data folder instead of starting a second", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "portal-attach-"));
    const dataDir = path.join(dir, "postgres");
    const running = await startEmbeddedPostgres({ dataDir, persistent: true, port: await freePort(), onLog: () => undefined });
    try {
      const lines: string[] = [];
      const second = await startEmbeddedPostgres({ dataDir, persistent: true, port: await freePort(), onLog: (line) => lines.push(line) });
      expect(second.adminUrl).toBe(running.adminUrl);
      expect(lines.join("\n")).toMatch(/already running on port/);
      const client = new pg.Client({ connectionString: second.adminUrl });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows[0].one).toBe(1);
      await client.end();
      await second.stop();
      // Stopping the attached handle leaves the running server alone.
      const again = new pg.Client({ connectionString: running.adminUrl });
      await again.connect();
      await again.end();
    } finally {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the first administrator of a real deployment", () => {
  it("creates the clinic and its administrator, then adds a second administrator to the same clinic by name", async () => {
    const database = await scratchDatabase("admin", { migrated: true });
    const prisma = createPrismaClient(database.url);
    try {
      const first = await createAdministrator(prisma, { clinic: "Northam Clinic", email: "Lead@Northam.example", name: "Lead", password: "a-sturdy-unusual-passphrase-1" });
      expect(first.createdClinic).toBe(true);
      const second = await createAdministrator(prisma, { clinic: "Northam Clinic", email: "second@northam.example", name: "Second", password: "a-sturdy-unusual-passphrase-2" });
      expect(second).toMatchObject({ clinicId: first.clinicId, createdClinic: false });
      const admins = await prisma.user.findMany({ where: { clinicId: first.clinicId }, orderBy: { name: "asc" } });
      expect(admins.map((user) => [user.email, user.role, user.active])).toEqual([
        ["lead@northam.example", "ADMIN", true],
        ["second@northam.example", "ADMIN", true],
      ]);
      expect(await prisma.auditEvent.count({ where: { clinicId: first.clinicId, action: "user.create" } })).toBe(2);
      const services = await prisma.therapyService.findMany({ where: { clinicId: first.clinicId }, orderBy: { discipline: "asc" } });
      expect(services.map((service) => service.discipline)).toEqual(["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"]);
    } finally {
      await prisma.$disconnect();
      await database.drop();
    }
  });

  it("refuses a weak password and an email already in use, creating nothing", async () => {
    const database = await scratchDatabase("admin-refused", { migrated: true });
    const prisma = createPrismaClient(database.url);
    try {
      await expect(createAdministrator(prisma, { clinic: "Weak", email: "w@weak.example", name: "W", password: "password123" })).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
      });
      await createAdministrator(prisma, { clinic: "Taken", email: "t@taken.example", name: "T", password: "a-sturdy-unusual-passphrase-3" });
      await expect(createAdministrator(prisma, { clinic: "Other", email: "t@taken.example", name: "T2", password: "a-sturdy-unusual-passphrase-4" })).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
      });
      expect(await prisma.clinic.findMany({ select: { name: true } })).toEqual([{ name: "Taken" }]);
    } finally {
      await prisma.$disconnect();
      await database.drop();
    }
  });

  it("asks for the password on a terminal only, and otherwise says how to give one", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/create-admin.ts", "--clinic", "C", "--email", "c@c.example", "--name", "C"], {
      encoding: "utf8",
      input: "",
      env: { ...process.env, ADMIN_PASSWORD: "", DATABASE_URL: "" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--password-file FILE or ADMIN_PASSWORD/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("demo data", () => {
  it.each([
    [true, false, true],
    [false, false, false],
    [false, true, true],
  ])("embedded %s, SEED_DEMO_DATA %s: demo accounts seeded %s", (embedded, asked, seeded) => {
    expect(seedsDemoData({ embedded, seedDemoData: asked })).toBe(seeded);
  });
});
