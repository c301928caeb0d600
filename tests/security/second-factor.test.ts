import { randomUUID } from "node:crypto";
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from "graphql";
import { describe, expect, inject, it } from "vitest";
import { recoveryCodeDigest } from "@/lib/auth/second-factor/recovery-codes";
import { clinicWithSessions, codeOf, createPatient, createReferral } from "../support/api";
import { refusedBy, type Defence } from "../support/attacks";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { graphql, signInOverHttp } from "../support/http";
import { apiSchema, callWithVariables, rootFields, variableDefinitions, type AnyField } from "../support/schema-surface";
import { nextTotpCode } from "../support/second-factor";

/**
 * The second factor under attack, over HTTP against the production build: a
 * session that passed the password alone reaches nothing but its second-factor
 * step (every root field of the schema, the exports, the pages), guesses are
 * throttled like passwords, no code or recovery code is accepted twice (at once
 * either), nobody removes their last factor while the policy requires one or
 * anyone else's passkey, and administrators' actions ask for a recent check.
 */

const base = () => inject("baseUrl");
const address = () => `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

/** Signs in with the password only: a session that owes its second factor. */
async function passwordOnly(email: string, from = address()) {
  const { sessionCookie } = await signInOverHttp(email, TEST_PASSWORD, { secondFactor: false, address: from });
  if (!sessionCookie) throw new Error(`${email} could not sign in`);
  return sessionCookie;
}

function step(name: string, cookie: string, body: unknown, from = address()) {
  return fetch(`${base()}/api/second-factor/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-forwarded-for": from },
    body: JSON.stringify(body),
  });
}

const ME = "{ me { id } }";

/**
 * Records a refusal of the second-factor routes. Their answers say BAD_USER_INPUT for a code that is not accepted
 * (so the attacker learns nothing about why), which the recorder would count as input validation: the defence is
 * named here, with the status and code the attacker saw.
 */
async function refusedAt(defence: Defence, response: Response): Promise<void> {
  const body = (await response.clone().json().catch(() => ({}))) as { error?: { code?: string } };
  refusedBy(defence, { defence, code: `${response.status}${body.error?.code ? ` ${body.error.code}` : ""}` });
}

/** A value of the argument's type that passes parsing, so a refusal comes from the session check and not from validation. */
function valueOf(type: GraphQLInputType, name: string, ownId: string): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, name, ownId);
  if (isListType(type)) return [valueOf(type.ofType, name, ownId)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, valueOf(field.type, field.name, ownId)]),
    );
  }
  switch (named.name) {
    case "ID":
      return ownId;
    case "Int":
    case "Float":
      return 1;
    case "Boolean":
      return true;
    case "Date":
      return "1970-01-01";
    case "DateTime":
      return new Date().toISOString();
    default:
      return name === "idempotencyKey" ? randomUUID() : "a-long-unusual-passphrase-x";
  }
}

const leafSelection = (field: AnyField): string => {
  const named = getNamedType(field.type);
  if (!("getFields" in named)) return "";
  const leaves = Object.values(named.getFields()).filter((child) => !("getFields" in getNamedType(child.type)) && child.args.length === 0);
  return leaves.length ? ` { ${leaves.map((leaf) => leaf.name).join(" ")} }` : " { __typename }";
};

const ROOTS = [
  ...rootFields("query").map((field) => ({ operation: "query" as const, key: `Query.${field.name}`, field })),
  ...rootFields("mutation").map((field) => ({ operation: "mutation" as const, key: `Mutation.${field.name}`, field })),
];

describe("second-factor attacks", () => {
  it("finds every root field of the schema to try from a session that owes its second factor", () => {
    expect(apiSchema.getQueryType()).toBeTruthy();
    expect(ROOTS.map((root) => root.key)).toEqual(expect.arrayContaining(["Query.me", "Query.patients", "Mutation.createReferral", "Mutation.createUser"]));
  });

  describe("a session that passed the password but not the second factor", () => {
    let setup: { cookie: string; userId: string; referralId: string } | undefined;
    const pending = async () => {
      if (setup) return setup;
      const { users, cookies } = await clinicWithSessions(["ADMIN"]);
      const admin = users[0]!;
      const patient = await createPatient(cookies[0]!);
      const referral = await createReferral(cookies[0]!, patient.id);
      setup = { cookie: await passwordOnly(admin.email), userId: admin.id, referralId: referral.id };
      return setup;
    };

    it.each(ROOTS.map((root) => root.key))("attack: %s from it is UNAUTHENTICATED", async (key) => {
      const { field, operation } = ROOTS.find((root) => root.key === key)!;
      const { cookie, userId } = await pending();
      const variables = Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, arg.name, userId)]));
      const result = await graphql(`${operation} Attack${variableDefinitions(field)} { ${callWithVariables(field)}${leafSelection(field)} }`, { cookie, variables });
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
      refusedBy("authentication", result);
      expect((result.data as Record<string, unknown> | null | undefined)?.[field.name] ?? null).toBeNull();
    });

    it("attack: the exports, the idle clock and the pages refuse it, and the same cookie works once the second factor is passed", async () => {
      const { cookie, userId, referralId } = await pending();
      for (const path of [`/api/referrals/${referralId}/fhir`, `/api/referrals/${referralId}/letter.pdf`]) {
        const answer = await fetch(`${base()}${path}`, { headers: { cookie } });
        expect(answer.status).toBe(401);
        refusedBy("authentication", answer);
      }
      const activity = await fetch(`${base()}/api/session/activity`, { method: "POST", headers: { cookie } });
      expect(activity.status).toBe(401);
      refusedBy("authentication", activity);
      for (const path of ["/", "/patients", `/referrals/${referralId}`, "/admin/users", "/account"]) {
        const page = await fetch(`${base()}${path}`, { headers: { cookie }, redirect: "manual" });
        expect([page.status, page.headers.get("location")]).toEqual([307, "/login/verify"]);
        refusedBy("authentication", { defence: "authentication", code: "307 to /login/verify" });
      }
      // The setup was valid: after the second factor the very same session reaches the data.
      expect((await step("verify", cookie, { method: "TOTP", code: await nextTotpCode(userId) })).status).toBe(200);
      expect((await fetch(`${base()}/api/referrals/${referralId}/fhir`, { headers: { cookie } })).status).toBe(200);
      expect((await graphql(ME, { cookie })).data).toEqual({ me: { id: userId } });
    });
  });

  it("attack: a session that owes its second factor cannot set up a factor of its own instead", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const cookie = await passwordOnly(users[0]!.email);
    for (const name of ["totp-setup", "passkey-setup"]) {
      const response = await step(name, cookie, {});
      expect(response.status).toBe(403);
      const { error } = (await response.json()) as { error: { code: string } };
      expect(error.code).toBe("SECOND_FACTOR_REQUIRED");
      refusedBy("authentication", { status: response.status, code: error.code });
    }
    expect(await testDb().totpFactor.count({ where: { userId: users[0]!.id, confirmedAt: null } })).toBe(0);
  });

  it("attack: a cross-site POST to the second-factor step is refused, even with a right code", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const cookie = await passwordOnly(users[0]!.email);
    const response = await fetch(`${base()}/api/second-factor/verify`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ method: "TOTP", code: await nextTotpCode(users[0]!.id) }),
    });
    expect(response.status).toBe(403);
    await refusedAt("csrf", response);
    expect(codeOf(await graphql(ME, { cookie }))).toBe("UNAUTHENTICATED");
  });

  it("answers bad input to the second-factor routes clearly: an unknown step, a body that is not JSON, a method it does not know", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const cookie = await passwordOnly(users[0]!.email);
    expect((await step("no-such-step", cookie, {})).status).toBe(404);
    const notJson = await fetch(`${base()}/api/second-factor/verify`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: "{not json" });
    expect([notJson.status, ((await notJson.json()) as { error: { code: string } }).error.code]).toEqual([400, "BAD_USER_INPUT"]);
    const unknownMethod = await step("verify", cookie, { method: "SMS", code: "123456" });
    expect([unknownMethod.status, ((await unknownMethod.json()) as { error: { field: string[] } }).error.field]).toEqual([400, ["method"]]);
    expect((await step("verify", "next-auth.session-token=forged", { method: "TOTP", code: "123456" })).status).toBe(401);
  });

  it("attack: guessing one-time codes is throttled like passwords, and signing in again with the password does not reset the count", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const admin = users[0]!;
    const from = address();
    let cookie = await passwordOnly(admin.email, from);
    const statuses: number[] = [];
    for (let guess = 0; guess < 8; guess++) {
      // Halfway, the attacker signs in again with the right password: the right password alone must not wipe the count.
      if (guess === 3) cookie = await passwordOnly(admin.email, from);
      const answer = await step("verify", cookie, { method: "TOTP", code: String(100000 + guess) }, from);
      statuses.push(answer.status);
      if (answer.status === 429) await refusedAt("throttle", answer);
    }
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    const right = await step("verify", cookie, { method: "TOTP", code: await nextTotpCode(admin.id) }, from);
    expect(right.status).toBe(429);
    await refusedAt("throttle", right);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(codeOf(await graphql(ME, { cookie }))).toBe("UNAUTHENTICATED");
    const failures = await testDb().auditEvent.count({ where: { userId: admin.id, action: "auth.second_factor_failed" } });
    expect(failures).toBeGreaterThanOrEqual(statuses.filter((status) => status !== 200).length);
  });

  it("attack: a one-time code replayed within its window from another session is refused", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const admin = users[0]!;
    const first = await passwordOnly(admin.email);
    const code = await nextTotpCode(admin.id);
    expect((await step("verify", first, { method: "TOTP", code })).status).toBe(200);
    const second = await passwordOnly(admin.email);
    const replay = await step("verify", second, { method: "TOTP", code });
    expect(replay.status).toBe(400);
    await refusedAt("authentication", replay);
    expect(codeOf(await graphql(ME, { cookie: second }))).toBe("UNAUTHENTICATED");
  });

  it("attack: one recovery code sent by two sessions at once signs in only one of them, and never again", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const admin = users[0]!;
    const code = "abcd-efgh-jkmn-pqrs";
    await testDb().recoveryCode.create({ data: { userId: admin.id, codeHash: recoveryCodeDigest(admin.id, code) } });
    // One password check per account at a time (the throttle's lease): the two sessions sign in one after the other.
    const sessions = [await passwordOnly(admin.email), await passwordOnly(admin.email)];
    const answers = await Promise.all(sessions.map((cookie) => step("verify", cookie, { method: "RECOVERY_CODE", code })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    await refusedAt("authentication", answers.find((answer) => answer.status !== 200)!);
    const loser = sessions[answers.findIndex((answer) => answer.status !== 200)]!;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = await step("verify", loser, { method: "RECOVERY_CODE", code });
    expect(again.status).toBe(400);
    await refusedAt("authentication", again);
    expect(codeOf(await graphql(ME, { cookie: loser }))).toBe("UNAUTHENTICATED");
  });

  it("attack: one one-time code sent by two sessions at once signs in only one of them", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const admin = users[0]!;
    // One password check per account at a time (the throttle's lease): the two sessions sign in one after the other.
    const sessions = [await passwordOnly(admin.email), await passwordOnly(admin.email)];
    const code = await nextTotpCode(admin.id);
    const answers = await Promise.all(sessions.map((cookie) => step("verify", cookie, { method: "TOTP", code })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    await refusedAt("authentication", answers.find((answer) => answer.status !== 200)!);
    const signedIn = await Promise.all(sessions.map(async (cookie) => !(await graphql(ME, { cookie })).errors));
    expect(signedIn.filter(Boolean)).toHaveLength(1);
  });

  it("attack: removing the last second factor while the clinic requires one is refused, also as two removals at once", async () => {
    const { users, cookies } = await clinicWithSessions(["ADMIN"]);
    const admin = users[0]!;
    const REMOVE_PASSKEY = `mutation Remove($id: ID!) { removePasskey(id: $id) }`;
    const REMOVE_APP = `mutation { removeAuthenticatorApp }`;
    const passkey = await testDb().passkey.create({
      data: { userId: admin.id, credentialId: `key-${randomUUID()}`, publicKey: Buffer.from("key"), name: "Laptop" },
    });
    const results = await Promise.all([
      graphql(REMOVE_PASSKEY, { cookie: cookies[0], variables: { id: passkey.id } }),
      graphql(REMOVE_APP, { cookie: cookies[0] }),
    ]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(["BAD_USER_INPUT"]);
    // The policy's check on the last factor answers BAD_USER_INPUT with its reason; it is the second factor's own defence.
    refusedBy("authentication", { defence: "authentication", code: "BAD_USER_INPUT: the last second factor" });
    const left = (await testDb().passkey.count({ where: { userId: admin.id } })) + (await testDb().totpFactor.count({ where: { userId: admin.id } }));
    expect(left).toBe(1);
  });

  it("attack: removing another user's passkey by its id is NOT_FOUND and removes nothing", async () => {
    const { users, cookies } = await clinicWithSessions(["ADMIN", { role: "CLINICIAN" }]);
    const colleague = users[1]!;
    const passkey = await testDb().passkey.create({
      data: { userId: colleague.id, credentialId: `key-${randomUUID()}`, publicKey: Buffer.from("key"), name: "Colleague's phone" },
    });
    const result = await graphql(`mutation Remove($id: ID!) { removePasskey(id: $id) }`, { cookie: cookies[0], variables: { id: passkey.id } });
    expect(codeOf(result)).toBe("NOT_FOUND");
    refusedBy("tenancy", result);
    expect(await testDb().passkey.count({ where: { id: passkey.id } })).toBe(1);
  });

  it("attack: presenting another user's passkey id at the second-factor step is refused", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }, { role: "ADMIN" }]);
    const [attacker, victim] = users;
    await testDb().passkey.create({ data: { userId: attacker!.id, credentialId: `own-${randomUUID()}`, publicKey: Buffer.from("key"), name: "Mine" } });
    const victimKey = await testDb().passkey.create({ data: { userId: victim!.id, credentialId: `victim-${randomUUID()}`, publicKey: Buffer.from("key"), name: "Theirs" } });
    const cookie = await passwordOnly(attacker!.email);
    expect((await step("passkey-options", cookie, {})).status).toBe(200);
    const response = { id: victimKey.credentialId, rawId: victimKey.credentialId, type: "public-key", response: {}, clientExtensionResults: {} };
    const answer = await step("verify", cookie, { method: "PASSKEY", response });
    expect(answer.status).toBe(400);
    await refusedAt("authentication", answer);
    expect(codeOf(await graphql(ME, { cookie }))).toBe("UNAUTHENTICATED");
    expect((await testDb().passkey.findUniqueOrThrow({ where: { id: victimKey.id } })).lastUsedAt).toBeNull();
  });

  it.each([
    ["adding a user", `mutation { createUser(input: { email: "stale.${randomUUID().slice(0, 8)}@clinic.test", name: "Stale", role: CLINICIAN, password: "a-long-unusual-passphrase-x" }) { id } }`],
    ["changing the policy", `mutation { setSecondFactorPolicy(policy: EVERYONE) { id } }`],
  ])("attack: %s with a second-factor check older than 10 minutes asks for it again and changes nothing", async (_what, mutation) => {
    const { users, cookies, clinic } = await clinicWithSessions(["ADMIN"]);
    await testDb().userSession.updateMany({ where: { userId: users[0]!.id, endedAt: null }, data: { secondFactorAt: new Date(Date.now() - 11 * 60 * 1000) } });
    const before = await testDb().user.count({ where: { clinicId: clinic.id } });
    const result = await graphql(mutation, { cookie: cookies[0] });
    expect(codeOf(result)).toBe("SECOND_FACTOR_REQUIRED");
    refusedBy("authentication", result);
    expect(await testDb().user.count({ where: { clinicId: clinic.id } })).toBe(before);
    expect((await testDb().clinic.findUniqueOrThrow({ where: { id: clinic.id } })).secondFactorPolicy).toBe("ADMINISTRATORS");
  });

  it.each([
    ["resetting a password", (id: string) => ({ query: `mutation R($id: ID!) { resetUserPassword(id: $id, newPassword: "a-long-unusual-passphrase-x") { id } }`, id })],
    ["deactivating a user", (id: string) => ({ query: `mutation R($id: ID!) { setUserActive(id: $id, active: false) { id } }`, id })],
    ["resetting a user's second factors", (id: string) => ({ query: `mutation R($id: ID!) { resetSecondFactors(userId: $id) { id } }`, id })],
  ])("attack: %s with a stale second-factor check asks for it again and leaves the user's sessions live", async (_what, operation) => {
    const { users, cookies } = await clinicWithSessions(["ADMIN", "ADMIN"]);
    await testDb().userSession.updateMany({ where: { userId: users[0]!.id, endedAt: null }, data: { secondFactorAt: new Date(Date.now() - 11 * 60 * 1000) } });
    const { query, id } = operation(users[1]!.id);
    const result = await graphql(query, { cookie: cookies[0], variables: { id } });
    expect(codeOf(result)).toBe("SECOND_FACTOR_REQUIRED");
    refusedBy("authentication", result);
    expect((await graphql(ME, { cookie: cookies[1] })).data).toEqual({ me: { id: users[1]!.id } });
    expect(await testDb().totpFactor.count({ where: { userId: users[1]!.id } })).toBe(1);
  });
});
