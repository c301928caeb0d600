import { z } from "zod";
import { createdRange, fromNotAfterTo, withinDays } from "@/lib/dates";
import { NEWEST_FIRST, olderThan, type NewestFirstKey } from "@/lib/db/keyset";
import type { AuditEvent, Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/permissions";
import { viewerOf, type RequestContext } from "@/lib/request/context";
import { idSchema } from "@/lib/validation";

export const auditFilterSchema = z
  .object({
    userId: idSchema("userId").nullish(),
    patientId: idSchema("patientId").nullish(),
    action: z.string().trim().max(100, "action must be at most 100 characters").nullish(),
    ...createdRange,
  })
  .refine(...fromNotAfterTo);

export type AuditFilter = z.output<typeof auditFilterSchema>;

export type AuditEventWithUser = AuditEvent & { userName: string | null };

/**
 * One page (`first` + 1 rows) of the viewer's clinic's audit trail, newest
 * first, each event with the name of its user. The clinic comes from the
 * session: another clinic's user or patient ids simply match nothing.
 */
export async function auditTrailPage(
  context: RequestContext,
  filter: AuditFilter,
  page: { first: number; after: NewestFirstKey | null },
): Promise<AuditEventWithUser[]> {
  const viewer = viewerOf(context);
  const conditions: Prisma.AuditEventWhereInput[] = [{ clinicId: viewer.clinicId }];
  if (filter.userId) conditions.push({ userId: filter.userId });
  if (filter.patientId) conditions.push({ entityIds: { has: filter.patientId } });
  if (filter.action) conditions.push({ action: filter.action });
  const created = withinDays(filter.createdFrom, filter.createdTo);
  if (created) conditions.push({ createdAt: created });
  if (page.after) conditions.push(olderThan(page.after));
  // The trail has no clinic scope of its own (its rows outlive what they name): filtered by clinic above.
  const rows = await context.prisma.auditEvent.findMany({ where: { AND: conditions }, orderBy: NEWEST_FIRST, take: page.first + 1 });
  const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
  // Unscoped: the trail names whoever touched the clinic's records, another clinic's receiving therapist too.
  const users = userIds.length ? await context.prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((user) => [user.id, user.name]));
  return rows.map((row) => ({ ...row, userName: row.userId ? (names.get(row.userId) ?? null) : null }));
}

/** Refuses anyone who may not read the audit trail; checked before the filter is even read. */
export function assertMayReadAuditTrail(context: RequestContext): void {
  assertCan(viewerOf(context), "READ_AUDIT_TRAIL");
}
