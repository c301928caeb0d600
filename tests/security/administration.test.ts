import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf, fieldOf } from "../support/api";
import { testDb, TEST_PASSWORD } from "../support/db";
import { graphql } from "../support/http";
import { refusedBy } from "../support/attacks";

/** Administrators cannot lock their clinic out, nor learn of other clinics' staff; every refused administrator call is on the trail. */

const SET_ACTIVE = `mutation SetActive($id: ID!, $active: Boolean!) { setUserActive(id: $id, active: $active) { id active } }`;
const RESET = `mutation Reset($id: ID!, $newPassword: String!) { resetUserPassword(id: $id, newPassword: $newPassword) { id } }`;
const CREATE_USER = `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }`;

describe("administration", () => {
  it("attack: an administrator's own id in capitals does not pass the self-deactivation check", async () => {
    const { users, cookies } = await clinicWithSessions(["ADMIN", "ADMIN"]);
    const result = await graphql(SET_ACTIVE, { cookie: cookies[0], variables: { id: users[0]!.id.toUpperCase(), active: false } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect((await testDb().user.findUniqueOrThrow({ where: { id: users[0]!.id } })).active).toBe(true);
    refusedBy("input", result);
  });

  it("attack: two administrators deactivating each other at the same moment leave one active, every time", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { users, cookies, clinic } = await clinicWithSessions(["ADMIN", "ADMIN"]);
      const results = await Promise.all([
        graphql(SET_ACTIVE, { cookie: cookies[0], variables: { id: users[1]!.id, active: false } }),
        graphql(SET_ACTIVE, { cookie: cookies[1], variables: { id: users[0]!.id, active: false } }),
      ]);
      expect(results.filter((result) => !result.errors).length).toBe(1);
      expect(await testDb().user.count({ where: { clinicId: clinic.id, role: "ADMIN", active: true } })).toBe(1);
      refusedBy("input", results.find((result) => result.errors)!);
    }
  });

  it("attack: an administrator cannot reset their own password without the current one", async () => {
    const { users, cookies } = await clinicWithSessions(["ADMIN"]);
    const result = await graphql(RESET, { cookie: cookies[0], variables: { id: users[0]!.id, newPassword: "an-unusual-new-passphrase-7" } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["id"]);
    refusedBy("input", result);
  });

  it("attack: creating a user with another clinic's user's email says no more than for one's own", async () => {
    const other = await clinicWithSessions(["CLINICIAN"]);
    const own = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
    const attempt = (email: string) =>
      graphql(CREATE_USER, { cookie: own.cookies[0], variables: { input: { email, name: "Someone", role: "CLINICIAN", password: TEST_PASSWORD } } });
    const foreign = await attempt(other.users[0]!.email);
    const ownClinic = await attempt(own.users[1]!.email);
    expect(codeOf(foreign)).toBe("BAD_USER_INPUT");
    expect(foreign.errors?.[0]?.message).toBe(ownClinic.errors?.[0]?.message);
    expect(foreign.errors?.[0]?.message).not.toMatch(/exist/i);
    refusedBy("disclosure", { defence: "disclosure", code: "the same answer as for one's own clinic" });
  });

  it("attack: every refused administrator call by a clinician is recorded as DENIED", async () => {
    const { users, cookies, clinic } = await clinicWithSessions(["CLINICIAN", "CLINICIAN"]);
    const target = users[1]!.id;
    const calls = [
      graphql(CREATE_USER, {
        cookie: cookies[0],
        variables: { input: { email: `x-${randomUUID().slice(0, 6)}@clinic.test`, name: "X", role: "ADMIN", password: TEST_PASSWORD } },
      }),
      graphql(SET_ACTIVE, { cookie: cookies[0], variables: { id: target, active: false } }),
      graphql(RESET, { cookie: cookies[0], variables: { id: target, newPassword: "an-unusual-new-passphrase-7" } }),
      graphql("{ users { id } }", { cookie: cookies[0] }),
      graphql("{ auditEvents { edges { node { id } } } }", { cookie: cookies[0] }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(codeOf(result)).toBe("FORBIDDEN");
      refusedBy("role", result);
    }
    const denied = await testDb().auditEvent.findMany({ where: { clinicId: clinic.id, userId: users[0]!.id, outcome: "DENIED" } });
    expect(denied.map((event) => event.action).sort()).toEqual(
      ["audit.read", "user.create", "user.password_reset", "user.read", "user.set_active"].sort(),
    );
  });
});
