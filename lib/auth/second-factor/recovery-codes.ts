import { createHash, randomInt } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Recovery codes: ten per user, shown once, kept only as digests, each
 * accepted once. A code is 16 characters of a 31-letter alphabet (79 bits), so
 * a fast digest is enough: nobody can try 2^79 guesses against a stolen table,
 * and one indexed lookup checks a code (ten argon2 checks per attempt would cost
 * ten password hashes).
 */

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: read off paper without doubt. */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const GROUPS = 4;
const GROUP_LENGTH = 4;

export function newRecoveryCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

/** As typed: case, spaces and dashes do not matter. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, "");

export function recoveryCodeDigest(userId: string, code: string): string {
  return createHash("sha256").update(`${userId}:${normaliseRecoveryCode(code)}`).digest("hex");
}

type Tx = Pick<PrismaClient, "recoveryCode">;

/** Replaces a user's recovery codes with ten new ones; returns them, to be shown once. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeDigest(userId, code) })) });
  return codes;
}

/** Marks the code used if it is one of the user's unused codes, in one statement; returns its id, or null. */
export async function consumeRecoveryCode(prisma: Pick<PrismaClient, "$queryRaw">, userId: string, code: string): Promise<string | null> {
  if (normaliseRecoveryCode(code).length !== GROUPS * GROUP_LENGTH) return null;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "RecoveryCode" SET "usedAt" = now()
     WHERE "codeHash" = ${recoveryCodeDigest(userId, code)} AND "userId" = ${userId}::uuid AND "usedAt" IS NULL
    RETURNING id::text`;
  return rows[0]?.id ?? null;
}
