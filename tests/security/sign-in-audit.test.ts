import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { refusedBy } from "../support/attacks";
import { createTestClinic, testDb } from "../support/db";
import { attemptSignIn } from "../support/sign-in";

const ownAddress = () => `198.20.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

describe("sign-in attempts on the audit trail", () => {
  it("attack: throttled attempts on a real account are hidden from its clinic's administrators", async () => {
    const { clinic, users } = await createTestClinic();
    const ip = ownAddress();
    for (let index = 0; index < 8; index += 1) {
      await attemptSignIn(inject("baseUrl"), { email: users[0]!.email, password: `wrong-${index}-password` }, { "x-forwarded-for": ip });
    }
    const throttled = await testDb().auditEvent.findMany({ where: { ip, action: "auth.sign_in_failed", outcome: "DENIED" } });
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((event) => event.clinicId === clinic.id && event.userId === users[0]!.id)).toBe(true);
    refusedBy("audit", { defence: "audit", code: "named on the account's trail" });
  });

  it("attack: 20 failures with unknown emails from one address add one audit event per window, not 20", async () => {
    const ip = ownAddress();
    for (let index = 0; index < 20; index += 1) {
      await attemptSignIn(inject("baseUrl"), { email: `ghost-${randomUUID()}@clinic.test`, password: "wrong-password-x" }, { "x-forwarded-for": ip });
    }
    const events = await testDb().auditEvent.count({ where: { ip, action: "auth.sign_in_failed" } });
    const windows = await testDb().signInFailureWindow.findMany({ where: { address: ip } });
    // Two only if the run straddles a 15-minute boundary.
    expect(events).toBeLessThanOrEqual(2);
    expect(events).toBe(windows.length);
    expect(windows.reduce((sum, window) => sum + window.failures, 0)).toBe(20);
    refusedBy("audit", { defence: "audit", code: "one event per window" });
  });

  it("attack: an 8 KB X-Forwarded-For from the trusted proxy is not stored as the address", async () => {
    // A real account, so the failure is certainly an event of its own (an unknown email's may fall in a window already recorded).
    const { users } = await createTestClinic();
    await attemptSignIn(inject("baseUrl"), { email: users[0]!.email, password: "wrong-password-x" }, { "x-forwarded-for": `<b>${"9".repeat(8000)}</b>` });
    const events = await testDb().auditEvent.findMany({ where: { userId: users[0]!.id, action: "auth.sign_in_failed" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.ip === null || isIP(events[0]!.ip) !== 0, String(events[0]!.ip)).toBe(true);
    expect(await testDb().auditEvent.count({ where: { ip: { contains: "<b>" } } })).toBe(0);
    refusedBy("client-address", { defence: "client-address", code: `stored ${events[0]!.ip}` });
  });
});
