import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/ops/migrate";
import { scratchDatabase } from "../support/db";

/**
 * 20261130160000_therapy_services moves every referral of the old model (a
 * status and version on the referral, a timeline without parts or actions)
 * into parts at the clinic's own services. The database is migrated up to the
 * migration before it, filled with referrals of the old shape in every old
 * status, then migrated to the end.
 */

const LAST_OLD_MIGRATION = "20261130150000_sign_in_hardening";

const CLINIC = "10000000-0000-7000-8000-000000000001";
const OTHER_CLINIC = "10000000-0000-7000-8000-000000000002";
const QUIET_CLINIC = "10000000-0000-7000-8000-000000000003";
const AUTHOR = "20000000-0000-7000-8000-000000000001";
const ADMIN = "20000000-0000-7000-8000-000000000002";
const OTHER_AUTHOR = "20000000-0000-7000-8000-000000000003";
const PATIENT = "30000000-0000-7000-8000-000000000001";
const OTHER_PATIENT = "30000000-0000-7000-8000-000000000002";

type OldStatus = "SENT" | "ACCEPTED" | "DECLINED" | "COMPLETED" | "CANCELLED";

interface OldReferral {
  id: string;
  clinicId: string;
  patientId: string;
  authorId: string;
  disciplines: ("OCCUPATIONAL_THERAPY" | "PHYSIOTHERAPY")[];
  priority: "ROUTINE" | "URGENT" | "ASAP" | "STAT";
  /** The timeline after SENT: each status it moved to, by whom, with what note. */
  moves: { to: OldStatus; by: string; note: string | null }[];
}

const OT = ["OCCUPATIONAL_THERAPY"] as const;
const BOTH = ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"] as const;
const referralId = (n: number) => `40000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

/** Every old status, each for a one- and a two-discipline referral. */
const OLD_REFERRALS: OldReferral[] = [
  { id: referralId(1), clinicId: CLINIC, patientId: PATIENT, authorId: AUTHOR, disciplines: [...OT], priority: "ROUTINE", moves: [] },
  { id: referralId(2), clinicId: CLINIC, patientId: PATIENT, authorId: AUTHOR, disciplines: [...BOTH], priority: "STAT", moves: [] },
  { id: referralId(3), clinicId: CLINIC, patientId: PATIENT, authorId: AUTHOR, disciplines: [...OT], priority: "URGENT", moves: [{ to: "ACCEPTED", by: ADMIN, note: "Booked" }] },
  { id: referralId(4), clinicId: CLINIC, patientId: PATIENT, authorId: AUTHOR, disciplines: [...BOTH], priority: "ASAP", moves: [{ to: "ACCEPTED", by: ADMIN, note: null }] },
  { id: referralId(5), clinicId: CLINIC, patientId: PATIENT, authorId: AUTHOR, disciplines: [...OT], priority: "ROUTINE", moves: [{ to: "DECLINED", by: ADMIN, note: "Not our area" }] },
  { id: referralId(6), clinicId: CLINIC, patientId: PATIENT, authorId: AUTHOR, disciplines: [...BOTH], priority: "ROUTINE", moves: [{ to: "DECLINED", by: ADMIN, note: null }] },
  {
    id: referralId(7),
    clinicId: CLINIC,
    patientId: PATIENT,
    authorId: AUTHOR,
    disciplines: [...OT],
    priority: "ROUTINE",
    moves: [
      { to: "ACCEPTED", by: ADMIN, note: null },
      { to: "COMPLETED", by: ADMIN, note: "Six sessions" },
    ],
  },
  {
    id: referralId(8),
    clinicId: CLINIC,
    patientId: PATIENT,
    authorId: AUTHOR,
    disciplines: [...BOTH],
    priority: "URGENT",
    moves: [
      { to: "ACCEPTED", by: ADMIN, note: null },
      { to: "COMPLETED", by: ADMIN, note: null },
    ],
  },
  { id: referralId(9), clinicId: CLINIC, patientId: PATIENT, authorId: AUTHOR, disciplines: [...OT], priority: "ROUTINE", moves: [{ to: "CANCELLED", by: AUTHOR, note: "Moved away" }] },
  {
    id: referralId(10),
    clinicId: CLINIC,
    patientId: PATIENT,
    authorId: AUTHOR,
    disciplines: [...BOTH],
    priority: "ROUTINE",
    moves: [
      { to: "ACCEPTED", by: ADMIN, note: null },
      { to: "CANCELLED", by: AUTHOR, note: null },
    ],
  },
  { id: referralId(11), clinicId: OTHER_CLINIC, patientId: OTHER_PATIENT, authorId: OTHER_AUTHOR, disciplines: ["PHYSIOTHERAPY"], priority: "ROUTINE", moves: [] },
];

const ACTION_OF: Record<OldStatus, string> = { SENT: "SEND", ACCEPTED: "ACCEPT", DECLINED: "DECLINE", COMPLETED: "COMPLETE", CANCELLED: "CANCEL" };
const finalStatus = (referral: OldReferral): OldStatus => referral.moves.at(-1)?.to ?? "SENT";

let client: pg.Client;
let drop: () => Promise<void>;
let oldDir: string;

async function insertOldData() {
  await client.query(
    `INSERT INTO "Clinic" (id, name, "updatedAt") VALUES ($1, 'Old Clinic', now()), ($2, 'Other Old Clinic', now()), ($3, 'Quiet Clinic', now())`,
    [CLINIC, OTHER_CLINIC, QUIET_CLINIC],
  );
  await client.query(
    `INSERT INTO "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt") VALUES
       ($1, $4, 'author@old.test', 'Author', 'CLINICIAN', 'x', now()),
       ($2, $4, 'admin@old.test', 'Admin', 'ADMIN', 'x', now()),
       ($3, $5, 'author@other-old.test', 'Other Author', 'CLINICIAN', 'x', now())`,
    [AUTHOR, ADMIN, OTHER_AUTHOR, CLINIC, OTHER_CLINIC],
  );
  await client.query(
    `INSERT INTO "Patient" (id, "clinicId", "medicalRecordNumber", "givenName", "familyName", "dateOfBirth", "updatedAt") VALUES
       ($1, $3, 'OLD-1', 'Ada', 'Old', '1950-01-01', now()), ($2, $4, 'OLD-2', 'Bea', 'Other', '1960-01-01', now())`,
    [PATIENT, OTHER_PATIENT, CLINIC, OTHER_CLINIC],
  );
  for (const [index, referral] of OLD_REFERRALS.entries()) {
    const sentAt = new Date(Date.UTC(2026, 0, 1 + index));
    await client.query(
      `INSERT INTO "Referral" (id, "clinicId", "patientId", "authorId", "idempotencyKey", needs, conditions, notes, recommendation, triage,
                               "rulesetVersion", disciplines, priority, status, version, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, gen_random_uuid(), '{SELF_CARE}', '{}', 'old notes', 'OCCUPATIONAL_THERAPY', '{}', 'v1',
               $5::"Discipline"[], $6::"ReferralPriority", $7::"ReferralStatus", $8, $9, $9)`,
      [referral.id, referral.clinicId, referral.patientId, referral.authorId, referral.disciplines, referral.priority, finalStatus(referral), referral.moves.length + 1, sentAt],
    );
    let from: OldStatus | null = null;
    for (const [step, move] of [{ to: "SENT" as OldStatus, by: referral.authorId, note: null }, ...referral.moves].entries()) {
      await client.query(
        `INSERT INTO "ReferralEvent" (id, "referralId", "actorId", "fromStatus", "toStatus", note, "createdAt")
         VALUES (gen_random_uuid(), $1, $2, $3::"ReferralStatus", $4::"ReferralStatus", $5, $6)`,
        [referral.id, move.by, from, move.to, move.note, new Date(sentAt.getTime() + step * 3_600_000)],
      );
      from = move.to;
    }
  }
}

beforeAll(async () => {
  const database = await scratchDatabase("therapy_services_migration");
  drop = database.drop;
  // migrate() applies every folder of a directory: a copy holding the migrations up to the old model.
  oldDir = await mkdtemp(path.join(tmpdir(), "portal-old-migrations-"));
  for (const { name } of await readMigrations()) {
    if (name <= LAST_OLD_MIGRATION) await cp(path.join(MIGRATIONS_DIR, name), path.join(oldDir, name), { recursive: true });
  }
  await migrate(database.url, { dir: oldDir });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await insertOldData();
  await migrate(database.url);
});
afterAll(async () => {
  await client?.end();
  await drop?.();
  if (oldDir) await rm(oldDir, { recursive: true, force: true });
});

interface PartRow {
  id: string;
  referralId: string;
  discipline: string;
  status: string;
  version: number;
  priorityRank: number;
  serviceClinicId: string;
  serviceDiscipline: string;
  declineReason: string | null;
  declineComment: string | null;
}

const partsOf = async (id: string) =>
  (
    await client.query<PartRow>(
      `SELECT p.id, p."referralId", p.discipline::text, p.status::text, p.version, p."priorityRank", s."clinicId" AS "serviceClinicId",
              s.discipline::text AS "serviceDiscipline", p."declineReason"::text AS "declineReason", p."declineComment"
         FROM "ReferralPart" p JOIN "TherapyService" s ON s.id = p."serviceId" WHERE p."referralId" = $1 ORDER BY p.discipline`,
      [id],
    )
  ).rows;

describe("migration 20261130160000_therapy_services on referrals of the old model", () => {
  it("gives every clinic its own occupational therapy and physiotherapy service, one without referrals too (so it can go on referring)", async () => {
    const { rows } = await client.query<{ clinicId: string; discipline: string }>(
      `SELECT "clinicId", discipline::text FROM "TherapyService" ORDER BY "clinicId", discipline`,
    );
    expect(rows).toEqual([
      { clinicId: CLINIC, discipline: "OCCUPATIONAL_THERAPY" },
      { clinicId: CLINIC, discipline: "PHYSIOTHERAPY" },
      { clinicId: OTHER_CLINIC, discipline: "OCCUPATIONAL_THERAPY" },
      { clinicId: OTHER_CLINIC, discipline: "PHYSIOTHERAPY" },
      { clinicId: QUIET_CLINIC, discipline: "OCCUPATIONAL_THERAPY" },
      { clinicId: QUIET_CLINIC, discipline: "PHYSIOTHERAPY" },
    ]);
  });

  it.each(OLD_REFERRALS.map((referral) => [`${referral.disciplines.length}-discipline ${finalStatus(referral)}`, referral] as const))(
    "moves a %s referral into a part per discipline at its clinic's service, with its status and version",
    async (_name, referral) => {
      const parts = await partsOf(referral.id);
      const rank = { ROUTINE: 0, URGENT: 1, ASAP: 2, STAT: 3 }[referral.priority];
      expect(parts.map(({ discipline, status, version, priorityRank, serviceClinicId, serviceDiscipline }) => ({
        discipline,
        status,
        version,
        priorityRank,
        serviceClinicId,
        serviceDiscipline,
      }))).toEqual(
        referral.disciplines.map((discipline) => ({
          discipline,
          status: finalStatus(referral),
          version: referral.moves.length + 1,
          priorityRank: rank,
          serviceClinicId: referral.clinicId,
          serviceDiscipline: discipline,
        })),
      );
    },
  );

  it.each(OLD_REFERRALS.map((referral) => [`${referral.disciplines.length}-discipline ${finalStatus(referral)}`, referral] as const))(
    "keeps the whole old timeline, in order and with actions, on each part of a %s referral",
    async (_name, referral) => {
      const expected = [{ to: "SENT" as OldStatus, by: referral.authorId, note: null }, ...referral.moves].map((move, step, all) => ({
        action: ACTION_OF[move.to],
        fromStatus: step === 0 ? null : all[step - 1]!.to,
        toStatus: move.to,
        actorId: move.by,
        note: move.note,
      }));
      for (const part of await partsOf(referral.id)) {
        const { rows } = await client.query(
          `SELECT action::text, "fromStatus"::text AS "fromStatus", "toStatus"::text AS "toStatus", "actorId", note, "referralId"
             FROM "ReferralEvent" WHERE "partId" = $1 ORDER BY "createdAt", id`,
          [part.id],
        );
        expect(rows).toEqual(expected.map((event) => ({ ...event, referralId: referral.id })));
      }
    },
  );

  it("gives a declined part the coded reason OTHER and a comment (the old note, or a default)", async () => {
    const [withNote] = await partsOf(referralId(5));
    expect(withNote).toMatchObject({ declineReason: "OTHER", declineComment: "Not our area" });
    for (const part of await partsOf(referralId(6))) {
      expect(part.declineReason).toBe("OTHER");
      expect(part.declineComment).toEqual(expect.stringMatching(/\S/));
    }
    const undeclined = await client.query(`SELECT count(*)::int AS count FROM "ReferralPart" WHERE status <> 'DECLINED' AND "declineReason" IS NOT NULL`);
    expect(undeclined.rows[0]).toEqual({ count: 0 });
  });

  it("leaves no event without a part or an action, and no status or version on Referral", async () => {
    const orphans = await client.query(`SELECT count(*)::int AS count FROM "ReferralEvent" WHERE "partId" IS NULL OR action IS NULL`);
    expect(orphans.rows[0]).toEqual({ count: 0 });
    const columns = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Referral' AND column_name IN ('status', 'version')`,
    );
    expect(columns.rows).toEqual([]);
  });

  it("leaves a database the current model can use: a therapist can be added to a migrated service", async () => {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "TherapyService" WHERE "clinicId" = $1 LIMIT 1`, [CLINIC]);
    await client.query(
      `INSERT INTO "User" (id, "clinicId", email, name, role, "passwordHash", "serviceId", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'therapist@old.test', 'Therapist', 'THERAPIST', 'x', $2, now())`,
      [CLINIC, rows[0]!.id],
    );
    await expect(
      client.query(`INSERT INTO "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), $1, 'loose@old.test', 'Loose', 'THERAPIST', 'x', now())`, [CLINIC]),
    ).rejects.toThrow(/User_therapist_service_check/);
  });
});
