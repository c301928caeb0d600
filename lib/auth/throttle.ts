import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Sign-in throttling, kept in PostgreSQL so it holds across instances. Three
 * counters per attempt: the account from this address (slowed, then blocked
 * for a while), the account from anywhere (only slowed, with a low cap, so an
 * attacker elsewhere can never lock the real user out), and the address
 * across all accounts (credential stuffing). Counters forget after their
 * window; a success clears the account's counters. Unknown emails are
 * counted exactly like real ones, so the answers reveal nothing.
 */

interface ThrottlePolicy {
  /** Failures are counted within this window, then forgotten. */
  windowSeconds: number;
  /** From this many failures, each further attempt must wait… */
  slowFrom: number;
  /** …2^(failures − slowFrom) seconds, at most this long. */
  maxDelaySeconds: number;
  /** From this many failures, sign-in is blocked for blockSeconds (null: never blocked). */
  blockFrom: number | null;
  blockSeconds: number;
}

export const THROTTLE_POLICIES = {
  accountFromAddress: { windowSeconds: 15 * 60, slowFrom: 5, maxDelaySeconds: 60, blockFrom: 10, blockSeconds: 15 * 60 },
  account: { windowSeconds: 15 * 60, slowFrom: 10, maxDelaySeconds: 30, blockFrom: null, blockSeconds: 0 },
  address: { windowSeconds: 15 * 60, slowFrom: 30, maxDelaySeconds: 60, blockFrom: 100, blockSeconds: 15 * 60 },
} satisfies Record<string, ThrottlePolicy>;

type ThrottleKind = keyof typeof THROTTLE_POLICIES;

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

/** The counters an attempt touches; keys hold digests, never the email or address itself. */
export function throttleKeys(email: string, ip: string | null): { kind: ThrottleKind; key: string }[] {
  const account = digest(email.trim().toLowerCase());
  const address = digest(ip ?? "unknown");
  return [
    { kind: "accountFromAddress", key: `account-address:${account}:${address}` },
    { kind: "account", key: `account:${account}` },
    { kind: "address", key: `address:${address}` },
  ];
}

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (policy.blockFrom !== null && failures >= policy.blockFrom) return policy.blockSeconds;
  if (failures < policy.slowFrom) return 0;
  return Math.min(policy.maxDelaySeconds, 2 ** (failures - policy.slowFrom));
}

/** Seconds until another attempt is allowed (0: go ahead). */
export async function secondsUntilAllowed(prisma: PrismaClient, email: string, ip: string | null): Promise<number> {
  const keys = throttleKeys(email, ip).map((entry) => entry.key);
  const rows = await prisma.$queryRaw<{ wait: number }[]>`
    SELECT ceil(extract(epoch FROM max("blockedUntil") - now()))::int AS wait
      FROM "SignInThrottle" WHERE key = ANY(${keys}) AND "blockedUntil" > now()`;
  return Math.max(0, rows[0]?.wait ?? 0);
}

export async function recordFailedSignIn(prisma: PrismaClient, email: string, ip: string | null): Promise<void> {
  for (const { kind, key } of throttleKeys(email, ip)) {
    const policy = THROTTLE_POLICIES[kind];
    // One atomic upsert per counter: concurrent failures on several instances all count.
    const [row] = await prisma.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" (key, failures, "windowStartedAt", "updatedAt")
      VALUES (${key}, 1, now(), now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN "SignInThrottle"."windowStartedAt" < now() - make_interval(secs => ${policy.windowSeconds})
                        THEN 1 ELSE "SignInThrottle".failures + 1 END,
        "windowStartedAt" = CASE WHEN "SignInThrottle"."windowStartedAt" < now() - make_interval(secs => ${policy.windowSeconds})
                                 THEN now() ELSE "SignInThrottle"."windowStartedAt" END,
        "updatedAt" = now()
      RETURNING failures`;
    const delay = delayAfter(row?.failures ?? 0, policy);
    if (delay > 0) {
      await prisma.$executeRaw`
        UPDATE "SignInThrottle" SET "blockedUntil" = now() + make_interval(secs => ${delay}) WHERE key = ${key}`;
    }
  }
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function clearAccountFailures(prisma: PrismaClient, email: string, ip: string | null): Promise<void> {
  const keys = throttleKeys(email, ip)
    .filter((entry) => entry.kind !== "address")
    .map((entry) => entry.key);
  await prisma.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
