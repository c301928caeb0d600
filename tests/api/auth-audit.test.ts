import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { signInOverHttp } from "../support/http";

const eventsFor = (userId: string) =>
  testDb().auditEvent.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

describe("sign-in and sign-out on the audit trail", () => {
  it("records a successful sign-in, a failed one and a sign-out, with the request's origin", async () => {
    const { clinic, users } = await createTestClinic();
    const user = users[0]!;
    await signInOverHttp(user.email, "not-the-password-at-all");
    const { sessionCookie } = await signInOverHttp(user.email, TEST_PASSWORD);

    const baseUrl = inject("baseUrl");
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: sessionCookie! } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
    await fetch(`${baseUrl}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${sessionCookie}; ${csrfCookie}` },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });

    const events = await eventsFor(user.id);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ["auth.sign_in_failed", "FAILURE"],
      ["auth.sign_in", "SUCCESS"],
      ["auth.sign_out", "SUCCESS"],
    ]);
    for (const event of events) expect(event).toMatchObject({ clinicId: clinic.id, entityType: "User", entityIds: [user.id] });
    expect(events[1]!.userAgent).toBeTruthy();
  });

  it("records a failed sign-in for an unknown email without keeping the email", async () => {
    const email = `unknown-${randomUUID()}@clinic.test`;
    // An address no other attempt uses (the documentation range of IPv6), so its window's first failure is this one.
    const address = `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::${randomUUID().slice(0, 4)}`;
    await signInOverHttp(email, TEST_PASSWORD, { address });
    const failures = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_failed", ip: address } });
    expect(failures.map((failure) => [failure.userId, failure.outcome])).toEqual([[null, "FAILURE"]]);
    expect(JSON.stringify(failures, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain(email);
  });
});
