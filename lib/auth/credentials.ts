import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decoyPasswordHash, PasswordHashingBusyError, signInGate, verifyPassword } from "@/lib/auth/password";
import { secondFactorRequired } from "@/lib/auth/second-factor/policy";
import { startSession } from "@/lib/auth/sessions";
import { reserveSignInAttempt } from "@/lib/auth/throttle";
import type { Viewer } from "@/lib/auth/viewer";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { outcome: "SIGNED_IN"; viewer: Viewer; sessionId: string }
  | { outcome: "REFUSED"; userId: string | null; clinicId: string | null }
  | { outcome: "THROTTLED"; retryAfterSeconds: number; userId: string | null; clinicId: string | null }
  | { outcome: "BUSY"; retryAfterSeconds: number };

/**
 * Checks an email and password and, when right, starts a session. Unknown
 * emails, wrong passwords and inactive accounts are indistinguishable to the
 * caller (an unknown email still pays for one argon2 verification). The
 * attempt is counted by the throttle before the password is checked
 * (lib/auth/throttle.ts), so concurrent attempts cannot outrun the limits.
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
  try {
    return await signInGate().run(() => checkAttempt(prisma, email, password, origin));
  } catch (error) {
    if (error instanceof PasswordHashingBusyError) return { outcome: "BUSY", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}

async function checkAttempt(
  prisma: PrismaClient,
  email: string,
  password: string,
  origin: { ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const reservation = await reserveSignInAttempt(prisma, email, origin.ip);
  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    include: {
      clinic: { select: { name: true, secondFactorPolicy: true } },
      passkeys: { select: { id: true }, take: 1 },
      totp: { select: { confirmedAt: true } },
    },
  });
  if (!reservation.allowed) {
    // Named on the audit trail so the account's administrators see the attack; the caller learns nothing from it.
    return { outcome: "THROTTLED", retryAfterSeconds: reservation.retryAfterSeconds, userId: user?.id ?? null, clinicId: user?.clinicId ?? null };
  }

  let passwordMatches: boolean;
  try {
    passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  } catch (error) {
    await reservation.release("FAILURE");
    if (error instanceof PasswordHashingBusyError) return { outcome: "BUSY", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  if (!user || !passwordMatches || !user.active) {
    await reservation.release("FAILURE");
    return { outcome: "REFUSED", userId: user?.id ?? null, clinicId: user?.clinicId ?? null };
  }
  // With a second factor still to pass, the attempt stays counted until it is passed: a right
  // password alone must not wipe the failures of someone guessing the second factor.
  const owesSecondFactor =
    user.passkeys.length > 0 || Boolean(user.totp?.confirmedAt) || secondFactorRequired(user, user.clinic.secondFactorPolicy);
  await reservation.release(owesSecondFactor ? "PENDING" : "SUCCESS");
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
      serviceId: user.serviceId,
    },
  };
}
