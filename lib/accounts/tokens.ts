import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ConfigError } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccountTokenPurpose } from "@/lib/generated/prisma/enums";
import { uuidV7 } from "@/lib/ids";
import { isUuid } from "@/lib/validation";

/**
 * Single-use links to set a password. A link carries `<token id>.<secret>`; the
 * secret is an HMAC-SHA256 of the id under NEXTAUTH_SECRET, so the outbox
 * worker (which has the same secret) can put it in the e-mail without anyone
 * ever storing it: the database keeps only its SHA-256, and a copy of the
 * database alone makes no working link. A link works once, before it expires,
 * for the purpose it was made for; a newer link of the same purpose replaces it.
 */

export const TOKEN_LIFETIME_SECONDS: Readonly<Record<AccountTokenPurpose, number>> = {
  INVITATION: 72 * 60 * 60,
  PASSWORD_RESET: 15 * 60,
};

/** Where each purpose's link leads. */
export const LINK_PATHS: Readonly<Record<AccountTokenPurpose, string>> = {
  INVITATION: "/invitation",
  PASSWORD_RESET: "/reset-password",
};

function signingKey(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new ConfigError("NEXTAUTH_SECRET is not set: account links are signed with it (npm start sets it).");
  return secret;
}

const secretOf = (id: string) => createHmac("sha256", signingKey()).update(`account-token:v1:${id}`).digest("base64url");
const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The token a link carries for this token id. */
export const linkTokenOf = (id: string) => `${id}.${secretOf(id)}`;

/** The whole link, on the portal's public address. */
export function accountLinkOf(baseUrl: string, purpose: AccountTokenPurpose, id: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${LINK_PATHS[purpose]}?token=${encodeURIComponent(linkTokenOf(id))}`;
}

/** A link token split into its id and secret, or null when it is not of that form. */
export function parseLinkToken(token: unknown): { id: string; secret: string } | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const [id, secret, ...rest] = token.split(".");
  if (rest.length || !isUuid(id) || !secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { id: id.toLowerCase(), secret };
}

/** Whether a secret is the one whose hash was stored (compared in constant time). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashOf(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** What issuing a token needs of a client, inside the transaction of what it is for. */
export type TokenWriter = Pick<Prisma.TransactionClient, "accountToken">;

/**
 * Makes a link of one purpose for a user, replacing (using up) any earlier one
 * of the same purpose they had not used. Returns its id.
 */
export async function issueAccountToken(tx: TokenWriter, userId: string, purpose: AccountTokenPurpose, now = new Date()): Promise<string> {
  await tx.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  const id = uuidV7(now.getTime());
  await tx.accountToken.create({
    data: {
      id,
      userId,
      purpose,
      secretHash: hashOf(secretOf(id)),
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_SECONDS[purpose] * 1000),
      createdAt: now,
    },
  });
  return id;
}
