import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded";
import { migrate } from "@/lib/ops/migrate";
import { createDatabase } from "../support/database-server";
import { graphql, signInOverHttp } from "../support/http";
import { startPortal, type PortalServer } from "../support/portal-server";
import { attemptSignIn } from "../support/sign-in";

/**
 * Real processes, real faults: a portal killed with -9 in the middle of a burst of
 * referrals, PostgreSQL restarted under load, two portal instances on one
 * database. What each leaves behind is checked in the database itself.
 */

const PASSWORD = "a-long-fault-test-password";
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** A clinic with a clinician, a patient and a service of each discipline, in `prisma`'s database. */
async function clinicIn(prisma: PrismaClient) {
  const tag = randomUUID().slice(0, 8);
  const clinic = await prisma.clinic.create({ data: { name: `Fault clinic ${tag}` } });
  for (const discipline of ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"] as const) {
    await prisma.therapyService.create({ data: { clinicId: clinic.id, discipline, name: `${discipline} ${tag}` } });
  }
  const email = `fault.${tag}@clinic.test`;
  await prisma.user.create({ data: { clinicId: clinic.id, email, name: `Fault ${tag}`, role: "CLINICIAN", passwordHash: await hashPassword(PASSWORD) } });
  const patient = await prisma.patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `F-${tag}`, givenName: "Fault", familyName: "Patient", dateOfBirth: new Date("1960-01-01") },
  });
  return { email, patientId: patient.id };
}

async function signedIn(portal: PortalServer, email: string) {
  const { sessionCookie } = await signInOverHttp(email, PASSWORD, { baseUrl: portal.baseUrl });
  if (!sessionCookie) throw new Error(`${email} could not sign in`);
  return sessionCookie;
}

const SEND = `mutation Send($input: CreateReferralInput!) { createReferral(input: $input) { id } }`;
const sendReferral = (portal: PortalServer, cookie: string, patientId: string, idempotencyKey: string) =>
  graphql<{ createReferral: { id: string } }>(SEND, {
    baseUrl: portal.baseUrl,
    cookie,
    variables: {
      input: {
        idempotencyKey,
        patientId,
        needs: { needs: ["SELF_CARE"], notes: "Needs help to wash and dress." },
        disciplines: ["OCCUPATIONAL_THERAPY"],
        priority: "ROUTINE",
        // One patient has them all: each after the first answers the duplicate warning.
        duplicateReason: "A further referral in the burst.",
      },
    },
  });

describe("faults", () => {
  it("a portal killed with -9 during a burst of referrals leaves every acknowledged referral once and nothing half-written", async () => {
    const database = await createDatabase(inject("adminDatabaseUrl"), "faults-kill", { migrated: true });
    cleanups.push(() => database.drop());
    const prisma = createPrismaClient(database.url);
    cleanups.push(() => prisma.$disconnect());
    const { email, patientId } = await clinicIn(prisma);
    let portal = await startPortal(database.url);
    cleanups.push(() => portal.stop());
    const cookie = await signedIn(portal, email);

    // Eight workers send referrals back to back until the crash, so requests are in flight when it lands.
    const sent: string[] = [];
    const acknowledged = new Map<string, string>();
    const cutOff: string[] = [];
    let crashed = false;
    const worker = async () => {
      while (!crashed) {
        const key = randomUUID();
        sent.push(key);
        try {
          const result = await sendReferral(portal, cookie, patientId, key);
          if (result.data?.createReferral) acknowledged.set(key, result.data.createReferral.id);
        } catch (error) {
          // The connection died with the server: not acknowledged.
          cutOff.push((error as { cause?: { code?: string } }).cause?.code ?? String(error));
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, worker));
    await expect.poll(() => acknowledged.size, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(20);
    await portal.crash();
    crashed = true;
    await burst;

    // At least one request was cut off mid-flight (a reset or a closed socket, not a refused connection after the crash).
    expect(cutOff.filter((code) => code !== "ECONNREFUSED").length, cutOff.join(", ")).toBeGreaterThan(0);
    const rows = await prisma.referral.findMany({
      where: { idempotencyKey: { in: sent } },
      select: { id: true, idempotencyKey: true, parts: { select: { id: true, events: { select: { action: true } } } } },
    });
    console.log(`kill -9 during the burst: ${sent.length} sent, ${acknowledged.size} acknowledged, ${cutOff.length} cut off, ${rows.length} stored`);
    for (const [key, id] of acknowledged) expect(rows.filter((row) => row.idempotencyKey === key).map((row) => row.id)).toEqual([id]);
    // A referral is written with its part and the part's first event in one transaction, or not at all.
    for (const row of rows) {
      expect(row.parts).toHaveLength(1);
      expect(row.parts[0]!.events.map((event) => event.action)).toEqual(["SEND"]);
    }

    portal = await startPortal(database.url);
    const again = await signedIn(portal, email);
    // Every key resent after the restart: the acknowledged ones answer with their first referral, the rest are made once.
    const resent = await Promise.all(sent.map((key) => sendReferral(portal, again, patientId, key)));
    for (const [index, result] of resent.entries()) {
      expect(result.errors).toBeUndefined();
      const first = acknowledged.get(sent[index]!);
      if (first) expect(result.data!.createReferral.id).toBe(first);
    }
    expect(await prisma.referral.count({ where: { idempotencyKey: { in: sent } } })).toBe(sent.length);
  }, 180_000);

  it("drains the requests in flight on SIGTERM before exiting: none is cut off, every answered one is stored", async () => {
    const database = await createDatabase(inject("adminDatabaseUrl"), "faults-term", { migrated: true });
    cleanups.push(() => database.drop());
    const prisma = createPrismaClient(database.url);
    cleanups.push(() => prisma.$disconnect());
    const { email, patientId } = await clinicIn(prisma);
    const portal = await startPortal(database.url);
    cleanups.push(() => portal.stop());
    const cookie = await signedIn(portal, email);

    const acknowledged: string[] = [];
    const cutOff: string[] = [];
    let stopping = false;
    // Each worker keeps one request in flight until SIGTERM, then sends no more: the ones in flight must all be answered.
    const worker = async () => {
      while (!stopping) {
        try {
          const result = await sendReferral(portal, cookie, patientId, randomUUID());
          if (result.data?.createReferral) acknowledged.push(result.data.createReferral.id);
          else cutOff.push(`status ${result.status}`);
        } catch (error) {
          cutOff.push((error as { cause?: { code?: string } }).cause?.code ?? String(error));
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 6 }, worker));
    await expect.poll(() => acknowledged.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(10);
    stopping = true;
    portal.terminate();
    await burst;
    const deadline = Date.now() + 15_000;
    while (portal.exited() === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    console.log(`SIGTERM during a burst: ${acknowledged.length} answered, ${cutOff.length} cut off, exit code ${portal.exited()}`);
    expect(cutOff).toEqual([]);
    expect(portal.exited()).not.toBeNull();
    expect(await prisma.referral.count({ where: { id: { in: acknowledged } } })).toBe(acknowledged.length);
  });

  it("recovers by itself when PostgreSQL restarts under load, and the health check says so meanwhile", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "portal-fault-pg-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const dataDir = path.join(dir, "data");
    let server = await startEmbeddedPostgres({ dataDir, persistent: true, port, onLog: () => undefined });
    cleanups.push(() => server.stop());
    const url = server.urlFor("postgres");
    await migrate(url);
    const prisma = createPrismaClient(url);
    const { email } = await clinicIn(prisma);
    await prisma.$disconnect();
    const portal = await startPortal(url);
    cleanups.push(() => portal.stop());
    const cookie = await signedIn(portal, email);
    const me = () => graphql<{ me: { id: string } }>("{ me { id } }", { baseUrl: portal.baseUrl, cookie }).catch(() => null);
    expect((await me())?.data?.me.id).toBeTruthy();

    await server.stop();
    const whileDown = await fetch(`${portal.baseUrl}/api/health`);
    expect(whileDown.status).toBe(503);
    expect((await me())?.data?.me ?? null).toBeNull();

    server = await startEmbeddedPostgres({ dataDir, persistent: true, port, onLog: () => undefined });
    const deadline = Date.now() + 20_000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      recovered = (await fetch(`${portal.baseUrl}/api/health`)).status === 200 && Boolean((await me())?.data?.me.id);
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
    expect(portal.exited()).toBeNull();
  });

  it("two portal instances on one database share sessions, sign-outs and sign-in throttling", async () => {
    const database = await createDatabase(inject("adminDatabaseUrl"), "faults-two", { migrated: true });
    cleanups.push(() => database.drop());
    const prisma = createPrismaClient(database.url);
    cleanups.push(() => prisma.$disconnect());
    const { email } = await clinicIn(prisma);
    const secret = randomUUID() + randomUUID();
    const first = await startPortal(database.url, { NEXTAUTH_SECRET: secret });
    cleanups.push(() => first.stop());
    const second = await startPortal(database.url, { NEXTAUTH_SECRET: secret });
    cleanups.push(() => second.stop());

    const cookie = await signedIn(first, email);
    const me = (portal: PortalServer) => graphql<{ me: { id: string } }>("{ me { id } }", { baseUrl: portal.baseUrl, cookie });
    expect((await me(second)).data?.me.id).toBeTruthy();
    const ended = await prisma.userSession.updateMany({ where: { user: { email }, endedAt: null }, data: { endedAt: new Date(), endReason: "SIGNED_OUT" } });
    expect(ended.count).toBe(1);
    expect((await me(second)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await me(first)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    // Ten wrong passwords from one address, alternating between the instances: each instance checks five, so only a
    // counter they share reaches the ten that block the account from that address (a per-instance one stops at five,
    // which only slows). A wait between attempts is waited out, as a patient attacker would.
    const address = `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const attempt = (portal: PortalServer, password: string) => attemptSignIn(portal.baseUrl, { email, password }, { "x-forwarded-for": address });
    const waits: number[] = [];
    for (let checked = 0; checked < 10; ) {
      const answer = await attempt(checked % 2 ? second : first, "not-the-password");
      if (answer.error === "CredentialsSignin") {
        checked += 1;
        continue;
      }
      const wait = Number(/^THROTTLED:(\d+)$/.exec(answer.error ?? "")?.[1]);
      expect(wait, String(answer.error)).toBeGreaterThan(0);
      waits.push(wait);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    }
    // The growing waits after the fifth failure (1, 2, 4, 8 s): counted by both instances together.
    expect(waits.length).toBeGreaterThanOrEqual(4);
    for (const portal of [first, second]) {
      const right = await attempt(portal, PASSWORD);
      // Blocked for 15 minutes, not the second or two a per-instance count would ask.
      expect(Number(/^THROTTLED:(\d+)$/.exec(right.error ?? "")?.[1]), String(right.error)).toBeGreaterThan(60);
    }
    // The second instance signs in an account it has no failures for, so its refusal above is the shared count.
    const other = await clinicIn(prisma);
    expect((await signInOverHttp(other.email, PASSWORD, { baseUrl: second.baseUrl, address })).sessionCookie).not.toBeNull();
  }, 120_000);

  it("a portal of two processes (WEB_CONCURRENCY=2): a revoked session is refused by both at once, and a worker killed with -9 is replaced", async () => {
    const database = await createDatabase(inject("adminDatabaseUrl"), "faults-cluster", { migrated: true });
    cleanups.push(() => database.drop());
    const prisma = createPrismaClient(database.url);
    cleanups.push(() => prisma.$disconnect());
    const { email } = await clinicIn(prisma);
    const portal = await startPortal(database.url, { WEB_CONCURRENCY: "2" });
    cleanups.push(() => portal.stop());
    expect(await workersOf(portal.pid)).toHaveLength(2);

    // Many requests at once open many connections, which the primary hands to both workers in turn.
    const cookie = await signedIn(portal, email);
    const burst = () => Promise.all(Array.from({ length: 30 }, () => graphql<{ me: { id: string } }>("{ me { id } }", { baseUrl: portal.baseUrl, cookie })));
    expect((await burst()).every((result) => result.data?.me.id)).toBe(true);
    await prisma.userSession.updateMany({ where: { user: { email }, endedAt: null }, data: { endedAt: new Date(), endReason: "SIGNED_OUT" } });
    expect((await burst()).map((result) => result.errors?.[0]?.extensions?.code)).toEqual(Array(30).fill("UNAUTHENTICATED"));

    const [killed] = await workersOf(portal.pid);
    process.kill(killed!, "SIGKILL");
    const deadline = Date.now() + 60_000;
    let workers = await workersOf(portal.pid);
    while ((workers.length < 2 || workers.includes(killed!)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      workers = await workersOf(portal.pid);
    }
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(killed);
    expect(portal.exited()).toBeNull();
    const again = await signedIn(portal, email);
    expect((await graphql<{ me: { id: string } }>("{ me { id } }", { baseUrl: portal.baseUrl, cookie: again })).data?.me.id).toBeTruthy();
  });
});

/** The live child processes of `pid` (Linux /proc), each a worker of the cluster. */
async function workersOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // pid (comm) state ppid …: the command may hold spaces and brackets, so read after the last ")".
    const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(parent) === pid && state !== "Z") children.push(Number(entry));
  }
  return children;
}
