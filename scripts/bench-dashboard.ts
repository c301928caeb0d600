/**
 * `npm run bench:dashboard`: each dashboard section's one SQL statement, timed
 * on a fresh embedded PostgreSQL loaded with N referrals (default 1,000,000)
 * over two years, across 2 clinics and 4 services, with parts in realistic
 * statuses and times, redirects, questions and timeline events. Prints, and
 * writes to docs/benchmarks/dashboard.md, the median, p95 and max per section
 * for an administrator and a therapist over the last 12 weeks and over two
 * years (the longest range allowed), and an EXPLAIN summary of each plan.
 *
 * Options: --rows 1000000 --runs 10 --keep DIR. With --keep, the embedded
 * PostgreSQL keeps its data in DIR with the loaded database (bench_dashboard):
 * the next run with the same DIR starts it again (or attaches to it while it
 * runs), applies any new migrations and measures again without loading.
 */
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { SECTION_STATEMENTS, scopeOf } from "@/lib/dashboard";
import { dashboardFilterSchema } from "@/lib/dashboard/validation";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { createRequestContext } from "@/lib/request/context";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded";
import { migrate } from "@/lib/ops/migrate";
import { createDatabase, startTestDatabaseServer } from "@/tests/support/database-server";
import pg from "pg";
import { runScript } from "./support/run-script";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, runs: { type: "string", default: "10" }, keep: { type: "string" } } });
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const WARM_UP = 2;

/** Loads the data in bulk, in SQL: referrals first, then their parts, redirects, and timeline events. */
async function load(prisma: PrismaClient, rows: number) {
  const clinics: string[] = [randomUUID(), randomUUID()];
  for (const [index, id] of clinics.entries()) {
    await prisma.clinic.create({ data: { id, name: `Bench clinic ${index + 1}` } });
    for (const discipline of ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"] as const) {
      await prisma.therapyService.create({ data: { clinicId: id, discipline, name: `Bench ${index + 1} ${discipline}`, acceptsExternalReferrals: true } });
    }
  }
  const users: { id: string; clinicId: string; role: Role; serviceId: string | null }[] = [];
  for (const clinicId of clinics) {
    for (const role of ["CLINICIAN", "ADMIN"] as const) {
      const user = await prisma.user.create({
        data: { clinicId, email: `${role.toLowerCase()}.${clinicId}@bench.test`, name: `Bench ${role}`, role, passwordHash: "-" },
      });
      users.push({ id: user.id, clinicId, role, serviceId: null });
    }
    const service = await prisma.therapyService.findFirstOrThrow({ where: { clinicId, discipline: "OCCUPATIONAL_THERAPY" } });
    const therapist = await prisma.user.create({
      data: { clinicId, email: `therapist.${clinicId}@bench.test`, name: "Bench therapist", role: "THERAPIST", serviceId: service.id, passwordHash: "-" },
    });
    users.push({ id: therapist.id, clinicId, role: "THERAPIST", serviceId: service.id });
  }
  const step = async (label: string, statement: Promise<unknown>) => {
    const started = performance.now();
    await statement;
    console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  // The dashboard's roll-up triggers fire per row; a bulk load runs without them and rebuilds the
  // roll-ups set based at the end (dashboard_rebuild(), the migration's backfill): the same rows either way.
  const ROLLED_UP = ['"Referral"', '"ReferralPart"', '"ReferralEvent"'];
  for (const table of ROLLED_UP) await prisma.$executeRawUnsafe(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  await step(
    "patients",
    prisma.$executeRaw`
      INSERT INTO "Patient" (id, "clinicId", "medicalRecordNumber", "givenName", "familyName", "dateOfBirth", "updatedAt")
      SELECT gen_random_uuid(), c.id, 'B-' || i, 'Bench', 'Patient ' || i, date '1950-01-01' + (i % 20000), now()
        FROM generate_series(1, 10000) AS i CROSS JOIN "Clinic" c`,
  );
  await step(
    `${rows.toLocaleString("en")} referrals`,
    prisma.$executeRaw`
      INSERT INTO "Referral" (id, "clinicId", "patientId", "authorId", "idempotencyKey", needs, conditions, notes, recommendation,
                              triage, "rulesetVersion", disciplines, "overrideReason", priority, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), c.id, pa.ids[1 + g.i % 10000], au.id, gen_random_uuid(), '{SELF_CARE}', '{}', '', rec,
             jsonb_build_object('recommendation', rec, 'matchedRules',
               jsonb_build_array(jsonb_build_object('ruleId', 'rule-' || (u3 * 20)::int), jsonb_build_object('ruleId', 'rule-' || (20 + u4 * 10)::int))),
             'bench',
             CASE WHEN overridden THEN CASE WHEN rec = 'PHYSIOTHERAPY' THEN '{OCCUPATIONAL_THERAPY}' ELSE '{PHYSIOTHERAPY}' END
                  WHEN rec = 'OCCUPATIONAL_THERAPY' THEN '{OCCUPATIONAL_THERAPY}'
                  WHEN rec = 'PHYSIOTHERAPY' THEN '{PHYSIOTHERAPY}'
                  ELSE '{OCCUPATIONAL_THERAPY,PHYSIOTHERAPY}' END::"Discipline"[],
             CASE WHEN overridden THEN 'Chose otherwise: clinical judgement ' || (u3 * 100)::int END,
             CASE WHEN u2 < 0.05 THEN 'STAT' WHEN u2 < 0.15 THEN 'ASAP' WHEN u2 < 0.40 THEN 'URGENT' ELSE 'ROUTINE' END::"ReferralPriority",
             created, created
        FROM (
          SELECT i, random() AS u2, random() AS u3, random() AS u4,
                 -- Spread evenly over two years in sending order, as a real table fills.
                 least(now(), now() - (${rows} - i)::float8 / ${rows} * interval '730 days' + random() * interval '1 hour') AS created,
                 (ARRAY['OCCUPATIONAL_THERAPY', 'PHYSIOTHERAPY', 'BOTH', 'NEEDS_ASSESSMENT'])[1 + (i * 7 % 10 > 3)::int + (i * 7 % 10 > 6)::int + (i * 7 % 10 > 8)::int]::"Recommendation" AS rec,
                 (i % 20 = 0 OR i * 7 % 10 > 8) AS overridden
            FROM generate_series(1, ${rows}) AS i
        ) g
        JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM "Clinic") cl ON true
        JOIN "Clinic" c ON c.id = cl.ids[1 + g.i % 2]
        JOIN (SELECT "clinicId", array_agg(id) AS ids FROM "Patient" GROUP BY 1) pa ON pa."clinicId" = c.id
        JOIN (SELECT DISTINCT ON ("clinicId") "clinicId", id FROM "User" WHERE role = 'CLINICIAN' ORDER BY "clinicId", id) au ON au."clinicId" = c.id`,
  );
  // Per priority: days to decide (about the target, some late), then to complete; 5% never decided.
  await step(
    "parts",
    prisma.$executeRaw`
      INSERT INTO "ReferralPart" (id, "referralId", "serviceId", discipline, status, "priorityRank", "sentAt", "decidedAt", "completedAt",
                                  "declineReason", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), b.id, s.id, b.discipline,
             CASE WHEN NOT b.decided THEN CASE WHEN b.u2 < 0.15 THEN 'AWAITING_REFERRER' ELSE 'SENT' END
                  WHEN b.u2 < 0.08 THEN 'DECLINED'
                  WHEN b.u2 < 0.11 THEN 'REDIRECTED'
                  WHEN b.u2 < 0.14 THEN 'CANCELLED'
                  WHEN b.complete_at < now() THEN 'COMPLETED'
                  WHEN b.u3 < 0.7 THEN 'IN_PROGRESS'
                  ELSE 'ACCEPTED' END::"ReferralStatus",
             b.rank, b."createdAt",
             CASE WHEN b.decided AND NOT (b.u2 >= 0.11 AND b.u2 < 0.14 AND b.u4 < 0.5) THEN b.decide_at END,
             CASE WHEN b.decided AND b.u2 >= 0.14 AND b.complete_at < now() THEN b.complete_at END,
             CASE WHEN b.decided AND b.u2 < 0.08 THEN (enum_range(NULL::"DeclineReason"))[1 + (b.u3 * 6.99)::int] END,
             b."createdAt", now()
        FROM (
          SELECT a.*, a.decide_at + a.u3 * interval '90 days' AS complete_at, a.u1 < 0.95 AND a.decide_at < now() AS decided
            FROM (
              SELECT v.*, v."createdAt" + v.u4 * interval '1 day' * CASE v.rank WHEN 3 THEN 2 WHEN 2 THEN 4 WHEN 1 THEN 10 ELSE 45 END AS decide_at
                FROM (
                  SELECT r.id, r."createdAt", r."clinicId", d AS discipline,
                         CASE r.priority WHEN 'STAT' THEN 3 WHEN 'ASAP' THEN 2 WHEN 'URGENT' THEN 1 ELSE 0 END AS rank,
                         random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5
                    FROM "Referral" r
                   CROSS JOIN LATERAL unnest(r.disciplines) AS d
                ) v
            ) a
        ) b
        -- 80% to the referring clinic's own service of the discipline, 20% to the other clinic's.
        JOIN "TherapyService" s ON s.discipline = b.discipline AND (s."clinicId" = b."clinicId") = (b.u5 < 0.8)`,
  );
  await step(
    "redirected parts",
    prisma.$executeRaw`
      INSERT INTO "ReferralPart" (id, "referralId", "serviceId", discipline, status, "priorityRank", "sentAt", "decidedAt", "redirectedFromId", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), p."referralId", s.id, s.discipline,
             CASE WHEN p."decidedAt" + interval '5 days' < now() THEN 'ACCEPTED' ELSE 'SENT' END::"ReferralStatus",
             p."priorityRank", p."decidedAt",
             CASE WHEN p."decidedAt" + interval '5 days' < now() THEN p."decidedAt" + interval '5 days' END,
             p.id, p."decidedAt", now()
        FROM "ReferralPart" p
        JOIN "TherapyService" own ON own.id = p."serviceId"
        JOIN "TherapyService" s ON s."clinicId" = own."clinicId" AND s.discipline <> p.discipline
       WHERE p.status = 'REDIRECTED'`,
  );
  const actor = users.find((user) => user.role === "CLINICIAN")!.id;
  await step(
    "timeline events",
    prisma.$executeRaw`
      INSERT INTO "ReferralEvent" (id, "referralId", "partId", "actorId", action, "fromStatus", "toStatus", "createdAt")
      SELECT gen_random_uuid(), p."referralId", p.id, ${actor}::uuid, e.action::"PartAction", e.from_status::"ReferralStatus", e.to_status::"ReferralStatus", e.at
        FROM "ReferralPart" p
       CROSS JOIN LATERAL (
         VALUES ('SEND', NULL, 'SENT', p."sentAt"),
                (CASE WHEN abs(hashtext(p.id::text)) % 100 < 6 THEN 'ASK_QUESTION' END, 'SENT', 'AWAITING_REFERRER', p."sentAt" + interval '1 hour'),
                (CASE WHEN p."decidedAt" IS NOT NULL THEN CASE p.status WHEN 'DECLINED' THEN 'DECLINE' WHEN 'REDIRECTED' THEN 'REDIRECT' ELSE 'ACCEPT' END END,
                 'SENT', CASE p.status WHEN 'DECLINED' THEN 'DECLINED' WHEN 'REDIRECTED' THEN 'REDIRECTED' ELSE 'ACCEPTED' END, p."decidedAt"),
                (CASE WHEN p."completedAt" IS NOT NULL THEN 'COMPLETE' END, 'IN_PROGRESS', 'COMPLETED', p."completedAt")
       ) AS e(action, from_status, to_status, at)
       WHERE e.action IS NOT NULL`,
  );
  for (const table of ROLLED_UP) await prisma.$executeRawUnsafe(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  await step("dashboard roll-ups", prisma.$executeRawUnsafe("SELECT dashboard_rebuild()"));
  await step("vacuum analyze", prisma.$executeRawUnsafe("VACUUM ANALYZE"));
  const [counts] = await prisma.$queryRaw<{ referrals: number; parts: number; events: number }[]>`
    SELECT (SELECT count(*) FROM "Referral")::int AS referrals, (SELECT count(*) FROM "ReferralPart")::int AS parts,
           (SELECT count(*) FROM "ReferralEvent")::int AS events`;
  return { clinics, users, counts: counts! };
}

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? NaN;

interface Timing {
  viewer: string;
  range: string;
  section: string;
  median: number;
  p95: number;
  max: number;
  rows: number;
  /** The 1-minute load average when the section's runs ended (the machine is shared). */
  load: number;
  plan: string;
}

/** The plan's outline: each node's type, with its index and the rows it produced. */
function summarise(plan: string[]): string {
  return plan
    .filter((line) => /(Scan|Join|Aggregate|Sort|Nested Loop|Append|Gather|Execution Time)/.test(line))
    .map((line) => line.replace(/\(cost=[^)]*\)\s*/, "").replace(/\s+\(actual time=[\d.]+\.\.([\d.]+) rows=(\d+(?:\.\d+)?) loops=(\d+)\)/, " [$2 rows × $3, $1 ms]").trimEnd())
    .join("\n");
}

/** The clinics and users a loaded database already holds (--keep), as load() returned them. */
async function alreadyLoaded(prisma: PrismaClient): Promise<Awaited<ReturnType<typeof load>> | null> {
  const [counts] = await prisma.$queryRaw<{ referrals: number; parts: number; events: number }[]>`
    SELECT (SELECT count(*) FROM "Referral")::int AS referrals, (SELECT count(*) FROM "ReferralPart")::int AS parts,
           (SELECT count(*) FROM "ReferralEvent")::int AS events`;
  if (!counts?.referrals) return null;
  const clinics = (await prisma.clinic.findMany({ orderBy: { name: "asc" }, select: { id: true } })).map((clinic) => clinic.id);
  const users = await prisma.user.findMany({ select: { id: true, clinicId: true, role: true, serviceId: true } });
  return { clinics, users, counts };
}

/** A database kept in `dir` between runs (migrated to the current schema), or a throwaway one. */
async function benchDatabase(dir: string | undefined): Promise<{ url: string; kept: boolean; close(): Promise<void> }> {
  if (!dir) {
    const server = await startTestDatabaseServer();
    const database = await createDatabase(server.adminUrl, "bench_dashboard", { migrated: true });
    return { url: database.url, kept: false, close: async () => (await database.drop(), await server.stop()) };
  }
  await mkdir(dir, { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir: `${dir}/data`, persistent: true, port: await freePort() });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = 'bench_dashboard'")).rowCount;
  if (!exists) await admin.query("CREATE DATABASE bench_dashboard");
  await admin.end();
  const url = server.urlFor("bench_dashboard");
  await migrate(url);
  // Stopped at the end (its data stays in DIR); a server this run only attached to is left as it was.
  return { url, kept: true, close: () => server.stop() };
}

async function main(): Promise<void> {
  const database = await benchDatabase(values.keep);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 4 }) });
  const timings: Timing[] = [];
  let loaded: Awaited<ReturnType<typeof load>>;
  try {
    const reused = database.kept ? await alreadyLoaded(prisma) : null;
    if (reused) console.log(`reusing the database in ${values.keep}`);
    else console.log(`loading ${ROWS.toLocaleString("en")} referrals…`);
    loaded = reused ?? (await load(prisma, ROWS));
    console.log(`loaded: ${loaded.counts.referrals} referrals, ${loaded.counts.parts} parts, ${loaded.counts.events} events`);
    const today = new Date().toISOString().slice(0, 10);
    const twoYearsAgo = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
    const ranges = { "last 12 weeks": {}, "two years": { from: twoYearsAgo, to: today } };
    const clinic = await prisma.clinic.findFirstOrThrow({ where: { id: loaded.clinics[0] } });
    for (const role of ["ADMIN", "THERAPIST"] as const) {
      const user = loaded.users.find((candidate) => candidate.clinicId === clinic.id && candidate.role === role)!;
      const viewer = { id: user.id, name: "Bench", email: "bench@bench.test", role, clinicId: clinic.id, clinicName: clinic.name, serviceId: user.serviceId };
      for (const [range, filter] of Object.entries(ranges)) {
        const { scope } = await scopeOf(createRequestContext({ prisma, viewer }), dashboardFilterSchema().parse(filter));
        for (const [section, statementOf] of Object.entries(SECTION_STATEMENTS)) {
          const statement = statementOf(scope, new Date());
          const durations: number[] = [];
          let rows = 0;
          for (let run = 0; run < WARM_UP + RUNS; run++) {
            const started = performance.now();
            rows = (await prisma.$queryRaw<unknown[]>(statement)).length;
            if (run >= WARM_UP) durations.push(performance.now() - started);
          }
          durations.sort((a, b) => a - b);
          const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS OFF) ${statement.text}`, ...statement.values);
          const timing = {
            viewer: role === "ADMIN" ? "administrator" : "therapist",
            range,
            section,
            median: percentile(durations, 0.5),
            p95: percentile(durations, 0.95),
            max: durations.at(-1)!,
            rows,
            load: os.loadavg()[0]!,
            plan: summarise(plan.map((line) => line["QUERY PLAN"])),
          };
          timings.push(timing);
          console.log(`${timing.viewer.padEnd(13)} ${range.padEnd(13)} ${section.padEnd(14)} median ${timing.median.toFixed(1).padStart(7)} ms  p95 ${timing.p95.toFixed(1).padStart(7)} ms  max ${timing.max.toFixed(1).padStart(7)} ms  rows ${String(rows).padStart(5)}  load ${timing.load.toFixed(2)}`);
        }
      }
    }
  } finally {
    await prisma.$disconnect();
    await database.close();
  }

  const load1 = os.loadavg()[0]!.toFixed(2);
  const table = [
    "| viewer | range | section | median ms | p95 ms | max ms | rows | load |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...timings.map((t) => `| ${t.viewer} | ${t.range} | ${t.section} | ${t.median.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.max.toFixed(1)} | ${t.rows} | ${t.load.toFixed(2)} |`),
  ].join("\n");
  const markdown = [
    "# Dashboard benchmark",
    "",
    `\`npm run bench:dashboard -- --rows ${ROWS}\`, ${new Date().toISOString().slice(0, 16)}Z: ${loaded.counts.referrals.toLocaleString("en")} referrals, ` +
      `${loaded.counts.parts.toLocaleString("en")} parts, ${loaded.counts.events.toLocaleString("en")} timeline events over two years, 2 clinics, 4 services; ` +
      `embedded PostgreSQL 18, ${os.cpus().length} cores, load average ${load1} at the end of the run. Each statement ${RUNS} times after ${WARM_UP} warm-up runs, one at a time.`,
    "",
    table,
    "",
    "## Plans (EXPLAIN ANALYZE, one run each)",
    "",
    ...timings.flatMap((t) => [`### ${t.viewer}, ${t.range}, ${t.section}`, "", "```", t.plan, "```", ""]),
  ].join("\n");
  await mkdir("docs/benchmarks", { recursive: true });
  await writeFile("docs/benchmarks/dashboard.md", markdown);
  console.log(`\nload average ${load1}; written to docs/benchmarks/dashboard.md`);
}

runScript(main);
