import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { requestPasswordReset, RESET_REQUEST_LIMITS } from "@/lib/accounts";
import { clinicWithSessions, codeOf } from "../support/api";
import { invitationTokenFor, newPassphrase, postAccount, resetTokenFor, setPassword, testAddress } from "../support/accounts";
import { statementLoggingClient, testDb, TEST_PASSWORD } from "../support/db";
import { refusedBy } from "../support/attacks";
import { graphql, signInOverHttp } from "../support/http";
import { waitForMail } from "../support/mail";
import { eventually } from "../support/smtp";

/**
 * Invitation and reset links attacked: replayed, expired, presented for
 * another clinic's account, guessed, used twice at once, used for the other
 * purpose; "forgot password" probed for which addresses have accounts, and
 * flooded. Links are read from the e-mail the test SMTP server received.
 */

const ME = "{ me { id } }";
const signsIn = async (email: string, password: string) => Boolean((await signInOverHttp(email, password)).sessionCookie);
const INVALID_LINK = /This link does not work/;

type AccountAnswer = Awaited<ReturnType<typeof postAccount>>;
/** Records the refusal an account route's answer shows (its status, and its error's code and message). */
const refused = (targets: Parameters<typeof refusedBy>[0], answer: AccountAnswer) => refusedBy(targets, { status: answer.status, ...answer.json?.error });

async function invite(adminCookie: string, role = "CLINICIAN") {
  const email = `invitee.${randomUUID().slice(0, 8)}@clinic.test`;
  const result = await graphql<{ inviteUser: { id: string } }>(`mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }`, {
    cookie: adminCookie,
    variables: { input: { email, name: "Invited Person", role } },
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { email, id: result.data.inviteUser.id };
}

describe("reset and invitation links", () => {
  it("attack: a reset link replayed after it was used does not set the password again", async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const token = await resetTokenFor(users[0]!.email);
    const first = newPassphrase();
    expect((await setPassword("PASSWORD_RESET", token, first)).status).toBe(200);
    const replay = await setPassword("PASSWORD_RESET", token, newPassphrase());
    expect(replay.status).toBe(400);
    expect(replay.json?.error?.message).toMatch(INVALID_LINK);
    refused("account-links", replay);
    expect(await signsIn(users[0]!.email, first)).toBe(true);
  });

  it("attack: a reset link past its 15 minutes is refused and the password stays", async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const token = await resetTokenFor(users[0]!.email);
    await testDb().accountToken.update({ where: { id: token.split(".")[0]! }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await setPassword("PASSWORD_RESET", token, newPassphrase());
    expect(answer.status).toBe(400);
    expect(answer.json?.error?.message).toMatch(INVALID_LINK);
    refused("account-links", answer);
    expect(await signsIn(users[0]!.email, TEST_PASSWORD)).toBe(true);
  });

  it("attack: an invitation link replayed, or past its 72 hours, is refused", async () => {
    const { cookies } = await clinicWithSessions(["ADMIN"]);
    const used = await invite(cookies[0]!);
    const usedToken = await invitationTokenFor(used.email);
    const password = newPassphrase();
    expect((await setPassword("INVITATION", usedToken, password)).status).toBe(200);
    const replayed = await setPassword("INVITATION", usedToken, newPassphrase());
    expect(replayed.json?.error?.message).toMatch(INVALID_LINK);
    refused("account-links", replayed);
    expect(await signsIn(used.email, password)).toBe(true);

    const expired = await invite(cookies[0]!);
    const expiredToken = await invitationTokenFor(expired.email);
    const row = await testDb().accountToken.findUniqueOrThrow({ where: { id: expiredToken.split(".")[0]! } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(72 * 60 * 60 * 1000);
    await testDb().accountToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await setPassword("INVITATION", expiredToken, newPassphrase());
    expect(late.json?.error?.message).toMatch(INVALID_LINK);
    refused("account-links", late);
    expect((await testDb().user.findUniqueOrThrow({ where: { id: expired.id } })).passwordHash).toBeNull();
  });

  it("attack: a link's secret presented with another clinic's account's token id is refused, and that account's own link still works", async () => {
    const [ours, theirs] = await Promise.all([clinicWithSessions(["CLINICIAN"]), clinicWithSessions(["CLINICIAN"])]);
    const ourToken = await resetTokenFor(ours.users[0]!.email);
    const theirToken = await resetTokenFor(theirs.users[0]!.email);
    const [theirId] = theirToken.split(".");
    const [, ourSecret] = ourToken.split(".");
    const forged = await setPassword("PASSWORD_RESET", `${theirId}.${ourSecret}`, newPassphrase());
    expect(forged.status).toBe(400);
    expect(forged.json?.error?.message).toMatch(INVALID_LINK);
    refused("account-links", forged);
    expect(await signsIn(theirs.users[0]!.email, TEST_PASSWORD)).toBe(true);
    expect((await setPassword("PASSWORD_RESET", theirToken, newPassphrase())).status).toBe(200);
  });

  it("attack: an administrator cannot have another clinic's invitation sent again", async () => {
    const [ours, theirs] = await Promise.all([clinicWithSessions(["ADMIN"]), clinicWithSessions(["ADMIN"])]);
    const theirInvitee = await invite(theirs.cookies[0]!);
    await waitForMail(theirInvitee.email);
    const resend = await graphql(`mutation($id: ID!) { resendInvitation(id: $id) { id } }`, { cookie: ours.cookies[0], variables: { id: theirInvitee.id } });
    expect(codeOf(resend)).toBe("NOT_FOUND");
    refusedBy("tenancy", resend);
    // No second link was made for them (the first still works).
    expect(await testDb().accountToken.count({ where: { userId: theirInvitee.id } })).toBe(1);
    expect(await testDb().notification.count({ where: { userId: theirInvitee.id } })).toBe(1);
  });

  it("attack: inviting an address another clinic's user has says only that it cannot be used, and makes them no link", async () => {
    const [ours, theirs] = await Promise.all([clinicWithSessions(["ADMIN"]), clinicWithSessions(["ADMIN"])]);
    const theirInvitee = await invite(theirs.cookies[0]!);
    await waitForMail(theirInvitee.email);
    const ask = (email: string) =>
      graphql(`mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }`, {
        cookie: ours.cookies[0],
        variables: { input: { email, name: "Someone", role: "CLINICIAN" } },
      });
    const taken = await ask(theirInvitee.email);
    expect(codeOf(taken)).toBe("BAD_USER_INPUT");
    expect(taken.errors?.[0]?.message).toBe("This email address cannot be used for a new account.");
    // The same answer as for an address taken in the administrator's own clinic: nothing tells where it is in use.
    const ownInvitee = await invite(ours.cookies[0]!);
    const ownTaken = await ask(ownInvitee.email);
    expect({ code: codeOf(ownTaken), message: ownTaken.errors?.[0]?.message }).toEqual({ code: codeOf(taken), message: taken.errors?.[0]?.message });
    refusedBy("disclosure", { defence: "disclosure", code: "the same answer as for an address of one's own clinic" });
    expect(await testDb().accountToken.count({ where: { userId: theirInvitee.id } })).toBe(1);
    expect(await testDb().notification.count({ where: { userId: theirInvitee.id } })).toBe(1);
  });

  it("attack: guessed links (a random secret for a real token, a random id, malformed tokens) are refused and do not use up the real link", async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const token = await resetTokenFor(users[0]!.email);
    const [id] = token.split(".");
    const guesses = [
      ...Array.from({ length: 10 }, () => `${id}.${randomBytes(32).toString("base64url")}`),
      `${randomUUID()}.${randomBytes(32).toString("base64url")}`,
      id!,
      `${id}.`,
      `${id}.${token.split(".")[1]}.extra`,
      "' OR 1=1 --",
      "x".repeat(5000),
    ];
    for (const guess of guesses) {
      const answer = await setPassword("PASSWORD_RESET", guess, newPassphrase());
      expect(answer.status, guess.slice(0, 60)).toBe(400);
      expect(answer.json?.error?.message).toMatch(INVALID_LINK);
      refused("account-links", answer);
    }
    expect(await signsIn(users[0]!.email, TEST_PASSWORD)).toBe(true);
    expect((await setPassword("PASSWORD_RESET", token, newPassphrase())).status).toBe(200);
  });

  it("attack: an invitation link does not reset a password and a reset link does not accept an invitation", async () => {
    const { users, cookies } = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
    const invited = await invite(cookies[0]!);
    const invitation = await invitationTokenFor(invited.email);
    const reset = await resetTokenFor(users[1]!.email);
    for (const answer of [await setPassword("PASSWORD_RESET", invitation, newPassphrase()), await setPassword("INVITATION", reset, newPassphrase())]) {
      expect(answer.json?.error?.message).toMatch(INVALID_LINK);
      refused("account-links", answer);
    }
    expect(await signsIn(users[1]!.email, TEST_PASSWORD)).toBe(true);
    expect((await testDb().user.findUniqueOrThrow({ where: { id: invited.id } })).passwordHash).toBeNull();
  });

  it("attack: one link used twice at the same moment sets the password once", async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const token = await resetTokenFor(users[0]!.email);
    const passwords = [newPassphrase(), newPassphrase()];
    const answers = await Promise.all(passwords.map((password) => setPassword("PASSWORD_RESET", token, password)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const winner = passwords[answers.findIndex((answer) => answer.status === 200)]!;
    const loser = passwords.find((password) => password !== winner)!;
    refused("account-links", answers.find((answer) => answer.status === 400)!);
    expect(await signsIn(users[0]!.email, loser)).toBe(false);
    expect(await signsIn(users[0]!.email, winner)).toBe(true);
    const events = await testDb().auditEvent.count({ where: { userId: users[0]!.id, action: "auth.password_reset" } });
    expect(events).toBe(1);
  });

  it("attack: a reset link sets the password only: it signs nobody in and ends every session the account had", async () => {
    const { users, cookies } = await clinicWithSessions(["CLINICIAN"]);
    const token = await resetTokenFor(users[0]!.email);
    const answer = await setPassword("PASSWORD_RESET", token, newPassphrase());
    expect(answer.status).toBe(200);
    expect(answer.headers.getSetCookie()).toEqual([]);
    const me = await graphql(ME, { cookie: cookies[0] });
    expect(codeOf(me)).toBe("UNAUTHENTICATED");
    refusedBy("authentication", me);
  });

  it("attack: the account routes refuse posts from another site, and the link is not used up", async () => {
    const crossSite = await postAccount("forgot-password", { email: "someone@clinic.test" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const token = await resetTokenFor(users[0]!.email);
    const crossSiteSet = await postAccount("set-password", { purpose: "PASSWORD_RESET", token, newPassword: newPassphrase() }, { origin: "https://evil.example" });
    for (const answer of [crossSite, crossSiteSet]) {
      expect(answer.status).toBe(403);
      expect(answer.json?.error?.message).toBe("Cross-site requests are refused.");
      // The routes' own origin check (lib/request/pipeline.ts accountRoute), not a role: nobody is signed in.
      refusedBy("csrf", { defence: "csrf", code: "403 cross-site" });
    }
    expect((await setPassword("PASSWORD_RESET", token, newPassphrase())).status).toBe(200);
  });

  it("attack: the account routes refuse bodies that are not a small JSON object, and an unknown purpose, naming what is wrong", async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const token = await resetTokenFor(users[0]!.email);
    const notJson = await postAccount("forgot-password", "not json");
    expect(notJson.json?.error?.message).toBe("The request body must be JSON.");
    const notAnObject = await postAccount("forgot-password", [1, 2]);
    expect(notAnObject.json?.error?.message).toBe("The request body must be a JSON object.");
    const oversized = await postAccount("forgot-password", { email: "x".repeat(10_000) });
    expect(oversized.status).toBe(400);
    const notAnAddress = await postAccount("forgot-password", { email: "not an address" });
    expect(notAnAddress.json?.error).toMatchObject({ code: "BAD_USER_INPUT", field: ["email"] });
    const unknownPurpose = await postAccount("set-password", { purpose: "ADMIN", token, newPassword: newPassphrase() });
    expect(unknownPurpose.json?.error?.field).toEqual(["purpose"]);
    for (const answer of [notJson, notAnObject, oversized, notAnAddress, unknownPurpose]) refused("input", answer);
    // None of that used the link up.
    expect((await setPassword("PASSWORD_RESET", token, newPassphrase())).status).toBe(200);
  });
});

describe("forgot password", () => {
  it("attack: answers a known and an unknown address the same (status, headers, body) after the same work on both paths", async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const known = users[0]!.email;
    const unknown = `nobody.${randomUUID().slice(0, 8)}@clinic.test`;
    const address = testAddress();
    const [forKnown, forUnknown] = [await postAccount("forgot-password", { email: known }, { "x-forwarded-for": address }), await postAccount("forgot-password", { email: unknown }, { "x-forwarded-for": address })];
    const visible = (answer: typeof forKnown) => ({
      status: answer.status,
      body: answer.text,
      headers: [...answer.headers].filter(([name]) => !["date", "content-length"].includes(name)),
    });
    expect(visible(forKnown)).toEqual(visible(forUnknown));
    expect(forKnown.headers.get("content-length")).toBe(forUnknown.headers.get("content-length"));
    refusedBy("disclosure", { defence: "disclosure", code: "the same answers" });

    // The timing is the same by design: the request path never looks the address up. The same SQL
    // statements run for both, in the same order (the lookup happens later, in the outbox worker).
    const statements: string[] = [];
    const client = statementLoggingClient((event) => statements.push(event.query));
    const origin = { ip: testAddress(), userAgent: "attack" };
    try {
      // Stale throttle counters are pruned at most once a minute per process, whatever the address: done here first.
      await requestPasswordReset(client, `warm.${randomUUID().slice(0, 8)}@clinic.test`, origin);
      statements.splice(0);
      await requestPasswordReset(client, `other.${randomUUID().slice(0, 8)}@clinic.test`, { ...origin, ip: testAddress() });
      const forUnknownAddress = statements.splice(0);
      await requestPasswordReset(client, users[0]!.email, { ...origin, ip: testAddress() });
      expect(statements.length).toBeGreaterThan(0);
      expect(statements).toEqual(forUnknownAddress);
      expect(statements.join("\n")).not.toMatch(/"User"/);
    } finally {
      await client.$disconnect();
    }
  });

  it(`attack: more than ${RESET_REQUEST_LIMITS.perAccount} requests for one account in 15 minutes, from anywhere, send no more e-mail`, async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const email = users[0]!.email;
    const answers = [];
    for (let request = 0; request < RESET_REQUEST_LIMITS.perAccount + 3; request++) answers.push(await postAccount("forgot-password", { email }));
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    // Once the worker has handled every request that was written, the account has had its links and no more
    // (each newer link replaces the one before, so only the last of them is e-mailed if they come at once).
    const links = () => testDb().accountToken.count({ where: { userId: users[0]!.id, purpose: "PASSWORD_RESET" } });
    await eventually(async () => (await links()) === RESET_REQUEST_LIMITS.perAccount, "the requests within the limit to be handled");
    await eventually(async () => (await testDb().passwordResetRequest.count({ where: { email } })) === 0, "every request written to be handled");
    expect(await links()).toBe(RESET_REQUEST_LIMITS.perAccount);
    // Answered 202 like the others (so nothing tells the limit was reached): the throttle's refusal is the missing link.
    refusedBy("throttle", { defence: "throttle", code: "202, no link beyond the limit" });
    await waitForMail(email);
  });

  it(`attack: more than ${RESET_REQUEST_LIMITS.perAddress} requests from one address in 15 minutes, for any accounts, send no more e-mail`, async () => {
    const { users } = await clinicWithSessions(["CLINICIAN"]);
    const address = testAddress();
    for (let request = 0; request < RESET_REQUEST_LIMITS.perAddress; request++) {
      expect((await postAccount("forgot-password", { email: `flood.${request}.${randomUUID().slice(0, 6)}@clinic.test` }, { "x-forwarded-for": address })).status).toBe(202);
    }
    const beyond = await postAccount("forgot-password", { email: users[0]!.email }, { "x-forwarded-for": address });
    expect(beyond.status).toBe(202);
    // Every request written is handled in order; none for the account was written.
    await eventually(async () => (await testDb().passwordResetRequest.count({ where: { email: { startsWith: "flood." } } })) === 0, "the flood to be handled");
    expect(await testDb().passwordResetRequest.count({ where: { email: users[0]!.email } })).toBe(0);
    expect(await testDb().notification.count({ where: { userId: users[0]!.id, kind: "PASSWORD_RESET" } })).toBe(0);
    refusedBy("throttle", { defence: "throttle", code: "202, no link beyond the limit" });
  });
});
