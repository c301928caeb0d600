import { randomBytes, randomUUID } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { freePort } from "@/lib/ops/embedded";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notify } from "@/lib/notifications";
import { spawnOutboxWorker } from "@/scripts/support/outbox-process";
import { createDatabase } from "../support/database-server";
import { eventually, startTestSmtpServer } from "../support/smtp";

/**
 * The outbox worker as real processes against a real SMTP server: killed with
 * -9 in the middle of a send, started while the mail server is down, and two
 * of them on one database. What arrived is counted at the SMTP server; what
 * the rows say is read from PostgreSQL.
 */

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

interface Worker {
  process: ChildProcess;
  output(): string;
  /** The notification ids this worker logged as delivered. */
  delivered(): string[];
  kill(signal: NodeJS.Signals): Promise<void>;
}

function startWorker(databaseUrl: string, smtpUrl: string): Worker {
  const child = spawnOutboxWorker(
    {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: "https://portal.clinic.test",
      SMTP_URL: smtpUrl,
      MAIL_FROM: "Clinic referral portal <portal@clinic.test>",
      OUTBOX_POLL_MS: "100",
      OUTBOX_RETRY_BASE_MS: "200",
      LOG_LEVEL: "info",
    },
    "pipe",
  );
  let log = "";
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const worker: Worker = {
    process: child,
    output: () => log,
    delivered: () =>
      log
        .split("\n")
        .filter((line) => line.includes('"outbox: delivered"'))
        .map((line) => (JSON.parse(line) as { notification: string }).notification),
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill(signal);
      await exited;
    },
  };
  cleanups.push(() => worker.kill("SIGKILL"));
  return worker;
}

const started = (worker: Worker) => eventually(() => worker.output().includes("outbox: delivering e-mail"), "the worker to start", 60_000);

/** A database of its own with one user and `count` notifications waiting for their e-mail. */
async function outboxWith(purpose: string): Promise<{ prisma: PrismaClient; url: string; queue(count: number): Promise<string[]> }> {
  const database = await createDatabase(inject("adminDatabaseUrl"), purpose, { migrated: true });
  cleanups.push(() => database.drop());
  const prisma = createPrismaClient(database.url);
  cleanups.push(() => prisma.$disconnect());
  const tag = randomUUID().slice(0, 8);
  const clinic = await prisma.clinic.create({ data: { name: `Outbox clinic ${tag}` } });
  const user = await prisma.user.create({ data: { clinicId: clinic.id, email: `outbox.${tag}@clinic.test`, name: "Outbox User", role: "CLINICIAN", passwordHash: "x" } });
  return {
    prisma,
    url: database.url,
    async queue(count) {
      for (let index = 0; index < count; index++) await notify(prisma, { kind: "PART_DECIDED" }, { userIds: [user.id] });
      return (await prisma.notification.findMany({ select: { id: true } })).map((row) => row.id);
    },
  };
}

const messageIdOf = (id: string) => `<${id}@clinic.test>`;

describe("outbox faults", () => {
  it("a worker killed with -9 mid-send loses no notification and duplicates none: the next worker sends the one in flight", async () => {
    const outbox = await outboxWith("outbox-kill");
    const ids = await outbox.queue(20);
    const smtp = await startTestSmtpServer();
    cleanups.push(() => smtp.stop());
    const { held, release } = smtp.holdNext();

    const first = startWorker(outbox.url, smtp.url);
    const session = await held;
    // The message is on the wire, the server has not answered, the row is locked in the worker's open transaction.
    await first.kill("SIGKILL");
    await eventually(() => smtp.closed(session), "the server to see the killed worker's connection close");
    release();
    await eventually(() => smtp.dropped === 1, "the server to drop the message its client abandoned");
    const inFlight = await outbox.prisma.notification.count({ where: { emailStatus: "PENDING", attempts: 0 } });

    const second = startWorker(outbox.url, smtp.url);
    await eventually(async () => (await outbox.prisma.notification.count({ where: { emailStatus: "SENT" } })) === ids.length, "every e-mail to be sent", 60_000);
    await second.kill("SIGTERM");

    const received = smtp.received.map((mail) => mail.messageId);
    const duplicates = received.length - new Set(received).size;
    console.log(
      `outbox kill -9 mid-send: ${ids.length} notifications, 1 message in flight when killed (dropped by the server: ${smtp.dropped}), ` +
        `${first.delivered().length} sent before the kill, ${second.delivered().length} by the next worker, ${received.length} received, ${duplicates} duplicates`,
    );
    expect(inFlight).toBe(ids.length);
    expect(duplicates).toBe(0);
    expect(received.sort()).toEqual(ids.map(messageIdOf).sort());
    const rows = await outbox.prisma.notification.findMany();
    expect(rows.every((row) => row.emailStatus === "SENT" && row.messageId === messageIdOf(row.id))).toBe(true);
  });

  it("while the mail server is down the worker retries with backoff; once it is up every e-mail arrives once", async () => {
    const outbox = await outboxWith("outbox-down");
    const ids = await outbox.queue(10);
    const port = await freePort();
    const worker = startWorker(outbox.url, `smtp://127.0.0.1:${port}`);
    await eventually(
      async () => (await outbox.prisma.notification.count({ where: { emailStatus: "PENDING", attempts: { gte: 2 } } })) === ids.length,
      "every e-mail to have failed twice",
      60_000,
    );
    const whileDown = await outbox.prisma.notification.findMany();
    const failedAttempts = whileDown.reduce((sum, row) => sum + row.attempts, 0);
    expect(whileDown.every((row) => row.lastError?.includes("ECONNREFUSED") && row.nextAttemptAt > row.createdAt)).toBe(true);

    const smtp = await startTestSmtpServer({ port });
    cleanups.push(() => smtp.stop());
    await eventually(async () => (await outbox.prisma.notification.count({ where: { emailStatus: "SENT" } })) === ids.length, "every e-mail to be sent", 60_000);
    await worker.kill("SIGTERM");

    const received = smtp.received.map((mail) => mail.messageId);
    const duplicates = received.length - new Set(received).size;
    console.log(
      `outbox SMTP down then up: ${ids.length} notifications, ${failedAttempts} failed attempts while down, ${received.length} received once up, ${duplicates} duplicates`,
    );
    expect(duplicates).toBe(0);
    expect(received.sort()).toEqual(ids.map(messageIdOf).sort());
    const rows = await outbox.prisma.notification.findMany();
    expect(rows.every((row) => row.emailStatus === "SENT" && row.attempts >= 3 && row.lastError === null)).toBe(true);
  });

  it("two workers on one outbox share it: each e-mail is sent by one of them, once", async () => {
    const outbox = await outboxWith("outbox-two");
    const smtp = await startTestSmtpServer();
    cleanups.push(() => smtp.stop());
    const workers = [startWorker(outbox.url, smtp.url), startWorker(outbox.url, smtp.url)];
    await Promise.all(workers.map(started));
    const ids = await outbox.queue(60);
    await eventually(async () => (await outbox.prisma.notification.count({ where: { emailStatus: "SENT" } })) === ids.length, "every e-mail to be sent", 60_000);
    await Promise.all(workers.map((worker) => worker.kill("SIGTERM")));

    const [a, b] = workers.map((worker) => worker.delivered());
    const received = smtp.received.map((mail) => mail.messageId);
    const duplicates = received.length - new Set(received).size;
    console.log(
      `outbox two workers: ${ids.length} notifications, worker A sent ${a!.length}, worker B sent ${b!.length}, ${received.length} received, ${duplicates} duplicates`,
    );
    expect(duplicates).toBe(0);
    expect(received.sort()).toEqual(ids.map(messageIdOf).sort());
    expect([...a!, ...b!].sort()).toEqual([...ids].sort());
    expect(a!.length).toBeGreaterThan(0);
    expect(b!.length).toBeGreaterThan(0);
  });
});
