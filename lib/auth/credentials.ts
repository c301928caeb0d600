import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";

/** The one message for every failed sign-in, so it never tells which part was wrong. */
export const SIGN_IN_FAILED_MESSAGE = "Email or password is incorrect, or the account is not active.";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password; returns the viewer or null. Unknown emails,
 * wrong passwords and inactive accounts are indistinguishable to the caller,
 * and an unknown email still pays for one argon2 verification.
 */
export async function authenticate(
  prisma: PrismaClient,
  credentials: { email?: unknown; password?: unknown },
): Promise<Viewer | null> {
  const { email, password } = credentials;
  if (typeof email !== "string" || typeof password !== "string" || !email || !password) return null;
  if (email.length > 320 || password.length > 1024) return null;
  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    include: { clinic: { select: { name: true } } },
  });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !passwordMatches || !user.active) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    clinicId: user.clinicId,
    clinicName: user.clinic.name,
  };
}
