import { randomUUID } from "node:crypto";
import type { AuditEventInput } from "@/lib/audit";
import type { SignInResult } from "@/lib/auth/credentials";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Unattributed failures are counted per address in windows of this length. */
export const FAILURE_WINDOW_SECONDS = 15 * 60;

type Origin = { ip: string | null; userAgent: string | null };

/**
 * The audit events for one sign-in attempt. Attempts on a real account (signed
 * in, refused or throttled) are one event each, naming the account and its
 * clinic so the clinic's administrators see them. Failures that name no
 * account (an unknown email) would let anyone grow the append-only trail at
 * will, so they are counted per address and 15-minute window in
 * SignInFailureWindow, and only the window's first failure becomes an event
 * (pointing at the window's row). A refusal for want of capacity (BUSY) checked
 * nothing and writes nothing: under a flood a write each is the very load
 * being refused.
 */
export async function signInAuditEvents(prisma: PrismaClient, result: SignInResult, origin: Origin): Promise<AuditEventInput[]> {
  if (result.outcome === "SIGNED_IN") {
    const userId = result.viewer.id;
    return [{ clinicId: result.viewer.clinicId, userId, action: "auth.sign_in", entityType: "User", entityIds: [userId], outcome: "SUCCESS", ...origin }];
  }
  const outcome = result.outcome === "REFUSED" ? "FAILURE" : "DENIED";
  if (result.outcome !== "BUSY" && result.userId) {
    const { userId, clinicId } = result;
    return [{ clinicId, userId, action: "auth.sign_in_failed", entityType: "User", entityIds: [userId], outcome, ...origin }];
  }
  // Refused for want of capacity before anything was checked: a flood of these must not cost a write each.
  if (result.outcome === "BUSY") return [];
  const window = await countUnattributedFailure(prisma, origin.ip);
  if (window.failures > 1) return [];
  return [{ clinicId: null, userId: null, action: "auth.sign_in_failed", entityType: "SignInFailureWindow", entityIds: [window.id], outcome, ...origin }];
}

/** One upsert: the window's row and how many failures it holds now. */
export async function countUnattributedFailure(prisma: PrismaClient, ip: string | null): Promise<{ id: string; failures: number }> {
  const [row] = await prisma.$queryRaw<{ id: string; failures: number }[]>`
    INSERT INTO "SignInFailureWindow" (id, address, "windowStart", failures, "lastFailureAt")
    VALUES (${randomUUID()}::uuid, ${ip ?? "unknown"}, date_bin(make_interval(secs => ${FAILURE_WINDOW_SECONDS}), now(), 'epoch'), 1, now())
    ON CONFLICT (address, "windowStart") DO UPDATE SET
      failures = "SignInFailureWindow".failures + 1, "lastFailureAt" = now()
    RETURNING id::text, failures`;
  return row!;
}
