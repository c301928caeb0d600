import { describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf } from "../support/api";
import { TEST_PASSWORD, testDb } from "../support/db";
import { graphql, signInOverHttp } from "../support/http";
import { refusedBy } from "../support/attacks";
import { inject } from "vitest";

const ME = `{ me { id name } }`;

async function expectUnauthenticated(cookie: string) {
  const result = await graphql(ME, { cookie });
  expect(codeOf(result)).toBe("UNAUTHENTICATED");
  return result;
}

async function sessionIdOf(userId: string) {
  const session = await testDb().userSession.findFirstOrThrow({ where: { userId, endedAt: null }, orderBy: { createdAt: "desc" } });
  return session.id;
}

describe("session attacks", () => {
  it("attack: replaying a session cookie after sign-out is refused", async () => {
    const { cookies } = await clinicWithSessions();
    const cookie = cookies[0]!;
    expect((await graphql(ME, { cookie })).errors).toBeUndefined();
    const csrf = await fetch(`${inject("baseUrl")}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
    await fetch(`${inject("baseUrl")}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrfCookie}` },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    refusedBy("authentication", await expectUnauthenticated(cookie));
  });

  it("attack: a session idle past the timeout is refused", async () => {
    const { cookies, users } = await clinicWithSessions();
    await testDb().userSession.update({
      where: { id: await sessionIdOf(users[0]!.id) },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60 * 1000) },
    });
    refusedBy("authentication", await expectUnauthenticated(cookies[0]!));
  });

  it("attack: a session older than 12 hours is refused even while in use", async () => {
    const { cookies, users } = await clinicWithSessions();
    await testDb().userSession.update({
      where: { id: await sessionIdOf(users[0]!.id) },
      data: { createdAt: new Date(Date.now() - 12 * 60 * 60 * 1000 - 1000), lastSeenAt: new Date() },
    });
    refusedBy("authentication", await expectUnauthenticated(cookies[0]!));
  });

  it("attack: a deactivated user's live session is refused at once", async () => {
    const { cookies, users } = await clinicWithSessions();
    await testDb().user.update({ where: { id: users[0]!.id }, data: { active: false } });
    refusedBy("authentication", await expectUnauthenticated(cookies[0]!));
  });

  it("attack: a revoked session cannot open a protected page", async () => {
    const { cookies, users } = await clinicWithSessions();
    await testDb().userSession.updateMany({ where: { userId: users[0]!.id }, data: { endedAt: new Date(), endReason: "SIGNED_OUT" } });
    const page = await fetch(`${inject("baseUrl")}/`, { headers: { cookie: cookies[0]! }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/login");
    refusedBy("authentication", { defence: "authentication", code: "307 to /login" });
  });

  it("attack: signing in again in the same browser leaves the previous session live", async () => {
    const { cookies, users } = await clinicWithSessions();
    const { sessionCookie } = await signInOverHttp(users[0]!.email, TEST_PASSWORD, { cookie: cookies[0]! });
    expect(sessionCookie).not.toBeNull();
    refusedBy("authentication", await expectUnauthenticated(cookies[0]!));
    expect((await graphql(ME, { cookie: sessionCookie })).errors).toBeUndefined();
  });

  it("attack: a cross-origin POST to /api/session/activity keeps the session alive", async () => {
    const { cookies } = await clinicWithSessions();
    const response = await fetch(`${inject("baseUrl")}/api/session/activity`, {
      method: "POST",
      headers: { cookie: cookies[0]!, origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(403);
    refusedBy("csrf", { defence: "csrf", code: "403" });
  });

  it("lets the portal's own page report activity (same origin), so the refusal above is the origin check at work", async () => {
    const { cookies } = await clinicWithSessions();
    const response = await fetch(`${inject("baseUrl")}/api/session/activity`, {
      method: "POST",
      headers: { cookie: cookies[0]!, origin: inject("baseUrl"), "sec-fetch-site": "same-origin" },
    });
    expect(response.status).toBe(200);
  });
});
