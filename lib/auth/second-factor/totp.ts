import { Secret, TOTP } from "otpauth";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * One-time codes from an authenticator app (RFC 6238: HMAC-SHA-1, 6 digits,
 * 30-second steps, the parameters every app understands), through `otpauth`.
 * A code is accepted for its own step and one step either side (clock drift),
 * and only for a step later than the last one accepted, so no code is ever
 * accepted twice.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the server's current one. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = "Clinic referral portal";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpOf(secret: string, account = ""): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, account: string): string {
  return totpOf(secret, account).toString();
}

export const stepAt = (timestamp: number) => Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS);

/** The time step the code belongs to, within the window around `timestamp`; null when it matches none. */
export function matchingStep(secret: string, code: string, timestamp = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp, window: TOTP_WINDOW });
  return delta === null ? null : stepAt(timestamp) + delta;
}

/**
 * Accepts a code of the user's confirmed authenticator app once: the step is
 * recorded in the same statement that checks it is later than the last one, so
 * two requests with one code (at once, or on two instances) cannot both pass.
 */
export async function consumeTotpCode(prisma: Pick<PrismaClient, "$queryRaw">, userId: string, code: string, timestamp = Date.now()): Promise<boolean> {
  const [factor] = await prisma.$queryRaw<{ secret: string }[]>`
    SELECT secret FROM "TotpFactor" WHERE "userId" = ${userId}::uuid AND "confirmedAt" IS NOT NULL`;
  if (!factor) return false;
  const step = matchingStep(factor.secret, code, timestamp);
  if (step === null) return false;
  const accepted = await prisma.$queryRaw<{ userId: string }[]>`
    UPDATE "TotpFactor" SET "lastUsedStep" = ${step}, "lastUsedAt" = now()
     WHERE "userId" = ${userId}::uuid AND "confirmedAt" IS NOT NULL
       AND ("lastUsedStep" IS NULL OR "lastUsedStep" < ${step})
    RETURNING "userId"`;
  return accepted.length === 1;
}
