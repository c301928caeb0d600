import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/sessions";
import { clearAccountFailures, recordFailedSignIn, secondsUntilAllowed } from "@/lib/auth/throttle";
import type { Viewer } from "@/lib/auth/viewer";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { outcome: "SIGNED_IN"; viewer: Viewer; sessionId: string }
  | { outcome: "REFUSED"; userId: string | null; clinicId: string | null }
  | { outcome: "THROTTLED"; retryAfterSeconds: number };

/**
 * Checks an email and password and, when right, starts a session. Unknown
 * emails, wrong passwords and inactive accounts are indistinguishable to the
 * caller (an unknown email still pays for one argon2 verification), and every
 * failure counts towards the throttle whether or not the account exists.
 */
export async function signIn(
  prisma: PrismaClient,
  credentials: { email?: unknown; password?: unknown },
  origin: { ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const { email, password } = credentials;
  if (typeof email !== "string" || typeof password !== "string" || !email || !password) {
    return { outcome: "REFUSED", userId: null, clinicId: null };
  }
  if (email.length > 320 || password.length > 1024) return { outcome: "REFUSED", userId: null, clinicId: null };
  const retryAfterSeconds = await secondsUntilAllowed(prisma, email, origin.ip);
  if (retryAfterSeconds > 0) return { outcome: "THROTTLED", retryAfterSeconds };

  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    include: { clinic: { select: { name: true } } },
  });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !passwordMatches || !user.active) {
    await recordFailedSignIn(prisma, email, origin.ip);
    return { outcome: "REFUSED", userId: user?.id ?? null, clinicId: user?.clinicId ?? null };
  }
  await clearAccountFailures(prisma, email, origin.ip);
  const sessionId = await startSession(prisma, user.id, origin);
  return {
    outcome: "SIGNED_IN",
    sessionId,
    viewer: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      clinicId: user.clinicId,
      clinicName: user.clinic.name,
    },
  };
}
