import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIn } from "@/lib/auth/credentials";
import { delayAfter, pruneStaleCounters, THROTTLE_POLICIES, throttleKeys } from "@/lib/auth/throttle";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";

const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function fail(email: string, ip: string, times: number) {
  const outcomes = [];
  for (let attempt = 0; attempt < times; attempt += 1) {
    outcomes.push((await signIn(testDb(), { email, password: "wrong-password-here" }, { ip, userAgent: "vitest" })).outcome);
  }
  return outcomes;
}

/** Moves the throttle's clock instead of waiting: the counters' windows and blocks start earlier. */
async function age(email: string, ip: string, seconds: number) {
  const keys = throttleKeys(email, ip).map((entry) => entry.key);
  await testDb().$executeRaw`
    UPDATE "SignInThrottle" SET "windowStartedAt" = "windowStartedAt" - make_interval(secs => ${seconds}),
                                "blockedUntil" = "blockedUntil" - make_interval(secs => ${seconds})
     WHERE key = ANY(${keys})`;
}

describe("sign-in throttling", () => {
  it("slows an account from one address after 5 failures, then blocks it after 10", async () => {
    const { users } = await createTestClinic();
    const ip = address();
    expect(await fail(users[0]!.email, ip, 5)).toEqual(Array(5).fill("REFUSED"));
    // The 5th failure set a wait: even the right password is refused until it passes.
    const slowed = await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, { ip, userAgent: "vitest" });
    expect(slowed).toMatchObject({ outcome: "THROTTLED" });
    for (let failures = 6; failures <= 10; failures += 1) {
      await age(users[0]!.email, ip, 61);
      await fail(users[0]!.email, ip, 1);
    }
    const blocked = await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, { ip, userAgent: "vitest" });
    expect(blocked.outcome).toBe("THROTTLED");
    expect(blocked.outcome === "THROTTLED" && blocked.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("never locks the real user out from elsewhere: the account-wide counter only slows, capped at 30 s", async () => {
    expect(THROTTLE_POLICIES.account.blockFrom).toBeNull();
    expect(Math.max(...Array.from({ length: 1000 }, (_, failures) => delayAfter(failures, THROTTLE_POLICIES.account)))).toBe(30);
    const { users } = await createTestClinic();
    for (let attacker = 0; attacker < 12; attacker += 1) await fail(users[0]!.email, address(), 1);
    const keys = throttleKeys(users[0]!.email, null);
    const accountKey = keys.find((entry) => entry.kind === "account")!.key;
    await testDb().$executeRaw`UPDATE "SignInThrottle" SET "blockedUntil" = "blockedUntil" - interval '31 seconds' WHERE key = ${accountKey}`;
    const real = await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, { ip: address(), userAgent: "vitest" });
    expect(real.outcome).toBe("SIGNED_IN");
  });

  it("forgets failures once their window has passed", async () => {
    const { users } = await createTestClinic();
    const ip = address();
    await fail(users[0]!.email, ip, 5);
    await age(users[0]!.email, ip, 16 * 60);
    expect((await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, { ip, userAgent: "vitest" })).outcome).toBe("SIGNED_IN");
  });

  it("treats an unknown email exactly like a real one", async () => {
    const { users } = await createTestClinic();
    // Each wait is let pass by moving the clock (as in the first test), so a slow machine cannot change the outcomes.
    const eleventhAttempt = async (email: string, ip: string) => {
      const outcomes = await fail(email, ip, 5);
      for (let failures = 6; failures <= 10; failures += 1) {
        await age(email, ip, 61);
        outcomes.push(...(await fail(email, ip, 1)));
      }
      return [...outcomes, ...(await fail(email, ip, 1))];
    };
    const unknown = await eleventhAttempt(`nobody-${randomUUID()}@clinic.test`, address());
    expect(unknown).toEqual(await eleventhAttempt(users[0]!.email, address()));
    expect(unknown.at(-1)).toBe("THROTTLED");
  });

  it("clears the account's failures after a successful sign-in", async () => {
    const { users } = await createTestClinic();
    const ip = address();
    await fail(users[0]!.email, ip, 4);
    expect((await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, { ip, userAgent: "vitest" })).outcome).toBe("SIGNED_IN");
    expect(await fail(users[0]!.email, ip, 4)).toEqual(Array(4).fill("REFUSED"));
  });

  it("stores digests, never the email or the address", async () => {
    const { users } = await createTestClinic();
    const ip = address();
    await fail(users[0]!.email, ip, 1);
    const rows = await testDb().signInThrottle.findMany({ where: { key: { in: throttleKeys(users[0]!.email, ip).map((entry) => entry.key) } } });
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain(users[0]!.email);
    expect(JSON.stringify(rows)).not.toContain(ip);
  });

  it("counts each attempt before its password is checked: 50 at once from one address get at most 5 checks", async () => {
    const { users } = await createTestClinic();
    const ip = address();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        signIn(testDb(), { email: users[0]!.email, password: `wrong-password-${index}` }, { ip, userAgent: "vitest" }).then((result) => result.outcome),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "REFUSED").length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((outcome) => outcome !== "REFUSED").every((outcome) => outcome === "THROTTLED" || outcome === "BUSY")).toBe(true);
  });

  it("deletes counters nobody has touched for longer than any window or block, and keeps live ones", async () => {
    const stale = `address:stale-${randomUUID()}`;
    const live = `address:live-${randomUUID()}`;
    await testDb().$executeRaw`
      INSERT INTO "SignInThrottle" (key, failures, "windowStartedAt", "updatedAt")
      VALUES (${stale}, 3, now() - interval '2 hours', now() - interval '2 hours'), (${live}, 3, now(), now())`;
    await pruneStaleCounters(testDb(), Date.now() + 10 * 60_000);
    const left = await testDb().signInThrottle.findMany({ where: { key: { in: [stale, live] } } });
    expect(left.map((row) => row.key)).toEqual([live]);
  });
});
