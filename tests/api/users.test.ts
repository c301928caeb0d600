import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf, fieldOf } from "../support/api";
import { TEST_PASSWORD } from "../support/db";
import { graphql, signInOverHttp } from "../support/http";

const ME = `{ me { id } }`;
const USERS = `{ users { id email role active } }`;
const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id email name role active } }
`;
const SET_ACTIVE = `mutation SetActive($id: ID!, $active: Boolean!) { setUserActive(id: $id, active: $active) { id active } }`;
const RESET = `mutation Reset($id: ID!, $newPassword: String!) { resetUserPassword(id: $id, newPassword: $newPassword) { id } }`;
const CHANGE_MINE = `mutation Change($currentPassword: String!, $newPassword: String!) { changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) }`;

const NEW_PASSWORD = "sturdy-violet-kettle-41";

let admin: string;
let clinician: string;
let adminId: string;
let clinicianId: string;
let outsiderAdmin: string;
beforeAll(async () => {
  const clinic = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
  [admin, clinician] = clinic.cookies as [string, string];
  [adminId, clinicianId] = clinic.users.map((user) => user.id) as [string, string];
  outsiderAdmin = (await clinicWithSessions(["ADMIN"])).cookies[0]!;
});

/** A user of the admin's clinic, created through the API, with a live session. */
async function colleague() {
  const email = `colleague-${randomUUID().slice(0, 8)}@clinic.test`;
  const created = await graphql<{ createUser: { id: string } }>(CREATE_USER, {
    cookie: admin,
    variables: { input: { email, name: "New Colleague", role: "CLINICIAN", password: TEST_PASSWORD } },
  });
  const { sessionCookie } = await signInOverHttp(email, TEST_PASSWORD);
  return { id: created.data!.createUser.id, email, cookie: sessionCookie! };
}

describe("user administration", () => {
  it("lets an admin list the clinic's users, and only them", async () => {
    const result = await graphql<{ users: { id: string }[] }>(USERS, { cookie: admin });
    expect(result.data!.users.map((user) => user.id).sort()).toEqual([adminId, clinicianId].sort());
  });

  it("refuses clinicians with FORBIDDEN", async () => {
    expect(codeOf(await graphql(USERS, { cookie: clinician }))).toBe("FORBIDDEN");
    const input = { email: `x-${randomUUID()}@clinic.test`, name: "X", role: "ADMIN", password: NEW_PASSWORD };
    expect(codeOf(await graphql(CREATE_USER, { cookie: clinician, variables: { input } }))).toBe("FORBIDDEN");
    expect(codeOf(await graphql(SET_ACTIVE, { cookie: clinician, variables: { id: adminId, active: false } }))).toBe("FORBIDDEN");
  });

  it("creates a user who can then sign in, with the email stored lower-cased", async () => {
    const email = `Mixed.Case-${randomUUID().slice(0, 8)}@Clinic.test`;
    const result = await graphql<{ createUser: { email: string; role: string; active: boolean } }>(CREATE_USER, {
      cookie: admin,
      variables: { input: { email, name: "Ines Mixed", role: "ADMIN", password: NEW_PASSWORD } },
    });
    expect(result.data?.createUser).toMatchObject({ email: email.toLowerCase(), role: "ADMIN", active: true });
    expect((await signInOverHttp(email, NEW_PASSWORD)).sessionCookie).not.toBeNull();
  });

  it.each([
    ["a password under 12 characters", { password: "short-pw-1" }, ["input", "password"]],
    ["a password over 128 characters", { password: "x".repeat(129) }, ["input", "password"]],
    ["a common password", { password: "password1234" }, ["input", "password"]],
    ["a common password repeated", { password: "letmeinletmein" }, ["input", "password"]],
    ["an invalid email", { email: "not-an-email" }, ["input", "email"]],
    ["a blank name", { name: " " }, ["input", "name"]],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_name, change, field) => {
    const input = { email: `u-${randomUUID().slice(0, 8)}@clinic.test`, name: "Someone", role: "CLINICIAN", password: NEW_PASSWORD, ...change };
    const result = await graphql(CREATE_USER, { cookie: admin, variables: { input } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
  });

  it("refuses an email that already exists, whatever its capitals", async () => {
    const { email } = await colleague();
    const result = await graphql(CREATE_USER, {
      cookie: admin,
      variables: { input: { email: email.toUpperCase(), name: "Twin", role: "CLINICIAN", password: NEW_PASSWORD } },
    });
    expect(fieldOf(result)).toEqual(["input", "email"]);
  });

  it("deactivating a user ends their session at once and stops them signing in; reactivating lets them back", async () => {
    const user = await colleague();
    expect((await graphql(ME, { cookie: user.cookie })).errors).toBeUndefined();
    await graphql(SET_ACTIVE, { cookie: admin, variables: { id: user.id, active: false } });
    expect(codeOf(await graphql(ME, { cookie: user.cookie }))).toBe("UNAUTHENTICATED");
    expect((await signInOverHttp(user.email, TEST_PASSWORD)).sessionCookie).toBeNull();
    await graphql(SET_ACTIVE, { cookie: admin, variables: { id: user.id, active: true } });
    expect((await signInOverHttp(user.email, TEST_PASSWORD)).sessionCookie).not.toBeNull();
  });

  it("refuses an admin deactivating themselves", async () => {
    const result = await graphql(SET_ACTIVE, { cookie: admin, variables: { id: adminId, active: false } });
    expect(fieldOf(result)).toEqual(["id"]);
  });

  it("resetting a password ends the user's sessions and the new password works", async () => {
    const user = await colleague();
    await graphql(RESET, { cookie: admin, variables: { id: user.id, newPassword: NEW_PASSWORD } });
    expect(codeOf(await graphql(ME, { cookie: user.cookie }))).toBe("UNAUTHENTICATED");
    expect((await signInOverHttp(user.email, TEST_PASSWORD)).sessionCookie).toBeNull();
    expect((await signInOverHttp(user.email, NEW_PASSWORD)).sessionCookie).not.toBeNull();
  });

  it("answers NOT_FOUND when another clinic's admin acts on a user", async () => {
    const user = await colleague();
    expect(codeOf(await graphql(SET_ACTIVE, { cookie: outsiderAdmin, variables: { id: user.id, active: false } }))).toBe("NOT_FOUND");
    expect(codeOf(await graphql(RESET, { cookie: outsiderAdmin, variables: { id: user.id, newPassword: NEW_PASSWORD } }))).toBe("NOT_FOUND");
    expect((await graphql(ME, { cookie: user.cookie })).errors).toBeUndefined();
  });
});

describe("changeMyPassword", () => {
  it("refuses a wrong current password", async () => {
    const user = await colleague();
    const result = await graphql(CHANGE_MINE, { cookie: user.cookie, variables: { currentPassword: "not-my-password", newPassword: NEW_PASSWORD } });
    expect(fieldOf(result)).toEqual(["currentPassword"]);
  });

  it("changes the password and ends every session of the user, this one too", async () => {
    const user = await colleague();
    const second = (await signInOverHttp(user.email, TEST_PASSWORD)).sessionCookie!;
    const result = await graphql(CHANGE_MINE, { cookie: user.cookie, variables: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(result.errors).toBeUndefined();
    for (const cookie of [user.cookie, second]) expect(codeOf(await graphql(ME, { cookie }))).toBe("UNAUTHENTICATED");
    expect((await signInOverHttp(user.email, NEW_PASSWORD)).sessionCookie).not.toBeNull();
  });
});
