import { NEWEST_FIRST, olderThan, type NewestFirstKey } from "@/lib/db/keyset";
import type { Prisma, ReferralEvent, ReferralPart } from "@/lib/generated/prisma/client";
import { assertCan, can } from "@/lib/permissions";
import { PRIORITY_RANK } from "@/lib/referrals/parts";
import type { ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { viewerOf, type RequestContext } from "@/lib/request/context";
import { findReferral } from "@/lib/referrals/service";

/** The sort key of a worklist: priority (STAT first), then the longest waiting, then id. */
export interface WorklistKey {
  priorityRank: number;
  sentAt: Date;
  id: string;
}

/**
 * One page (`first` + 1 rows) of the viewer's service's parts in one status
 * (SENT: awaiting a decision), most urgent first, then longest waiting, by
 * keyset on the (serviceId, status, priorityRank DESC, sentAt, id) index.
 */
export async function worklist(
  context: RequestContext,
  filter: { status: ReferralStatus; priority?: ReferralPriority | null },
  page: { first: number; after: WorklistKey | null },
  query: { include?: Prisma.ReferralPartInclude; select?: Prisma.ReferralPartSelect } = {},
): Promise<ReferralPart[]> {
  const viewer = viewerOf(context);
  assertCan(viewer, "DECIDE_REFERRALS");
  const where: Prisma.ReferralPartWhereInput[] = [{ serviceId: viewer.serviceId ?? "", status: filter.status }];
  if (filter.priority) where.push({ priorityRank: PRIORITY_RANK[filter.priority] });
  const after = page.after;
  if (after) {
    where.push({
      priorityRank: { lte: after.priorityRank },
      OR: [
        { priorityRank: { lt: after.priorityRank } },
        { priorityRank: after.priorityRank, sentAt: { gt: after.sentAt } },
        { priorityRank: after.priorityRank, sentAt: after.sentAt, id: { gt: after.id } },
      ],
    });
  }
  return context.db.referralPart.findMany({
    ...query,
    where: { AND: where },
    orderBy: [{ priorityRank: "desc" }, { sentAt: "asc" }, { id: "asc" }],
    take: page.first + 1,
  }) as Promise<ReferralPart[]>;
}

/** The viewer opened this referral now: "not yet opened" and unread updates count from here. */
export async function markReferralSeen(context: RequestContext, referralId: string): Promise<void> {
  const viewer = viewerOf(context);
  await findReferral(context, referralId, { select: { id: true } });
  const seenAt = new Date();
  await context.prisma.referralView.upsert({
    where: { referralId_userId: { referralId, userId: viewer.id } },
    create: { referralId, userId: viewer.id, seenAt },
    update: { seenAt },
  });
}

/** What others did to the referrals the viewer sent (decisions, questions, outcomes), newest first. */
export async function referralUpdates(
  context: RequestContext,
  page: { first: number; after: NewestFirstKey | null },
  query: { include?: Prisma.ReferralEventInclude; select?: Prisma.ReferralEventSelect } = {},
): Promise<ReferralEvent[]> {
  const viewer = viewerOf(context);
  assertCan(viewer, "SEND_REFERRALS");
  const where: Prisma.ReferralEventWhereInput[] = [{ referral: { authorId: viewer.id }, actorId: { not: viewer.id } }];
  if (page.after) where.push(olderThan(page.after));
  return context.db.referralEvent.findMany({ ...query, where: { AND: where }, orderBy: NEWEST_FIRST, take: page.first + 1 }) as Promise<
    ReferralEvent[]
  >;
}

/** How many of the viewer's sent referrals have an update they have not seen. One statement. */
export async function unreadReferralCount(context: RequestContext): Promise<number> {
  const viewer = viewerOf(context);
  const [row] = await context.prisma.$queryRaw<{ count: number }[]>`
    SELECT count(DISTINCT r.id)::int AS count
      FROM "Referral" r
      JOIN "ReferralEvent" e ON e."referralId" = r.id AND e."actorId" <> r."authorId"
      LEFT JOIN "ReferralView" v ON v."referralId" = r.id AND v."userId" = r."authorId"
     WHERE r."authorId" = ${viewer.id}::uuid AND (v."seenAt" IS NULL OR e."createdAt" > v."seenAt")`;
  return row?.count ?? 0;
}

/** At most this many items in "what needs me now". */
export const NEEDS_ME_LIMIT = 20;

/**
 * What needs the viewer now, newest change first. A referrer: the questions
 * waiting for their answer and the outcomes waiting for their acknowledgement,
 * on the referrals they sent. A therapist: their service's parts they have not
 * opened yet (sent) or that changed since they opened them (answered,
 * cancelled).
 */
export async function partsNeedingViewer(
  context: RequestContext,
  query: { include?: Prisma.ReferralPartInclude; select?: Prisma.ReferralPartSelect } = {},
): Promise<ReferralPart[]> {
  const viewer = viewerOf(context);
  if (can(viewer, "SEND_REFERRALS")) {
    return context.db.referralPart.findMany({
      ...query,
      where: {
        referral: { authorId: viewer.id },
        OR: [{ status: "AWAITING_REFERRER" }, { status: "COMPLETED", outcomeAcknowledgedAt: null }],
      },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: NEEDS_ME_LIMIT,
    }) as Promise<ReferralPart[]>;
  }
  assertCan(viewer, "DECIDE_REFERRALS");
  // The comparison with the viewer's own last opening is one join, which Prisma's filters cannot say.
  const rows = await context.prisma.$queryRaw<{ id: string }[]>`
    SELECT p.id
      FROM "ReferralPart" p
      LEFT JOIN "ReferralView" v ON v."referralId" = p."referralId" AND v."userId" = ${viewer.id}::uuid
     WHERE p."serviceId" = ${viewer.serviceId}::uuid
       AND p.status IN ('SENT', 'CANCELLED')
       AND ((v."seenAt" IS NULL AND p.status = 'SENT') OR p."updatedAt" > v."seenAt")
     ORDER BY p."updatedAt" DESC, p.id DESC
     LIMIT ${NEEDS_ME_LIMIT}`;
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  // Through the clinic scope, as every read of a part.
  const parts = (await context.db.referralPart.findMany({ ...query, where: { id: { in: ids }, serviceId: viewer.serviceId ?? "" } })) as ReferralPart[];
  return ids.flatMap((id) => parts.filter((part) => part.id === id));
}
