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

/** How long one attempt may hold its account's "in flight" lease if its instance dies mid-check. */
const IN_FLIGHT_LEASE_SECONDS = 15;
/** Every counter forgets after its window, so a row untouched for this long is dead. */
const STALE_AFTER_SECONDS = Math.max(...Object.values(THROTTLE_POLICIES).map((policy) => Math.max(policy.windowSeconds, policy.blockSeconds)));

interface CounterRow {
  key: string;
  failures: number;
  windowAgeSeconds: number;
  blockedForSeconds: number;
  inFlight: boolean;
}

/**
 * What an attempt may do: go ahead with its reservation, or wait. Released as
 * SUCCESS (the counters forgive it), FAILURE (it stays counted) or PENDING (a
 * right password with a second factor still to pass: it stays counted until
 * the second factor's own attempt succeeds).
 */
export type AttemptReservation =
  | { allowed: true; release(outcome: "SUCCESS" | "FAILURE" | "PENDING"): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt (a password, or a second factor: the same counters)
 * before it is checked, and refuses it when
 * a counter says wait. Why not rate-limiter-flexible's PostgreSQL store: it
 * counts one key per call and creates its own table through its own pg pool,
 * while the policy here is three counters decided together (any one blocking
 * refuses the attempt and counts nothing) with growing waits and an
 * "in flight" rule; that needs the counters read and written under one lock.
 *
 * The attempt is counted as a failure up front (with the wait that failure
 * brings), so concurrent attempts cannot all slip in before the first one's
 * failure is recorded; a success takes it back. Two transaction-scoped advisory
 * locks (account, then address: always that order, so no deadlock) serialise
 * the few milliseconds of deciding, not the password check; the account's
 * lease (`inFlightUntil`) keeps a second attempt on the same account out until
 * the first one's check is over, from any address.
 */
export async function reserveSignInAttempt(prisma: PrismaClient, email: string, ip: string | null): Promise<AttemptReservation> {
  const counters = throttleKeys(email, ip);
  const accountKey = counters.find((entry) => entry.kind === "account")!.key;
  const addressKey = counters.find((entry) => entry.kind === "address")!.key;
  const keys = counters.map((entry) => entry.key);

  const wait = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${accountKey}, 0))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${addressKey}, 0))`;
      const rows = await tx.$queryRaw<CounterRow[]>`
        SELECT key, failures,
               extract(epoch FROM now() - "windowStartedAt")::float8 AS "windowAgeSeconds",
               coalesce(ceil(extract(epoch FROM "blockedUntil" - now())), 0)::int AS "blockedForSeconds",
               coalesce("inFlightUntil" > now(), false) AS "inFlight"
          FROM "SignInThrottle" WHERE key = ANY(${keys})`;
      const byKey = new Map(rows.map((row) => [row.key, row]));
      const blockedFor = Math.max(0, ...rows.map((row) => row.blockedForSeconds));
      if (blockedFor > 0) return blockedFor;
      if (byKey.get(accountKey)?.inFlight) return 1;

      const next = counters.map(({ kind, key }) => {
        const policy = THROTTLE_POLICIES[kind];
        const row = byKey.get(key);
        const current = row && row.windowAgeSeconds < policy.windowSeconds ? row : null;
        const failures = (current?.failures ?? 0) + 1;
        return { key, failures, windowAgeSeconds: current?.windowAgeSeconds ?? 0, delay: delayAfter(failures, policy), lease: key === accountKey };
      });
      // One statement counts the attempt on all three counters.
      await tx.$executeRaw`
        INSERT INTO "SignInThrottle" (key, failures, "windowStartedAt", "blockedUntil", "inFlightUntil", "updatedAt")
        SELECT key, failures, now() - make_interval(secs => age),
               CASE WHEN delay > 0 THEN now() + make_interval(secs => delay) END,
               CASE WHEN lease THEN now() + make_interval(secs => ${IN_FLIGHT_LEASE_SECONDS}) END,
               now()
          FROM unnest(${next.map((entry) => entry.key)}::text[], ${next.map((entry) => entry.failures)}::int[],
                      ${next.map((entry) => entry.windowAgeSeconds)}::float8[], ${next.map((entry) => entry.delay)}::int[],
                      ${next.map((entry) => entry.lease)}::bool[]) AS attempt(key, failures, age, delay, lease)
        ON CONFLICT (key) DO UPDATE SET
          failures = EXCLUDED.failures, "windowStartedAt" = EXCLUDED."windowStartedAt",
          "blockedUntil" = EXCLUDED."blockedUntil", "inFlightUntil" = EXCLUDED."inFlightUntil", "updatedAt" = now()`;
      return 0;
    },
    { maxWait: 5_000, timeout: 5_000 },
  );
  pruneStaleCounters(prisma);
  if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
  return {
    allowed: true,
    release: (outcome) =>
      outcome === "SUCCESS" ? forgiveAttempt(prisma, email, ip) : outcome === "PENDING" ? forgiveAddress(prisma, email, ip, accountKey) : endLease(prisma, accountKey),
  };
}

/** A failed attempt was already counted when reserved: only the account's lease ends. */
async function endLease(prisma: PrismaClient, accountKey: string): Promise<void> {
  await prisma.$executeRaw`UPDATE "SignInThrottle" SET "inFlightUntil" = NULL WHERE key = ${accountKey}`;
}

/**
 * A success (a password, or a second factor after one) forgets the account's failures (and so its lease) and takes back
 * the failure the reservation counted for the address, so that a clinic behind
 * one address is not blocked by its own successful sign-ins.
 */
async function forgiveAttempt(prisma: PrismaClient, email: string, ip: string | null): Promise<void> {
  const counters = throttleKeys(email, ip);
  const address = counters.find((entry) => entry.kind === "address")!;
  const accountKeys = counters.filter((entry) => entry.kind !== "address").map((entry) => entry.key);
  await prisma.$transaction([prisma.signInThrottle.deleteMany({ where: { key: { in: accountKeys } } }), takeBackAddressFailure(prisma, address.key)]);
}

/**
 * A right password with a second factor still to pass: the account keeps the
 * attempt counted (and its failures) until the second factor succeeds, but the
 * address takes it back, so a clinic behind one address is not blocked by its
 * own sign-ins.
 */
async function forgiveAddress(prisma: PrismaClient, email: string, ip: string | null, accountKey: string): Promise<void> {
  const address = throttleKeys(email, ip).find((entry) => entry.kind === "address")!;
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "SignInThrottle" SET "inFlightUntil" = NULL WHERE key = ${accountKey}`,
    takeBackAddressFailure(prisma, address.key),
  ]);
}

function takeBackAddressFailure(prisma: PrismaClient, key: string) {
  return prisma.$executeRaw`
    UPDATE "SignInThrottle" SET failures = greatest(failures - 1, 0),
           "blockedUntil" = CASE WHEN failures - 1 < ${THROTTLE_POLICIES.address.slowFrom} THEN NULL ELSE "blockedUntil" END
     WHERE key = ${key}`;
}

let lastPrunedAt = 0;

/**
 * Deletes counters nobody has touched for longer than any window or block, at
 * most once a minute per instance, after an attempt and without delaying it.
 */
export function pruneStaleCounters(prisma: PrismaClient, now = Date.now()): Promise<number> | undefined {
  if (now - lastPrunedAt < 60_000) return undefined;
  lastPrunedAt = now;
  return prisma.$executeRaw`
    DELETE FROM "SignInThrottle"
     WHERE "updatedAt" < now() - make_interval(secs => ${STALE_AFTER_SECONDS})
       AND ("blockedUntil" IS NULL OR "blockedUntil" < now())`.catch(() => 0);
}

/** A request counter: at most `limit` requests per key within the window. */
export interface RequestLimit {
  key: string;
  limit: number;
}

/**
 * Counts one request on each counter, in one statement on the same table as
 * sign-in's (so the limits hold across instances, and stale rows are pruned
 * the same way), and says whether every counter is still within its limit. A
 * counter forgets when its window has passed. Used for "forgot password"
 * (lib/accounts): one counter per address and one per account, counted the
 * same whether or not the account exists.
 */
export async function countRequest(prisma: PrismaClient, limits: readonly RequestLimit[], windowSeconds: number): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ key: string; failures: number }[]>`
    INSERT INTO "SignInThrottle" AS t (key, failures, "windowStartedAt", "updatedAt")
    SELECT key, 1, now(), now() FROM unnest(${limits.map((limit) => limit.key)}::text[]) AS request(key)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t."windowStartedAt" < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE t.failures + 1 END,
      "windowStartedAt" = CASE WHEN t."windowStartedAt" < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE t."windowStartedAt" END,
      "updatedAt" = now()
    RETURNING key, failures`;
  pruneStaleCounters(prisma);
  const counts = new Map(rows.map((row) => [row.key, row.failures]));
  return limits.every((limit) => (counts.get(limit.key) ?? 0) <= limit.limit);
}
