import { appendAuditEvents } from "@/lib/audit";
import { sessionPolicy } from "@/lib/auth/sessions";
import { badInput, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEventOf, viewerOf, type RequestContext } from "@/lib/request/context";

/**
 * "Your sessions" on the account page: the viewer's live sessions (device,
 * address, start, last activity), and ending one or all the others. Another
 * user's session id is not found.
 */

function liveFor(userId: string): Prisma.UserSessionWhereInput {
  const policy = sessionPolicy();
  const now = Date.now();
  return {
    userId,
    endedAt: null,
    lastSeenAt: { gt: new Date(now - policy.idleSeconds * 1000) },
    createdAt: { gt: new Date(now - policy.maxAgeSeconds * 1000) },
  };
}

export async function mySessions(context: RequestContext) {
  const viewer = viewerOf(context);
  const sessions = await context.prisma.userSession.findMany({
    where: liveFor(viewer.id),
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true, secondFactorAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  return sessions.map((session) => ({ ...session, current: session.id === context.session?.id }));
}

export async function endMySession(context: RequestContext, id: string): Promise<void> {
  const viewer = viewerOf(context);
  if (id === context.session?.id) badInput("This is the session you are using: sign out instead.", ["id"]);
  await context.prisma.$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { ...liveFor(viewer.id), id },
      data: { endedAt: new Date(), endReason: "ENDED_BY_USER" },
    });
    if (!count) notFound("Session");
    await appendAuditEvents(tx, [auditEventOf(context, { action: "auth.session_end", entityType: "UserSession", entityIds: [id] })]);
  });
}

/** Ends every other live session of the viewer; returns how many. */
export async function endMyOtherSessions(context: RequestContext): Promise<number> {
  const viewer = viewerOf(context);
  return context.prisma.$transaction(async (tx) => {
    const ended = await tx.userSession.findMany({
      where: { ...liveFor(viewer.id), ...(context.session ? { id: { not: context.session.id } } : {}) },
      select: { id: true },
    });
    if (ended.length === 0) return 0;
    const ids = ended.map((session) => session.id);
    await tx.userSession.updateMany({ where: { id: { in: ids }, endedAt: null }, data: { endedAt: new Date(), endReason: "ENDED_BY_USER" } });
    await appendAuditEvents(tx, [auditEventOf(context, { action: "auth.session_end", entityType: "UserSession", entityIds: ids })]);
    return ids.length;
  });
}
