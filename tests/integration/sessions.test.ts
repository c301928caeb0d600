import { describe, expect, it } from "vitest";
import { endAllSessions, endSession, resolveSession, sessionPolicy, startSession } from "@/lib/auth/sessions";
import { createTestClinic, testDb } from "../support/db";

const origin = { ip: "10.0.0.1", userAgent: "vitest" };
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

async function newSession() {
  const { users } = await createTestClinic([{ role: "CLINICIAN" }, { role: "CLINICIAN" }]);
  const sessionId = await startSession(testDb(), users[0]!.id, origin);
  return { user: users[0]!, sessionId };
}

describe("server-side sessions", () => {
  it("resolves a live session to its viewer, with the idle deadline ahead", async () => {
    const { user, sessionId } = await newSession();
    const live = await resolveSession(testDb(), sessionId);
    expect(live?.viewer.id).toBe(user.id);
    const idleMs = sessionPolicy().idleSeconds * 1000;
    expect(live!.idleExpiresAt.getTime()).toBeGreaterThan(Date.now() + idleMs - 5_000);
  });

  it("ends a session idle for longer than the idle timeout", async () => {
    const { sessionId } = await newSession();
    await testDb().userSession.update({ where: { id: sessionId }, data: { lastSeenAt: ago(sessionPolicy().idleSeconds + 1) } });
    expect(await resolveSession(testDb(), sessionId)).toBeNull();
  });

  it("keeps a session alive while it is used, but not past the absolute limit", async () => {
    const { sessionId } = await newSession();
    await testDb().userSession.update({
      where: { id: sessionId },
      data: { createdAt: ago(sessionPolicy().maxAgeSeconds + 1), lastSeenAt: new Date() },
    });
    expect(await resolveSession(testDb(), sessionId)).toBeNull();
  });

  it("records activity, at most every touch interval", async () => {
    const { sessionId } = await newSession();
    const old = ago(sessionPolicy().touchEverySeconds + 5);
    await testDb().userSession.update({ where: { id: sessionId }, data: { lastSeenAt: old } });
    await resolveSession(testDb(), sessionId);
    const touched = await testDb().userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(old.getTime());
    await resolveSession(testDb(), sessionId);
    expect((await testDb().userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(touched.lastSeenAt);
  });

  it("ends a signed-out session and leaves the user's others alone", async () => {
    const { user, sessionId } = await newSession();
    const other = await startSession(testDb(), user.id, origin);
    await endSession(testDb(), sessionId, "SIGNED_OUT");
    expect(await resolveSession(testDb(), sessionId)).toBeNull();
    expect(await resolveSession(testDb(), other)).not.toBeNull();
  });

  it("ends every session of a user at once, and refuses all of a deactivated user's", async () => {
    const { user, sessionId } = await newSession();
    const other = await startSession(testDb(), user.id, origin);
    expect(await endAllSessions(testDb(), user.id, "PASSWORD_CHANGED")).toBe(2);
    expect(await resolveSession(testDb(), other)).toBeNull();

    const fresh = await startSession(testDb(), user.id, origin);
    await testDb().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await resolveSession(testDb(), fresh)).toBeNull();
    expect(sessionId).not.toBe(fresh);
  });

  it("treats a missing or malformed session id as no session", async () => {
    expect(await resolveSession(testDb(), undefined)).toBeNull();
    expect(await resolveSession(testDb(), "'; DROP TABLE \"UserSession\"; --")).toBeNull();
    expect(await resolveSession(testDb(), "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});
