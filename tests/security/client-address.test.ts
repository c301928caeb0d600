import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { startPortal, type PortalServer } from "../support/portal-server";
import { refusedBy } from "../support/attacks";
import { attemptSignIn, fetchFrom } from "../support/sign-in";

/**
 * A portal as `npm start` serves it with no proxy in front (TRUSTED_PROXIES
 * unset), against the same database: the client is whoever holds the socket,
 * whatever X-Forwarded-For or X-Real-IP it claims. This file connects from a
 * loopback address of its own (SOCKET), so the per-address counter it reads
 * is touched by no other test (browser tests sign in from 127.0.0.1). The
 * portal hashes one password at a time with no queue, so a burst meets the 503.
 */
let portal: PortalServer;
beforeAll(async () => {
  portal = await startPortal(inject("databaseUrl"), { TRUSTED_PROXIES: "", PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE: "0" });
}, 90_000);
afterAll(() => portal?.stop());

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);
const octet = () => 2 + Math.floor(Math.random() * 250);
const SOCKET = `127.${octet()}.${octet()}.${octet()}`;
const fromSocket = fetchFrom(SOCKET);
// Each test starts with no failures counted for the socket's address, so the tests of this file do not couple.
beforeEach(async () => {
  await testDb().$executeRaw`DELETE FROM "SignInThrottle" WHERE key LIKE ${`%${digest(SOCKET)}`}`;
});

let counter = 0;
const forged = () => {
  counter += 1;
  return { "x-forwarded-for": `10.${counter % 250}.${Math.floor(counter / 250)}.7`, "x-real-ip": `172.16.${counter % 250}.9` };
};

describe("the client address with no trusted proxy", () => {
  it("attack: rotating X-Forwarded-For and X-Real-IP does not escape the per-account-per-address limit", async () => {
    const { users } = await createTestClinic();
    const answers: (string | null)[] = [];
    for (let index = 0; index < 10; index += 1) {
      answers.push((await attemptSignIn(portal.baseUrl, { email: users[0]!.email, password: `wrong-${index}-password` }, forged(), fromSocket)).error);
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    expect(answers.slice(5)).toEqual(Array(5).fill(expect.stringMatching(/^THROTTLED:\d+$/)));
    refusedBy("client-address", { defence: "client-address", code: answers.at(-1)! });
  });

  it("attack: rotating X-Forwarded-For across unknown accounts still counts every failure against the socket's address", async () => {
    const key = `address:${digest(SOCKET)}`;
    for (let index = 0; index < 8; index += 1) {
      await attemptSignIn(portal.baseUrl, { email: `ghost-${randomUUID()}@clinic.test`, password: "wrong-password-x" }, forged(), fromSocket);
    }
    const row = await testDb().signInThrottle.findUnique({ where: { key } });
    expect(row?.failures).toBe(8);
    refusedBy("client-address", { defence: "client-address", code: "counted against the socket's address" });
  });

  it("attack: a forged X-Forwarded-For, X-Real-IP and a 6 KB user agent are not what the session and audit trail record", async () => {
    const { users } = await createTestClinic();
    const answer = await attemptSignIn(
      portal.baseUrl,
      { email: users[0]!.email, password: TEST_PASSWORD },
      // Together under Node's 16 KB header limit, so the request is served, not refused whole.
      { "x-forwarded-for": `<script>alert(1)</script>${"x".repeat(6000)}`, "x-real-ip": "203.0.113.66", "user-agent": "U".repeat(6000) },
      fromSocket,
    );
    expect([answer.status, answer.error]).toEqual([200, null]);
    const session = await testDb().userSession.findFirstOrThrow({ where: { userId: users[0]!.id } });
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { userId: users[0]!.id, action: "auth.sign_in" } });
    expect([session.ip, event.ip]).toEqual([SOCKET, SOCKET]);
    expect(session.userAgent!.length).toBeLessThanOrEqual(256);
    expect(event.userAgent!.length).toBeLessThanOrEqual(256);
    refusedBy("client-address", { defence: "client-address", code: "the socket's address recorded" });
  });

  it("attack: a burst of sign-ins beyond the hashing queue is answered 503 with Retry-After, not queued without bound", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        attemptSignIn(portal.baseUrl, { email: `ghost-${randomUUID()}@clinic.test`, password: "wrong-password-x" }, {}, fromSocket),
      ),
    );
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((answer) => Number(answer.headers.get("retry-after")) > 0)).toBe(true);
    // The login form still reads a wait from the answer.
    expect(busy[0]!.error).toMatch(/^THROTTLED:\d+$/);
    refusedBy("capacity", { status: 503 });
  });

  it("attack: GET /api/auth/callback/credentials answers a clean 4xx without naming the sign-in library", async () => {
    const response = await fetch(`${portal.baseUrl}/api/auth/callback/credentials`, { redirect: "manual" });
    expect(response.status).toBe(405);
    expect(await response.text()).not.toMatch(/next-?auth/i);
    refusedBy("disclosure", { defence: "disclosure", code: String(response.status) });
  });

  it("attack: an unparsable callbackUrl neither fails the sign-in with a 500 nor leaves the site", async () => {
    const { users } = await createTestClinic();
    for (const callbackUrl of ["http://[::1", "https://attacker.example/after", "//attacker.example/x"]) {
      const answer = await attemptSignIn(portal.baseUrl, { email: users[0]!.email, password: TEST_PASSWORD, callbackUrl }, {}, fromSocket);
      expect(answer.status).toBeLessThan(500);
      expect(new URL(answer.url!).origin).toBe(portal.baseUrl);
      refusedBy("input", { defence: "input", code: "redirected on the portal's origin" });
    }
  });

  it("attack: the probes above put no stack trace or absolute path on the server's output", async () => {
    await fetch(`${portal.baseUrl}/api/auth/callback/credentials`);
    await attemptSignIn(portal.baseUrl, { email: "someone@clinic.test", password: "x", callbackUrl: "http://[::1" }, {}, fromSocket);
    const output = portal.output();
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(output).not.toContain(process.cwd());
    refusedBy("disclosure", { defence: "disclosure", code: "no stack trace logged" });
  });

  it("attack: a burst of mutations that check passwords is answered 503 with Retry-After beyond the hashing queue", async () => {
    // Ten accounts, one session each: one account's attempts are checked one at a time by the throttle (the
    // others wait with THROTTLED), so only several accounts at once fill the hashing queue.
    const { users } = await createTestClinic(Array.from({ length: 10 }, () => ({ role: "CLINICIAN" as const })));
    const cookies: string[] = [];
    for (const user of users) {
      const answer = await attemptSignIn(portal.baseUrl, { email: user.email, password: TEST_PASSWORD }, {}, fromSocket);
      cookies.push(answer.headers.getSetCookie().map((value) => value.split(";")[0]).find((value) => value!.startsWith("next-auth.session-token="))!);
    }
    const responses = await Promise.all(
      cookies.map((cookie) =>
        fetch(`${portal.baseUrl}/api/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({
            query: "mutation($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }",
            variables: { current: "not-the-current-password", next: "a-brand-new-long-password-2026" },
          }),
        }),
      ),
    );
    const busy = responses.filter((response) => response.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((response) => Number(response.headers.get("retry-after")) > 0)).toBe(true);
    const body = (await busy[0]!.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("SERVICE_UNAVAILABLE");
    refusedBy("capacity", { status: 503, ...body });
  });
});
