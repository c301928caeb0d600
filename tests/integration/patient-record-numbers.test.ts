import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { createPatient, createPatientSchema, listPatients } from "@/lib/patients";
import { createRequestContext } from "@/lib/request/context";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/ops/migrate";
import { createTestClinic, scratchDatabase, testDb } from "../support/db";

/**
 * Record numbers are stored trimmed and upper-cased, so the clinic's unique index
 * refuses " rcc-1001 " beside "RCC-1001"; search finds a part of a name or number
 * anywhere in it, ignoring case, and only in the viewer's own clinic.
 */

const THIS_MIGRATION = "20261201110000_patient_record_numbers";

async function clinicViewer(): Promise<Viewer> {
  const clinic = await createTestClinic([{ role: "CLINICIAN" }]);
  const user = clinic.users[0]!;
  return { id: user.id, name: user.name, email: user.email, role: "CLINICIAN", clinicId: clinic.clinic.id, clinicName: clinic.clinic.name, serviceId: null };
}

const contextOf = (viewer: Viewer) => createRequestContext({ prisma: testDb(), viewer, origin: { ip: "192.0.2.7", userAgent: "vitest" } });
// A family name of its own by default: the clinic asks before adding a second patient of one name and date of birth.
const input = (medicalRecordNumber: string, familyName = `Ellis${randomUUID().slice(0, 6)}`) =>
  createPatientSchema.parse({ medicalRecordNumber, givenName: "Margaret", familyName, dateOfBirth: "1941-03-14" });

let viewer: Viewer;
let otherViewer: Viewer;
beforeAll(async () => {
  viewer = await clinicViewer();
  otherViewer = await clinicViewer();
});

const search = async (who: Viewer, term: string) =>
  (await listPatients(contextOf(who), { search: term, first: 20, after: null })).map((patient) => patient.medicalRecordNumber);

describe("record numbers", () => {
  it("are stored trimmed and upper-cased", async () => {
    const tag = randomUUID().slice(0, 6);
    const patient = await createPatient(contextOf(viewer), input(`  rcc-${tag}/a `));
    expect(patient.medicalRecordNumber).toBe(`RCC-${tag.toUpperCase()}/A`);
  });

  it("refuse a number that differs from an existing one only in case and spaces, naming the field", async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    await createPatient(contextOf(viewer), input(`RCC-${tag}`));
    const refusal = await createPatient(contextOf(viewer), input(` rcc-${tag.toLowerCase()} `)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).userMessage).toBe("A patient with this medical record number already exists in your clinic.");
    expect((refusal as AppError).field).toEqual(["input", "medicalRecordNumber"]);
  });

  it("are normalised by createPatient even when a caller skips the input schema", async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    await createPatient(contextOf(viewer), input(`RAW-${tag}`));
    const raw = { medicalRecordNumber: ` raw-${tag.toLowerCase()}`, givenName: "A", familyName: "B", dateOfBirth: "1950-01-01" };
    await expect(createPatient(contextOf(viewer), raw)).rejects.toThrow(/already exists/);
  });

  it("stay unique per clinic only: another clinic may use the same number", async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    await createPatient(contextOf(viewer), input(`SHARED-${tag}`));
    const theirs = await createPatient(contextOf(otherViewer), input(`shared-${tag}`));
    expect(theirs.medicalRecordNumber).toBe(`SHARED-${tag}`);
  });
});

describe("patient search", () => {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const familyName = `Whitfield${tag.toLowerCase()}`;
  beforeAll(async () => {
    await createPatient(contextOf(viewer), input(`RCC-${tag}-1001`, familyName));
    await createPatient(contextOf(otherViewer), input(`HHC-${tag}-1001`, familyName));
  });

  it("finds a record number by digits in its middle or end", async () => {
    expect(await search(viewer, `${tag}-1001`)).toEqual([`RCC-${tag}-1001`]);
    expect(await search(viewer, `cc-${tag.toLowerCase()}`)).toEqual([`RCC-${tag}-1001`]);
  });

  it("finds a part of a family name, ignoring case", async () => {
    expect(await search(viewer, `TFIELD${tag}`)).toEqual([`RCC-${tag}-1001`]);
  });

  it("needs every word in the given or family name", async () => {
    expect(await search(viewer, `garet itfield${tag}`)).toEqual([`RCC-${tag}-1001`]);
    expect(await search(viewer, `nobody itfield${tag}`)).toEqual([]);
  });

  it("never finds another clinic's patient, whatever part is searched", async () => {
    for (const term of [`${tag}-1001`, `HHC-${tag}`, `itfield${tag}`]) {
      expect(await search(viewer, term)).not.toContain(`HHC-${tag}-1001`);
    }
  });

  it("reads % and _ as themselves, not as wildcards", async () => {
    expect(await search(viewer, "%")).toEqual([]);
    expect(await search(viewer, `RCC_${tag}`)).toEqual([]);
  });

  it("can use the trigram index", async () => {
    const prisma = testDb();
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM "Patient" WHERE "familyName" ILIKE '%itfield%' OR "medicalRecordNumber" ILIKE '%itfield%'`,
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Patient_search_trgm_idx");
  });
});

describe(`the migration ${THIS_MIGRATION}`, () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let client: pg.Client;
  const CLINIC = "10000000-0000-7000-8000-000000000011";

  beforeAll(async () => {
    database = await scratchDatabase("record_numbers_migration");
    dir = await mkdtemp(path.join(tmpdir(), "portal-before-record-numbers-"));
    for (const { name } of await readMigrations()) {
      if (name < THIS_MIGRATION) await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
    }
    await migrate(database.url, { dir });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`INSERT INTO "Clinic" (id, name, "updatedAt") VALUES ($1, 'Old', now())`, [CLINIC]);
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const insertPatient = (recordNumber: string) =>
    client.query(
      `INSERT INTO "Patient" (id, "clinicId", "medicalRecordNumber", "givenName", "familyName", "dateOfBirth", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, 'Old', 'Patient', '1950-01-01', now())`,
      [CLINIC, recordNumber],
    );

  it("stops, naming both numbers, when two differ only in case or spaces; then normalises once they are resolved", async () => {
    await insertPatient(" rcc-7 ");
    await insertPatient("RCC-7");
    await insertPatient("rcc-8");
    await expect(migrate(database.url)).rejects.toThrow(/' rcc-7 ', 'RCC-7'/);

    await client.query(`UPDATE "Patient" SET "medicalRecordNumber" = 'rcc-9 ' WHERE "medicalRecordNumber" = ' rcc-7 '`);
    await migrate(database.url);
    const { rows } = await client.query<{ number: string }>(`SELECT "medicalRecordNumber" AS number FROM "Patient" ORDER BY 1`);
    expect(rows.map((row) => row.number)).toEqual(["RCC-7", "RCC-8", "RCC-9"]);
  });
});
