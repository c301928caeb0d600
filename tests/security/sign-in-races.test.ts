import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createTestClinic, testDb } from "../support/db";
import { refusedBy } from "../support/attacks";
import { csrfFor, postCredentials } from "../support/sign-in";

/** An address of the test's own (the test portal trusts loopback's X-Forwarded-For), so bursts do not couple tests. */
const ownAddress = () => `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

/** Fires every attempt at once and tells how many had their password checked (answered "wrong", not "wait"). */
async function burst(attempts: { email: string; password: string }[], ip: string) {
  const baseUrl = inject("baseUrl");
  const csrf = await csrfFor(baseUrl);
  const answers = await Promise.all(attempts.map((attempt) => postCredentials(baseUrl, csrf, attempt, { "x-forwarded-for": ip })));
  return {
    checked: answers.filter((answer) => answer.error === "CredentialsSignin").length,
    answers,
  };
}

describe("sign-in throttling under concurrency", () => {
  it("attack: 200 concurrent wrong passwords for one account from one address reach the password check at most 10 times", async () => {
    const { users } = await createTestClinic();
    const user = users[0]!;
    const { checked, answers } = await burst(
      Array.from({ length: 200 }, (_, index) => ({ email: user.email, password: `wrong-password-${index}` })),
      ownAddress(),
    );
    // Every password check of a real account is one audit event with the outcome FAILURE.
    const verified = await testDb().auditEvent.count({ where: { userId: user.id, action: "auth.sign_in_failed", outcome: "FAILURE" } });
    expect(verified).toBe(checked);
    expect(checked).toBeLessThanOrEqual(10);
    expect(answers.every((answer) => answer.status < 500 || answer.status === 503)).toBe(true);
    refusedBy("throttle", { code: answers.find((answer) => answer.error?.startsWith("THROTTLED:"))?.error ?? null });
  });

  it("attack: 120 concurrent wrong passwords across 120 accounts from one address reach the password check at most 100 times", async () => {
    const { checked, answers } = await burst(
      Array.from({ length: 120 }, () => ({ email: `ghost-${randomUUID()}@clinic.test`, password: "wrong-password-x" })),
      ownAddress(),
    );
    expect(checked).toBeLessThanOrEqual(100);
    refusedBy("throttle", { code: answers.find((answer) => answer.error?.startsWith("THROTTLED:"))?.error ?? null });
  });
});
