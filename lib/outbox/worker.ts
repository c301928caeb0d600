import type { Logger } from "pino";
import { accountLinkOf, handleResetRequests } from "@/lib/accounts";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { EmailStatus } from "@/lib/generated/prisma/enums";
import { digestEmailOf, emailOf, factsOf, FACTS_SELECT, notify, portalPathOf, type EmailContent } from "@/lib/notifications";
import { waiting } from "@/lib/referrals/parts";
import { responseTargetsOf } from "@/lib/services";
import { describeMailError, isPermanentMailError, type Mailer } from "./mailer";

/**
 * The outbox worker: delivers the e-mail of notifications written by the
 * changes they tell of (lib/notifications), and does the outbox's periodic
 * work (reset requests, daily digests, overdue notices).
 *
 * Delivery is at least once and never twice for the same row: a row is
 * claimed with SELECT … FOR UPDATE SKIP LOCKED inside a transaction that stays
 * open while its e-mail is sent, and is marked SENT (with its Message-ID) in
 * that transaction. A worker killed mid-send (kill -9) has its connection
 * closed by the kernel, PostgreSQL rolls the transaction back, and the row is
 * PENDING again for the next worker, with the same Message-ID. Several workers
 * (one per portal instance) skip each other's locked rows, so two never send
 * the same row at once. The one window left is a crash after the mail server
 * accepted the message and before the commit: the message is then sent again,
 * under the same Message-ID, which receiving systems use to drop duplicates.
 */

export interface OutboxSettings {
  /** Null without SMTP_URL: notifications stay in the portal, marked "not sent: no mail server". */
  mailer: Mailer | null;
  from: string;
  /** The portal's public address, for links. */
  baseUrl: string;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  digestHourUtc: number;
}

/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** The transaction around one send outlives nodemailer's own timeouts (lib/outbox/mailer.ts). */
const SEND_TRANSACTION_MS = 90_000;
/** How often digests and overdue notices are looked for. */
const HOUSEKEEPING_MS = 30_000;

/** The wait before attempt `attempts + 1`: base × 2^(attempts − 1), at most an hour, less up to a fifth at random so retries spread. */
export function backoffMs(attempts: number, baseMs: number, random = Math.random()): number {
  const full = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (1 - 0.2 * random));
}

const DELIVERY_SELECT = {
  ...FACTS_SELECT,
  emailStatus: true,
  attempts: true,
  accountTokenId: true,
  accountToken: { select: { purpose: true, usedAt: true, expiresAt: true } },
  user: { select: { email: true, name: true, clinic: { select: { name: true } } } },
} satisfies Prisma.NotificationSelect;

/** The domain of MAIL_FROM, for Message-IDs. */
export function mailDomainOf(from: string): string {
  const address = /<([^<>]+)>$/.exec(from)?.[1] ?? from;
  return address.split("@")[1]?.trim().toLowerCase() || "localhost";
}

type Outcome = { status: "SENT" } | { status: EmailStatus; error: string; retryAt?: Date };

export class OutboxWorker {
  private stopping = false;
  private wake: (() => void) | null = null;
  private lastHousekeeping = 0;
  /** Deliveries made by this worker, by outcome, for its log and the tests. */
  readonly counts = { sent: 0, retried: 0, failed: 0, noMailServer: 0 };

  constructor(
    private readonly prisma: PrismaClient,
    private readonly settings: OutboxSettings,
    private readonly log: Pick<Logger, "info" | "warn" | "error">,
  ) {}

  /** Works until stop(): whatever is due, then a pause of pollMs when there was nothing. */
  async run(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        worked = await this.tick();
      } catch (error) {
        // PostgreSQL away, say: the worker waits and tries again rather than dying.
        this.log.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "outbox: a round failed; trying again");
      }
      if (!worked && !this.stopping) await this.pause(this.settings.pollMs);
    }
  }

  /** Finishes the delivery in hand, then run() returns. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** One round; true when it found work (so the next round starts at once). */
  async tick(now = new Date()): Promise<boolean> {
    let worked = (await handleResetRequests(this.prisma)) > 0;
    if (now.getTime() - this.lastHousekeeping >= HOUSEKEEPING_MS) {
      this.lastHousekeeping = now.getTime();
      await makeDigests(this.prisma, now, this.settings.digestHourUtc);
      await noticeOverdueParts(this.prisma, now);
    }
    if (!this.settings.mailer) return (await this.markNoMailServer()) > 0 || worked;
    for (let sent = 0; sent < 20 && !this.stopping; sent++) {
      if (!(await this.deliverOne())) break;
      worked = true;
    }
    return worked;
  }

  /** Without a mail server every due e-mail is marked, in batches: the notifications stay in the portal. */
  private async markNoMailServer(): Promise<number> {
    const marked = await this.prisma.$executeRaw`
      UPDATE "Notification" SET "emailStatus" = 'NO_MAIL_SERVER', "lastError" = 'not sent: no mail server (SMTP_URL is not set)'
       WHERE id IN (SELECT id FROM "Notification" WHERE "emailStatus" = 'PENDING' AND "nextAttemptAt" <= now()
                     ORDER BY "nextAttemptAt" LIMIT 500 FOR UPDATE SKIP LOCKED)`;
    if (marked) {
      this.counts.noMailServer += marked;
      await this.prisma.$executeRaw`
        UPDATE "Notification" m SET "emailStatus" = 'NO_MAIL_SERVER'
          FROM "Notification" d WHERE m."digestId" = d.id AND d."emailStatus" = 'NO_MAIL_SERVER' AND m."emailStatus" = 'IN_DIGEST'`;
    }
    return marked;
  }

  /** Claims one due notification, sends its e-mail and records how it went, in one transaction. False when none was due. */
  async deliverOne(): Promise<boolean> {
    const mailer = this.settings.mailer!;
    return this.prisma.$transaction(
      async (tx) => {
        const [claimed] = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Notification" WHERE "emailStatus" = 'PENDING' AND "nextAttemptAt" <= now()
           ORDER BY "nextAttemptAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!claimed) return false;
        const notification = await tx.notification.findUniqueOrThrow({ where: { id: claimed.id }, select: DELIVERY_SELECT });
        const messageId = `<${notification.id}@${mailDomainOf(this.settings.from)}>`;
        const attempts = notification.attempts + 1;
        const outcome = await this.attempt(tx as unknown as PrismaClient, notification, messageId, mailer, attempts);
        await tx.notification.update({
          where: { id: notification.id },
          data:
            outcome.status === "SENT"
              ? { emailStatus: "SENT", sentAt: new Date(), messageId, attempts, lastError: null }
              : { emailStatus: outcome.status, attempts, lastError: outcome.error, ...(outcome.retryAt ? { nextAttemptAt: outcome.retryAt } : {}) },
        });
        // A digest's notifications follow it: sent within it, or not sent with it.
        if (notification.kind === "DAILY_DIGEST" && outcome.status !== "PENDING") {
          await tx.notification.updateMany({
            where: { digestId: notification.id, emailStatus: "IN_DIGEST" },
            data: { emailStatus: outcome.status === "SENT" ? "DIGESTED" : outcome.status },
          });
        }
        if (outcome.status === "SENT") {
          this.counts.sent++;
          this.log.info({ notification: notification.id, kind: notification.kind, attempts }, "outbox: delivered");
        } else if (outcome.status === "PENDING") {
          this.counts.retried++;
          this.log.warn({ notification: notification.id, attempts, error: outcome.error }, "outbox: delivery failed; will retry");
        } else {
          this.counts.failed++;
          this.log.warn({ notification: notification.id, attempts, error: outcome.error }, "outbox: delivery given up");
        }
        return true;
      },
      { maxWait: 10_000, timeout: SEND_TRANSACTION_MS },
    );
  }

  private async attempt(
    tx: PrismaClient,
    notification: Prisma.NotificationGetPayload<{ select: typeof DELIVERY_SELECT }>,
    messageId: string,
    mailer: Mailer,
    attempts: number,
  ): Promise<Outcome> {
    let content: EmailContent;
    const link = (path: string) => `${this.settings.baseUrl.replace(/\/+$/, "")}${path}`;
    if (notification.accountToken) {
      const token = notification.accountToken;
      if (token.usedAt || token.expiresAt <= new Date()) return { status: "FAILED", error: "the link was used, replaced or expired before it could be sent" };
      content = emailOf(factsOf(notification), notification.user.name, accountLinkOf(this.settings.baseUrl, token.purpose, notification.accountTokenId!));
    } else if (notification.kind === "DAILY_DIGEST") {
      const items = await tx.notification.findMany({ where: { digestId: notification.id }, select: FACTS_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      if (!items.length) return { status: "FAILED", error: "the digest had nothing in it" };
      content = digestEmailOf(
        notification.user.name,
        items.map((item) => ({ facts: factsOf(item), link: link(portalPathOf(item)) })),
        link("/notifications"),
      );
    } else {
      content = emailOf(factsOf(notification), notification.user.name, link(portalPathOf(notification)));
    }
    try {
      await mailer.send({ from: this.settings.from, to: notification.user.email, subject: content.subject, text: content.text, messageId });
      return { status: "SENT" };
    } catch (error) {
      const described = describeMailError(error);
      if (isPermanentMailError(error)) return { status: "FAILED", error: described };
      if (attempts >= this.settings.maxAttempts) return { status: "FAILED", error: `${described} (gave up after ${attempts} attempts)` };
      return { status: "PENDING", error: described, retryAt: new Date(Date.now() + backoffMs(attempts, this.settings.retryBaseMs)) };
    }
  }
}

/**
 * Gathers each user's notifications waiting for their daily digest into one
 * DAILY_DIGEST notification, once the day's digest hour (UTC) has passed:
 * those written before that hour, at most once per user per day. One
 * statement under a transaction-scoped advisory lock, so two workers never
 * make a user's digest twice. Returns how many digests it made.
 */
export async function makeDigests(prisma: PrismaClient, now: Date, digestHourUtc: number): Promise<number> {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), digestHourUtc));
  if (cutoff > now) cutoff.setUTCDate(cutoff.getUTCDate() - 1);
  const [, made] = await prisma.$transaction([
    prisma.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('outbox-digests', 0))`,
    prisma.$executeRaw`
      WITH due AS (
        SELECT DISTINCT n."userId", n."clinicId" FROM "Notification" n
         WHERE n."emailStatus" = 'IN_DIGEST' AND n."digestId" IS NULL AND n."createdAt" < ${cutoff}
           AND NOT EXISTS (SELECT 1 FROM "Notification" d WHERE d."userId" = n."userId" AND d.kind = 'DAILY_DIGEST' AND d."createdAt" >= ${cutoff})
      ), digests AS (
        INSERT INTO "Notification" (id, "userId", "clinicId", kind, "emailStatus")
        SELECT gen_random_uuid(), "userId", "clinicId", 'DAILY_DIGEST', 'PENDING' FROM due
        RETURNING id, "userId"
      )
      UPDATE "Notification" n SET "digestId" = d.id FROM digests d
       WHERE n."userId" = d."userId" AND n."emailStatus" = 'IN_DIGEST' AND n."digestId" IS NULL AND n."createdAt" < ${cutoff}`,
  ]);
  return made;
}

/**
 * Tells a service's therapists, once per part, when a part waiting for their
 * decision passes its response target (the service's own, else the portal's).
 * The unique (recipient, dedupeKey) makes a second look, or a second worker,
 * add nothing. Returns how many parts it found overdue.
 */
export async function noticeOverdueParts(prisma: PrismaClient, now: Date): Promise<number> {
  const parts = await prisma.referralPart.findMany({
    where: { status: "SENT", sentAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) }, notifications: { none: { kind: "PART_OVERDUE" } } },
    select: { id: true, referralId: true, serviceId: true, status: true, sentAt: true, priorityRank: true, service: { select: { responseTargets: true } } },
    orderBy: { sentAt: "asc" },
    take: 500,
  });
  let overdue = 0;
  for (const part of parts) {
    if (!waiting(part, now, responseTargetsOf(part.service)).overdue) continue;
    overdue++;
    await notify(
      prisma,
      { kind: "PART_OVERDUE", referralId: part.referralId, partId: part.id, dedupeKey: `overdue:${part.id}` },
      { serviceId: part.serviceId },
    );
  }
  return overdue;
}
