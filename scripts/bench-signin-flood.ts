/**
 * `npm run bench:signin-flood`: what a sign-in flood does to a signed-in user,
 * and how many password guesses one client gets against one account. Starts an
 * embedded PostgreSQL and the existing production build (`next start`, loopback
 * only), seeds the demo clinic, then:
 *
 * 1. `me` latency for a signed-in user, alone and during a flood of wrong
 *    sign-ins from --clients concurrent clients (each request claims its own
 *    X-Forwarded-For; the portal trusts loopback as a proxy here, so the flood
 *    is what many real clients would send).
 * 2. Against a second portal with no trusted proxy (as `npm start` serves):
 *    password checks one client gets against one account in --guess-seconds,
 *    one attempt at a time from a fixed address, one at a time with a new
 *    X-Forwarded-For each, and in bursts of 200 concurrent attempts.
 *
 * The `me` probe runs in a worker thread of its own, so the flood's clients do
 * not delay it on this side.
 *
 * Options: --clients 128 --rate 73 (attempts/s offered) --seconds 15 --guess-seconds 20.
 * Run `npm run build` first.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { DEMO_CLINICS, DEMO_PASSWORD, seedDemoData } from "@/lib/ops/seed";
import { createDatabase, startTestDatabaseServer } from "@/tests/support/database-server";
import { startPortal } from "@/tests/support/portal-server";
import { runScript } from "./support/run-script";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "128" },
    rate: { type: "string", default: "73" },
    seconds: { type: "string", default: "15" },
    "guess-seconds": { type: "string", default: "20" },
  },
});
const CLIENTS = Number(values.clients);
/** Attempts per second the flood offers in all (each client its share), so before and after face the same load. */
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const GUESS_SECONDS = Number(values["guess-seconds"]);

const randomAddress = () => `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function csrf(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: response.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ") };
}

async function attempt(baseUrl: string, token: { csrfToken: string; cookie: string }, email: string, password: string, ip?: string) {
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: token.cookie, ...(ip ? { "x-forwarded-for": ip } : {}) },
    body: new URLSearchParams({ csrfToken: token.csrfToken, email, password, json: "true" }),
  });
  const text = await response.text();
  let error: string | null = null;
  try {
    const url = (JSON.parse(text) as { url?: string }).url;
    error = url ? new URL(url).searchParams.get("error") : null;
  } catch {
    error = `HTTP ${response.status}`;
  }
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  return { status: response.status, error, session: session?.split(";")[0] ?? null };
}

/** `me`, one request after another for `seconds`, from a worker thread: the latencies in ms, sorted. */
function meLatencies(baseUrl: string, cookie: string, seconds: number): Promise<number[]> {
  const probe = `
    const { parentPort, workerData: { baseUrl, cookie, seconds } } = require("node:worker_threads");
    (async () => {
      const latencies = [];
      const end = Date.now() + seconds * 1000;
      while (Date.now() < end) {
        const started = performance.now();
        const response = await fetch(baseUrl + "/api/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ query: "{ me { id name } }" }),
        });
        await response.text();
        if (response.status !== 200) throw new Error("me answered " + response.status);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      parentPort.postMessage(latencies);
    })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(probe, { eval: true, workerData: { baseUrl, cookie, seconds } });
    worker.once("message", (latencies: number[]) => resolve(latencies.sort((a, b) => a - b)));
    worker.once("error", reject);
  });
}

const describe = (latencies: number[]) =>
  `n=${latencies.length} median ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`;

async function flood(baseUrl: string, seconds: number) {
  const token = await csrf(baseUrl);
  const statuses = new Map<string, number>();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const interval = (CLIENTS / RATE) * 1000;
      while (Date.now() < end) {
        const next = Date.now() + interval * (0.5 + Math.random());
        const answer = await attempt(baseUrl, token, `flood-${randomUUID()}@clinic.test`, "wrong-password-x", randomAddress()).catch(() => ({
          status: 0,
          error: "network",
        }));
        const key = `${answer.status} ${answer.error?.replace(/\d+$/, "N") ?? ""}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      }
    }),
  );
  return statuses;
}

/** Password checks (answers "wrong password", not "wait") one account gets from one client in `seconds`. */
async function guesses(baseUrl: string, email: string, seconds: number, mode: "fixed" | "rotating" | "burst200"): Promise<number> {
  const token = await csrf(baseUrl);
  let checked = 0;
  let index = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const batch = mode === "burst200" ? 200 : 1;
    const answers = await Promise.all(
      Array.from({ length: batch }, () => attempt(baseUrl, token, email, `wrong-guess-${(index += 1)}`, mode === "rotating" ? randomAddress() : undefined)),
    );
    checked += answers.filter((answer) => answer.error === "CredentialsSignin").length;
    if (mode === "burst200") await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return checked;
}

async function main() {
  const server = await startTestDatabaseServer();
  try {
    const database = await createDatabase(server.adminUrl, "bench_flood", { migrated: true });
    const prisma = createPrismaClient(database.url);
    await seedDemoData(prisma);
    await prisma.$disconnect();
    const clinician = DEMO_CLINICS[0]!.users[1]!;
    const victims = DEMO_CLINICS[0]!.users.map((user) => user.email);

    const portal = await startPortal(database.url, { TRUSTED_PROXIES: "loopback", PASSWORD_HASH_QUEUE: "", LOG_LEVEL: "warn" });
    try {
      const signedIn = await attempt(portal.baseUrl, await csrf(portal.baseUrl), clinician.email, DEMO_PASSWORD, randomAddress());
      if (!signedIn.session) throw new Error(`the demo clinician could not sign in (${signedIn.error})`);
      await meLatencies(portal.baseUrl, signedIn.session, 2);
      const quiet = await meLatencies(portal.baseUrl, signedIn.session, 5);
      const started = Date.now();
      const [busy, statuses] = await Promise.all([meLatencies(portal.baseUrl, signedIn.session, SECONDS), flood(portal.baseUrl, SECONDS)]);
      const elapsed = (Date.now() - started) / 1000;
      const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
      console.log(`me alone:                  ${describe(quiet)}`);
      console.log(`me during a sign-in flood: ${describe(busy)}`);
      console.log(`flood: ${CLIENTS} clients, ${total} attempts in ${elapsed.toFixed(0)} s (${(total / elapsed).toFixed(0)}/s): ${[...statuses].map(([key, count]) => `${key.trim()} ×${count}`).join(", ")}`);
    } finally {
      await portal.stop();
    }

    const direct = await startPortal(database.url, { TRUSTED_PROXIES: "", PASSWORD_HASH_QUEUE: "", LOG_LEVEL: "warn" });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      for (const [index, mode] of (["fixed", "rotating", "burst200"] as const).entries()) {
        // Each variant starts from clean counters and attacks an account of its own.
        await admin.query(`DELETE FROM "SignInThrottle"`);
        const checked = await guesses(direct.baseUrl, victims[index % victims.length]!, GUESS_SECONDS, mode);
        console.log(`password checks against one account, no trusted proxy, ${mode.padEnd(8)}: ${checked} in ${GUESS_SECONDS} s (${((checked * 60) / GUESS_SECONDS).toFixed(0)}/min)`);
      }
    } finally {
      await admin.end();
      await direct.stop();
    }
    await database.drop();
  } finally {
    await server.stop();
  }
}

runScript(main);
