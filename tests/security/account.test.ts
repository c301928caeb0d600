import { describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf } from "../support/api";
import { refusedBy } from "../support/attacks";
import { TEST_PASSWORD, testDb } from "../support/db";
import { graphql } from "../support/http";

/**
 * changeMyPassword checks a password, so it is a way to guess one with a
 * stolen session: wrong current passwords count like failed sign-ins (the
 * same throttle, per account and address), each is on the audit trail, and
 * the answer never tells a right guess from a wrong one without changing it.
 */

const CHANGE = `mutation C($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }`;
const address = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
const change = (cookie: string, current: string, next: string, ip: string) =>
  graphql(CHANGE, { cookie, variables: { current, next }, headers: { "x-forwarded-for": ip } });

describe("changing one's own password", () => {
  it("attack: wrong current passwords through one session are slowed like failed sign-ins, and each is audited", async () => {
    const { cookies, users } = await clinicWithSessions();
    const ip = address();
    const codes: (string | undefined)[] = [];
    for (let guess = 0; guess < 8; guess += 1) codes.push(codeOf(await change(cookies[0]!, `wrong-guess-${guess}-password`, "a-new-long-unusual-passphrase", ip)));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("BAD_USER_INPUT"));
    expect(codes.slice(5)).toEqual(Array(3).fill("TOO_MANY_REQUESTS"));
    const throttled = await change(cookies[0]!, TEST_PASSWORD, "a-new-long-unusual-passphrase", ip);
    // Even the right one waits now, and nothing changed.
    expect(codeOf(throttled)).toBe("TOO_MANY_REQUESTS");
    refusedBy("throttle", throttled);
    const events = await testDb().auditEvent.findMany({ where: { userId: users[0]!.id, action: "user.password_change" } });
    expect(events.map((event) => event.outcome).sort()).toEqual([...Array(5).fill("FAILURE"), ...Array(4).fill("DENIED")].sort());
    expect((await graphql("{ me { id } }", { cookie: cookies[0]! })).errors).toBeUndefined();
  });

  it("attack: a right guess with a new password the rules refuse answers exactly as a wrong guess does, and changes nothing", async () => {
    const { cookies, users } = await clinicWithSessions();
    const ip = address();
    const before = await testDb().user.findUniqueOrThrow({ where: { id: users[0]!.id }, select: { passwordHash: true } });
    const right = await change(cookies[0]!, TEST_PASSWORD, "short", ip);
    const wrong = await change(cookies[0]!, "not-the-password-at-all", "short", ip);
    expect(right.errors?.map((error) => [error.extensions?.code, error.extensions?.field, error.message])).toEqual(
      wrong.errors?.map((error) => [error.extensions?.code, error.extensions?.field, error.message]),
    );
    expect(right.errors?.[0]?.extensions?.field).toEqual(["newPassword"]);
    expect(await testDb().user.findUniqueOrThrow({ where: { id: users[0]!.id }, select: { passwordHash: true } })).toEqual(before);
    refusedBy("input", right);
  });
});
