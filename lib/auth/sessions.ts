import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role, SecondFactorPolicy } from "@/lib/generated/prisma/enums";
import { secondFactorRequired, sessionStage, type SessionStage } from "@/lib/auth/second-factor/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { readEnv } from "@/lib/env";

let policy: ReturnType<typeof readPolicy> | undefined;

/** Session limits from the environment (defaults: 30 minutes idle, 12 hours in all), read once. */
export function sessionPolicy() {
  policy ??= readPolicy();
  return policy;
}

function readPolicy() {
  const env = readEnv();
  return {
    idleSeconds: env.SESSION_IDLE_TIMEOUT_SECONDS,
    warningSeconds: env.SESSION_IDLE_WARNING_SECONDS,
    maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
    // Writing lastSeenAt on every request would cost a write per request; a tenth of the idle time is precise enough.
    touchEverySeconds: Math.min(60, Math.floor(env.SESSION_IDLE_TIMEOUT_SECONDS / 10)),
  };
}

/** REPLACED: the same browser signed in again. ENDED_BY_USER: ended from another session's "Your sessions". */
export type SessionEndReason =
  | "SIGNED_OUT"
  | "REPLACED"
  | "DEACTIVATED"
  | "PASSWORD_CHANGED"
  | "PASSWORD_RESET"
  | "ENDED_BY_USER"
  | "SECOND_FACTORS_RESET";

export async function startSession(
  prisma: PrismaClient,
  userId: string,
  origin: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const session = await prisma.userSession.create({
    data: { userId, ip: origin.ip, userAgent: origin.userAgent },
    select: { id: true },
  });
  return session.id;
}

export interface LiveSession {
  sessionId: string;
  viewer: Viewer;
  /** When the session ends if nothing happens before then. */
  idleExpiresAt: Date;
  /** COMPLETE, or the second-factor step it must pass first (lib/auth/second-factor/policy.ts). */
  stage: SessionStage;
  /** When it last passed a second factor: administrators' actions ask again after 10 minutes. */
  secondFactorAt: Date | null;
}

interface LiveSessionRow {
  id: string;
  secondFactorAt: Date | null;
  secondFactorPolicy: SecondFactorPolicy;
  hasSecondFactor: boolean;
  lastSeenAt: Date;
  createdAt: Date;
  touched: boolean;
  userId: string;
  name: string;
  email: string;
  role: Role;
  clinicId: string;
  serviceId: string | null;
  clinicName: string;
}

/**
 * The session behind a token, if it is still live: not ended, not idle for
 * longer than the idle timeout, younger than the absolute limit, its user
 * still active. Checked in PostgreSQL on every request, in one statement that
 * also records the activity, so every instance sees revocations at once.
 *
 * A session that has not passed the second-factor step it owes (its stage is
 * not COMPLETE) counts as no session at all, unless the caller is the step
 * itself and asks with `pending: true`: nothing else in the portal ever sees it.
 */
export async function resolveSession(
  prisma: PrismaClient,
  sessionId: string | undefined,
  options: { touch?: "throttled" | "always" | "never"; pending?: boolean } = {},
): Promise<LiveSession | null> {
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const policy = sessionPolicy();
  const touchAfter = options.touch === "always" ? 0 : policy.touchEverySeconds;
  // A background request (lib/background-request.ts) is checked like any other but is no activity.
  const touching = options.touch !== "never";
  const rows = await prisma.$queryRaw<LiveSessionRow[]>`
    WITH live AS (
      SELECT s.id, s."lastSeenAt", s."createdAt", s."secondFactorAt", u.id AS "userId", u.name, u.email, u.role, u."clinicId", u."serviceId",
             c.name AS "clinicName", c."secondFactorPolicy",
             -- Only a session that has not passed a second factor needs to know whether its user has one.
             s."secondFactorAt" IS NULL AND (
               EXISTS (SELECT 1 FROM "Passkey" p WHERE p."userId" = u.id)
               OR EXISTS (SELECT 1 FROM "TotpFactor" t WHERE t."userId" = u.id AND t."confirmedAt" IS NOT NULL)
             ) AS "hasSecondFactor"
        FROM "UserSession" s
        JOIN "User" u ON u.id = s."userId"
        JOIN "Clinic" c ON c.id = u."clinicId"
       WHERE s.id = ${sessionId}::uuid
         AND s."endedAt" IS NULL
         AND u.active
         AND s."lastSeenAt" > now() - make_interval(secs => ${policy.idleSeconds})
         AND s."createdAt" > now() - make_interval(secs => ${policy.maxAgeSeconds})
    ), touched AS (
      UPDATE "UserSession" SET "lastSeenAt" = now()
       WHERE ${touching}::boolean AND id IN (SELECT id FROM live WHERE "lastSeenAt" <= now() - make_interval(secs => ${touchAfter}))
      RETURNING id
    )
    SELECT live.*, EXISTS (SELECT 1 FROM touched) AS touched FROM live`;
  const row = rows[0];
  if (!row) return null;
  const stage = sessionStage({
    secondFactorAt: row.secondFactorAt,
    hasSecondFactor: row.hasSecondFactor,
    required: secondFactorRequired(row, row.secondFactorPolicy),
  });
  if (stage !== "COMPLETE" && !options.pending) return null;
  const lastSeen = row.touched ? new Date() : row.lastSeenAt;
  const idleEnd = lastSeen.getTime() + policy.idleSeconds * 1000;
  const absoluteEnd = row.createdAt.getTime() + policy.maxAgeSeconds * 1000;
  return {
    sessionId: row.id,
    stage,
    secondFactorAt: row.secondFactorAt,
    viewer: {
      id: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
      clinicId: row.clinicId,
      clinicName: row.clinicName,
      serviceId: row.serviceId,
    },
    idleExpiresAt: new Date(Math.min(idleEnd, absoluteEnd)),
  };
}

/** Ends one session; returns whose it was (for the audit trail), or null when it had already ended. */
export async function endSession(
  prisma: PrismaClient,
  sessionId: string,
  reason: SessionEndReason,
): Promise<{ userId: string; clinicId: string } | null> {
  const rows = await prisma.$queryRaw<{ userId: string; clinicId: string }[]>`
    UPDATE "UserSession" s SET "endedAt" = now(), "endReason" = ${reason}
      FROM "User" u
     WHERE s.id = ${sessionId}::uuid AND s."endedAt" IS NULL AND u.id = s."userId"
    RETURNING s."userId", u."clinicId"`;
  return rows[0] ?? null;
}

/** Ends every live session of a user: deactivation and password changes take effect at once. */
export async function endAllSessions(prisma: PrismaClient, userId: string, reason: SessionEndReason): Promise<number> {
  const { count } = await prisma.userSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
  return count;
}
