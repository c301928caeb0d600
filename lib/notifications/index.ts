import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { EmailDelivery, EmailStatus, NotificationKind } from "@/lib/generated/prisma/enums";
import { NEWEST_FIRST, olderThan, type NewestFirstKey } from "@/lib/db/keyset";
import { assertCan } from "@/lib/permissions";
import { viewerOf, type RequestContext } from "@/lib/request/context";
import { CONFIGURABLE_KINDS, DEFAULT_DELIVERY, type ConfigurableKind, type NotificationFacts } from "./kinds";

export * from "./kinds";

/**
 * Notifications: written by the change they tell of, in its transaction (the
 * transactional outbox), read in the portal by their recipient, and e-mailed by
 * the outbox worker (lib/outbox) as each recipient chose.
 */

/** What writing notifications needs of a client: one raw statement, inside the change's transaction. */
export type NotificationWriter = Pick<PrismaClient, "$executeRaw">;

/** Who is told: named users, or every therapist of a service. */
export type Recipients = { userIds: readonly string[] } | { serviceId: string };

export interface NotificationEvent {
  kind: NotificationKind;
  referralId?: string | null;
  partId?: string | null;
  accountTokenId?: string | null;
  /** Written once per recipient: a second event with the same key adds nothing. */
  dedupeKey?: string | null;
  /** Whoever caused it is not told of their own action. */
  actorId?: string | null;
}

/**
 * Writes one notification per recipient in one statement, in the caller's
 * transaction, so the change and its notifications commit together or not at
 * all. Raw SQL because the recipients may be at another clinic (a referral's
 * receiving service), which the caller's clinic-scoped client cannot see; it
 * reads only their ids and preferences. Each row's e-mail starts as the
 * recipient chose for the kind: PENDING (send now), IN_DIGEST or OFF. Account
 * e-mails (an invitation, a reset link) are always sent, and only they go to
 * someone without a password yet.
 */
export async function notify(tx: NotificationWriter, event: NotificationEvent, recipients: Recipients): Promise<number> {
  const userIds = "userIds" in recipients ? [...recipients.userIds] : [];
  const serviceId = "serviceId" in recipients ? recipients.serviceId : null;
  const account = event.kind === "INVITATION" || event.kind === "PASSWORD_RESET";
  return tx.$executeRaw`
    INSERT INTO "Notification" (id, "userId", "clinicId", kind, "referralId", "partId", "accountTokenId", "dedupeKey", "emailStatus")
    SELECT gen_random_uuid(), u.id, u."clinicId", ${event.kind}::"NotificationKind", ${event.referralId ?? null}::uuid,
           ${event.partId ?? null}::uuid, ${event.accountTokenId ?? null}::uuid, ${event.dedupeKey ?? null},
           (CASE WHEN ${account} THEN 'PENDING'
                 WHEN p.delivery = 'OFF' THEN 'OFF'
                 WHEN p.delivery = 'DAILY_DIGEST' THEN 'IN_DIGEST'
                 ELSE 'PENDING' END)::"EmailStatus"
      FROM "User" u
      LEFT JOIN "NotificationPreference" p ON p."userId" = u.id AND p.kind = ${event.kind}::"NotificationKind"
     WHERE (u.id = ANY(${userIds}::uuid[]) OR u."serviceId" = ${serviceId}::uuid)
       AND u.active
       AND (${account} OR u."passwordHash" IS NOT NULL)
       AND u.id IS DISTINCT FROM ${event.actorId ?? null}::uuid
    ON CONFLICT ("userId", "dedupeKey") DO NOTHING`;
}

/** What to read of a notification to say what it is about (never the patient). */
export const FACTS_SELECT = {
  id: true,
  kind: true,
  referralId: true,
  createdAt: true,
  part: { select: { service: { select: { name: true } } } },
  referral: { select: { priority: true } },
  user: { select: { clinic: { select: { name: true } } } },
} satisfies Prisma.NotificationSelect;

export type NotificationWithFacts = Prisma.NotificationGetPayload<{ select: typeof FACTS_SELECT }>;

export function factsOf(notification: NotificationWithFacts): NotificationFacts {
  return {
    kind: notification.kind,
    serviceName: notification.part?.service.name ?? null,
    priority: notification.referral?.priority ?? null,
    clinicName: notification.user.clinic.name,
  };
}

/** Where a notification links to in the portal (account links carry their token and are made by the worker). */
export function portalPathOf(notification: { kind: NotificationKind; referralId: string | null }): string {
  return notification.referralId ? `/referrals/${notification.referralId}` : "/notifications";
}

const IN_APP_SELECT = { ...FACTS_SELECT, readAt: true, emailStatus: true } satisfies Prisma.NotificationSelect;
export type InAppNotification = Prisma.NotificationGetPayload<{ select: typeof IN_APP_SELECT }>;

/** Account e-mails are not shown in the portal: their recipient could not sign in when they were sent. */
const IN_APP_KINDS = { notIn: ["INVITATION", "PASSWORD_RESET", "DAILY_DIGEST"] as NotificationKind[] };

/** The viewer's notifications, newest first (`first` + 1 rows: the extra one says there is more). */
export function listNotifications(context: RequestContext, page: { first: number; after: NewestFirstKey | null }): Promise<InAppNotification[]> {
  const viewer = viewerOf(context);
  return context.db.notification.findMany({
    select: IN_APP_SELECT,
    where: { AND: [{ userId: viewer.id, kind: IN_APP_KINDS }, ...(page.after ? [olderThan(page.after)] : [])] },
    orderBy: NEWEST_FIRST,
    take: page.first + 1,
  });
}

export function unreadNotificationCount(context: RequestContext): Promise<number> {
  const viewer = viewerOf(context);
  return context.db.notification.count({ where: { userId: viewer.id, readAt: null, kind: IN_APP_KINDS } });
}

/** Marks the viewer's notifications read: the ones named, or all. Another user's ids change nothing. */
export async function markNotificationsRead(context: RequestContext, ids: readonly string[] | null): Promise<number> {
  const viewer = viewerOf(context);
  const { count } = await context.db.notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...(ids ? { id: { in: [...ids] } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}

/** The viewer's delivery for every kind they may choose for (IMMEDIATELY where they never chose). */
export async function notificationPreferences(context: RequestContext): Promise<{ kind: ConfigurableKind; delivery: EmailDelivery }[]> {
  const viewer = viewerOf(context);
  const rows = await context.prisma.notificationPreference.findMany({ where: { userId: viewer.id } });
  const chosen = new Map(rows.map((row) => [row.kind, row.delivery]));
  return CONFIGURABLE_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? DEFAULT_DELIVERY }));
}

/** The viewer chooses how one kind reaches them by e-mail; notifications already written keep theirs. */
export async function setNotificationPreference(context: RequestContext, kind: ConfigurableKind, delivery: EmailDelivery) {
  const viewer = viewerOf(context);
  await context.prisma.notificationPreference.upsert({
    where: { userId_kind: { userId: viewer.id, kind } },
    create: { userId: viewer.id, kind, delivery },
    update: { delivery },
  });
  return notificationPreferences(context);
}

const DELIVERY_SELECT = {
  ...FACTS_SELECT,
  emailStatus: true,
  attempts: true,
  lastError: true,
  sentAt: true,
  nextAttemptAt: true,
  user: { select: { name: true, clinic: { select: { name: true } } } },
} satisfies Prisma.NotificationSelect;

export type MailDelivery = Prisma.NotificationGetPayload<{ select: typeof DELIVERY_SELECT }>;

/**
 * How the e-mail of the clinic's users' notifications went, newest first, for
 * its administrators: what was sent, what waits for a retry and why, what was
 * not sent for want of a mail server, what was given up.
 */
export function listMailDeliveries(
  context: RequestContext,
  filter: { status: EmailStatus | null },
  page: { first: number; after: NewestFirstKey | null },
): Promise<MailDelivery[]> {
  const viewer = viewerOf(context);
  assertCan(viewer, "READ_MAIL_DELIVERIES");
  return context.db.notification.findMany({
    select: DELIVERY_SELECT,
    where: {
      AND: [{ clinicId: viewer.clinicId }, ...(filter.status ? [{ emailStatus: filter.status }] : []), ...(page.after ? [olderThan(page.after)] : [])],
    },
    orderBy: NEWEST_FIRST,
    take: page.first + 1,
  });
}
