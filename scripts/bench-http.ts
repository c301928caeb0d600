/**
 * `npm run bench:http [-- --rows 1000000 --warmup 5 --duration 15 --connections 20]`
 *
 * The portal under load, from outside, beside the limit of this machine: loads
 * N referrals into a fresh embedded PostgreSQL, starts the production portal
 * and a raw node:http + pg server answering the same history page
 * (scripts/support/limit-server.ts), and beside them stock Apollo Server on
 * the same SQL (scripts/support/apollo-floor-server.ts: what the API layer
 * alone can serve), drives them with autocannon and prints req/s, p50, p99 and
 * the ratio to the limit; the same table goes to docs/benchmarks/http.md. Run it on a quiet machine: nothing else building or testing.
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded";
import { migrate } from "@/lib/ops/migrate";
import { triage } from "@/lib/triage";
import { signInOverHttp } from "@/tests/support/http";
import { startPortal } from "@/tests/support/portal-server";
import { ensureBuild } from "./support/next-build";
import { runScript } from "./support/run-script";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    warmup: { type: "string", default: "5" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "20" },
    // Keep the loaded database in this folder and reuse it on the next run (load only when empty).
    data: { type: "string" },
    // Only the requests whose name contains this text (the limit always runs).
    only: { type: "string" },
    // Processes serving the portal, as WEB_CONCURRENCY under `npm start` (default: one per core, as there).
    workers: { type: "string", default: String(availableParallelism()) },
    // Write a CPU profile of the portal (node --cpu-prof) into this folder.
    profile: { type: "string" },
  },
});
const ROWS = Number(values.rows);
const WARMUP = Number(values.warmup);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PATIENTS = 5_000;
const PASSWORD = "a-long-benchmark-password";

/** The benchmark clinic of an earlier run kept with --data, if there is one with the rows asked for. */
async function loaded(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const clinic = await client.query(`SELECT id FROM "Clinic" WHERE name = 'Benchmark Clinic'`);
    if (clinic.rows.length === 0) return null;
    const clinicId = clinic.rows[0].id as string;
    const count = await client.query(`SELECT count(*)::int AS n FROM "Referral" WHERE "clinicId" = $1`, [clinicId]);
    if (count.rows[0].n < ROWS) throw new Error(`--data holds ${count.rows[0].n} referrals, fewer than --rows ${ROWS}; use another folder.`);
    console.log(`reusing ${count.rows[0].n.toLocaleString("en-GB")} referrals in ${values.data}`);
    return await keysOf(client, clinicId);
  } finally {
    await client.end();
  }
}

async function keysOf(client: pg.Client, clinicId: string) {
  const patient = await client.query(`SELECT id FROM "Patient" WHERE "clinicId" = $1 ORDER BY id LIMIT 1`, [clinicId]);
  // The key of the 10,000th row newest first: a deep page's cursor, as the API encodes it.
  const deep = await client.query(
    `SELECT "createdAt", id FROM "Referral" WHERE "clinicId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET 9999 LIMIT 1`,
    [clinicId],
  );
  const deepCursor = deep.rows[0]
    ? Buffer.from(JSON.stringify([new Date(deep.rows[0].createdAt).toISOString(), deep.rows[0].id])).toString("base64url")
    : null;
  return { clinicId, patientId: patient.rows[0].id as string, deepCursor };
}

/** One clinic with N referrals over the last years (one OT part and its SEND event each), 5,000 patients, two authors. */
async function load(url: string) {
  console.log(`loading ${ROWS.toLocaleString("en-GB")} referrals…`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const clinicId = randomUUID();
  const serviceId = randomUUID();
  const therapistService = randomUUID();
  const [authorA, authorB, therapist] = [randomUUID(), randomUUID(), randomUUID()];
  const hash = await hashPassword(PASSWORD);
  const result = triage({ needs: ["SELF_CARE"], conditions: [], notes: "Needs help to wash and dress." });
  await client.query(`INSERT INTO "Clinic" (id, name, "updatedAt") VALUES ($1, 'Benchmark Clinic', now())`, [clinicId]);
  await client.query(
    `INSERT INTO "TherapyService" (id, "clinicId", discipline, name, "updatedAt") VALUES
       ($1, $3, 'OCCUPATIONAL_THERAPY', 'Benchmark OT', now()), ($2, $3, 'PHYSIOTHERAPY', 'Benchmark PT', now())`,
    [serviceId, therapistService, clinicId],
  );
  await client.query(
    `INSERT INTO "User" (id, "clinicId", email, name, role, "passwordHash", "serviceId", "updatedAt") VALUES
       ($1, $4, 'bench.a@clinic.test', 'Bench Author A', 'CLINICIAN', $5, NULL, now()),
       ($2, $4, 'bench.b@clinic.test', 'Bench Author B', 'CLINICIAN', $5, NULL, now()),
       ($3, $4, 'bench.t@clinic.test', 'Bench Therapist', 'THERAPIST', $5, $6, now())`,
    [authorA, authorB, therapist, clinicId, hash, serviceId],
  );
  await client.query(
    `INSERT INTO "Patient" (id, "clinicId", "medicalRecordNumber", "givenName", "familyName", "dateOfBirth", "updatedAt")
     SELECT gen_random_uuid(), $1, 'B-' || n, 'Given' || n, 'Family' || (n % 997), date '1940-01-01' + (n % 20000), now()
       FROM generate_series(1, ${PATIENTS}) AS n`,
    [clinicId],
  );
  // Referrals in batches, so the load is one statement per 100,000 rows.
  for (let start = 1; start <= ROWS; start += 100_000) {
    const end = Math.min(ROWS, start + 99_999);
    await client.query(
      `WITH patients AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM "Patient" WHERE "clinicId" = $1),
            refs AS (
              SELECT gen_random_uuid() AS id, n, now() - make_interval(secs => n * 60) AS at FROM generate_series(${start}, ${end}) AS n
            ),
            referrals AS (
              INSERT INTO "Referral" (id, "clinicId", "patientId", "authorId", "idempotencyKey", needs, conditions, notes,
                                      recommendation, triage, "rulesetVersion", disciplines, priority, "createdAt", "updatedAt")
              SELECT refs.id, $1, patients.id, CASE WHEN n % 2 = 0 THEN $2::uuid ELSE $3::uuid END, gen_random_uuid(),
                     ARRAY['SELF_CARE'], ARRAY[]::text[], 'Needs help to wash and dress.', 'OCCUPATIONAL_THERAPY', $4::jsonb, $5,
                     ARRAY['OCCUPATIONAL_THERAPY']::"Discipline"[], (ARRAY['ROUTINE','URGENT','ASAP','STAT']::"ReferralPriority"[])[1 + n % 4],
                     refs.at, refs.at
                FROM refs JOIN patients ON patients.k = 1 + refs.n % ${PATIENTS}
              RETURNING id, "createdAt", priority
            ),
            parts AS (
              INSERT INTO "ReferralPart" (id, "referralId", "serviceId", discipline, status, "priorityRank", "sentAt", "createdAt", "updatedAt")
              SELECT gen_random_uuid(), id, $6, 'OCCUPATIONAL_THERAPY', 'SENT',
                     CASE priority WHEN 'STAT' THEN 3 WHEN 'ASAP' THEN 2 WHEN 'URGENT' THEN 1 ELSE 0 END, "createdAt", "createdAt", "createdAt"
                FROM referrals
              RETURNING id, "referralId", "createdAt"
            )
       INSERT INTO "ReferralEvent" (id, "referralId", "partId", "actorId", action, "toStatus", "createdAt")
       SELECT gen_random_uuid(), "referralId", id, $2, 'SEND', 'SENT', "createdAt" FROM parts`,
      [clinicId, authorA, authorB, JSON.stringify(result), result.rulesetVersion, serviceId],
    );
    process.stdout.write(`\rloaded ${end.toLocaleString("en-GB")} referrals`);
  }
  process.stdout.write("\n");
  await client.query("ANALYZE");
  try {
    return await keysOf(client, clinicId);
  } finally {
    await client.end();
  }
}

const HISTORY = `query ReferralHistory($first: Int, $after: String) {
  referrals(first: $first, after: $after) {
    edges { cursor node { id createdAt priority status disciplines patient { id givenName familyName medicalRecordNumber } author { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function drive(name: string, options: autocannon.Options): Promise<Row | null> {
  if (values.only && !name.startsWith("limit") && !name.includes(values.only)) return null;
  await autocannon({ ...options, connections: CONNECTIONS, duration: WARMUP });
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION });
  const row = {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
  console.log(`${name.padEnd(44)} ${String(row.rps).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms${row.errors ? `  (${row.errors} errors)` : ""}`);
  return row;
}

async function main(): Promise<void> {
  const dir = values.data ? path.resolve(values.data) : await mkdtemp(path.join(tmpdir(), "portal-bench-http-"));
  const database = await startEmbeddedPostgres({
    dataDir: path.join(dir, "data"),
    persistent: Boolean(values.data),
    port: await freePort(),
    onLog: (line: string) => { if (process.env.BENCH_PG_LOG) appendFileSync(process.env.BENCH_PG_LOG, line + "\n"); },
  });
  const stops: (() => unknown)[] = [() => database.stop()];
  if (!values.data) stops.push(() => rm(dir, { recursive: true, force: true }));
  try {
    const url = database.urlFor("postgres");
    await migrate(url);
    const { clinicId, patientId, deepCursor } = (await loaded(url)) ?? (await load(url));
    await ensureBuild();
    const portal = await startPortal(
      url,
      { WEB_CONCURRENCY: values.workers },
      { nodeArgs: values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] : [] },
    );
    stops.unshift(() => portal.stop());
    /** A reference server of scripts/support answering from the same tables; its port once it is listening. */
    const reference = async (script: string) => {
      const port = await freePort();
      const child = fork(path.resolve("scripts/support", script), [], {
        execArgv: ["--import", "tsx"],
        env: { ...process.env, DATABASE_URL: url, CLINIC_ID: clinicId, PORT: String(port) },
      });
      stops.unshift(() => child.kill());
      await new Promise((resolve) => child.once("message", resolve));
      return port;
    };
    const limitPort = await reference("limit-server.ts");
    const floorPort = await reference("apollo-floor-server.ts");

    const { sessionCookie } = await signInOverHttp("bench.a@clinic.test", PASSWORD, { baseUrl: portal.baseUrl });
    const { sessionCookie: therapistCookie } = await signInOverHttp("bench.t@clinic.test", PASSWORD, { baseUrl: portal.baseUrl });
    const post = (query: string, variables: Record<string, unknown>, cookie = sessionCookie!): autocannon.Options => ({
      url: `${portal.baseUrl}/api/graphql`,
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query, variables }),
    });

    console.log(`\nportal: ${values.workers} process(es); ${cpus().length} cores, load ${loadavg().map((value) => value.toFixed(2)).join(" ")}; ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${DURATION} s measured\n`);
    const rows: (Row | null)[] = [];
    rows.push(await drive("limit: node:http + pg, history 50 rows", { url: `http://127.0.0.1:${limitPort}/history?first=50` }));
    rows.push(
      await drive("Apollo Server + pg alone, history, 50 rows", {
        url: `http://127.0.0.1:${floorPort}/`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: HISTORY, variables: { first: 50 } }),
      }),
    );
    rows.push(await drive("/login page", { url: `${portal.baseUrl}/login` }));
    rows.push(await drive("me (session check only)", post("{ me { id name } }", {})));
    rows.push(await drive("triage preview", post("query($input: NeedsInput!) { triage(input: $input) { recommendation } }", { input: { needs: ["SELF_CARE", "PAIN"], notes: "Can't dress herself, knee pain walking." } })));
    rows.push(await drive("history, 5 rows", post(HISTORY, { first: 5 })));
    rows.push(await drive("history, 50 rows", post(HISTORY, { first: 50 })));
    if (deepCursor) rows.push(await drive("history, 50 rows after row 10,000", post(HISTORY, { first: 50, after: deepCursor })));
    rows.push(
      await drive("worklist, 50 rows (therapist)", post("{ worklist(first: 50) { edges { node { id priority waiting { workingDays overdue } referral { patient { familyName } } } } } }", {}, therapistCookie!)),
    );
    const create = post("mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }", {});
    rows.push(
      await drive("createReferral (unique keys)", {
        ...create,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                query: "mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }",
                variables: { input: { idempotencyKey: randomUUID(), patientId, needs: { needs: ["SELF_CARE"] }, disciplines: ["OCCUPATIONAL_THERAPY"], priority: "ROUTINE" } },
              }),
            }),
          },
        ],
      }),
    );

    const limitRps = rows[0]!.rps;
    const measured = rows.filter((row): row is Row => row !== null);
    const table = [
      "| request | req/s | p50 (ms) | p99 (ms) | × limit |",
      "| --- | ---: | ---: | ---: | ---: |",
      ...measured.map((row) => `| ${row.name} | ${row.rps.toLocaleString("en-GB")} | ${row.p50} | ${row.p99} | ${(row.rps / limitRps).toFixed(2)} |`),
    ].join("\n");
    console.log(`\n${table}\n`);
    if (values.only || values.profile) return; // a partial or profiled run is not the benchmark
    await mkdir("docs/benchmarks", { recursive: true });
    await writeFile(
      "docs/benchmarks/http.md",
      `# HTTP benchmark\n\n\`npm run bench:http -- --rows ${ROWS}\` on ${new Date().toISOString().slice(0, 10)}: ${ROWS.toLocaleString("en-GB")} referrals in one clinic (${PATIENTS.toLocaleString("en-GB")} patients), ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${DURATION} s; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)} at the end. The limit is plain node:http + pg with one joined SQL for the same 50 rows; "Apollo Server + pg alone" is stock Apollo Server 5 in one process answering the portal's history query from the same joined statement (with the disciplines and ids it also asks for), with no Next.js, session, tenancy, audit, Pothos or Prisma.\n\n${table}\n`,
    );
    console.log("written to docs/benchmarks/http.md");
  } finally {
    for (const stop of stops) await Promise.resolve(stop()).catch(() => undefined);
  }
}

runScript(main);
