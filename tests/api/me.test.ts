import { describe, expect, it } from "vitest";
import { createTestClinic, TEST_PASSWORD } from "../support/db";
import { graphql, signInOverHttp } from "../support/http";

const ME = /* GraphQL */ `
  query Me {
    me { id name email role clinic { id name } }
  }
`;

describe("me over HTTP", () => {
  it("answers UNAUTHENTICATED with status 401 and no data without a session", async () => {
    const result = await graphql(ME);
    expect(result.status).toBe(401);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });

  it("returns the signed-in user and their clinic with a session", async () => {
    const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const { sessionCookie } = await signInOverHttp(users[0]!.email, TEST_PASSWORD);
    expect(sessionCookie).not.toBeNull();
    const result = await graphql(ME, { cookie: sessionCookie });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      me: { id: users[0]!.id, name: users[0]!.name, email: users[0]!.email, role: "CLINICIAN", clinic: { id: clinic.id, name: clinic.name } },
    });
  });

  it("tells each role what it may do, from the one permissions module", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }, { role: "ADMIN" }, { role: "THERAPIST" }]);
    const permissionsOf = async (email: string) => {
      const { sessionCookie } = await signInOverHttp(email, TEST_PASSWORD);
      const result = await graphql<{ me: { permissions: string[] } }>("query { me { permissions } }", { cookie: sessionCookie });
      return result.data?.me.permissions;
    };
    expect(await permissionsOf(users[0]!.email)).toEqual(["READ_PATIENTS", "CREATE_PATIENTS", "READ_REFERRALS", "SEND_REFERRALS"]);
    expect(await permissionsOf(users[1]!.email)).toEqual([
      "READ_PATIENTS",
      "CREATE_PATIENTS",
      "READ_REFERRALS",
      "SEND_REFERRALS",
      "ADMINISTER_USERS",
      "READ_AUDIT_TRAIL",
      "READ_DASHBOARD",
      "MANAGE_SERVICES",
      "READ_MAIL_DELIVERIES",
    ]);
    expect(await permissionsOf(users[2]!.email)).toEqual(["DECIDE_REFERRALS", "READ_DASHBOARD"]);
  });

  it("names a therapist's service, and no service for anyone else", async () => {
    const { users, services } = await createTestClinic([{ role: "THERAPIST", service: "PHYSIOTHERAPY" }, { role: "CLINICIAN" }]);
    const serviceOf = async (email: string) => {
      const { sessionCookie } = await signInOverHttp(email, TEST_PASSWORD);
      const result = await graphql<{ me: { role: string; service: { id: string; discipline: string } | null } }>(
        "query { me { role service { id discipline } } }",
        { cookie: sessionCookie },
      );
      return result.data?.me;
    };
    const physiotherapy = services.find((service) => service.discipline === "PHYSIOTHERAPY")!;
    expect(await serviceOf(users[0]!.email)).toEqual({ role: "THERAPIST", service: { id: physiotherapy.id, discipline: "PHYSIOTHERAPY" } });
    expect(await serviceOf(users[1]!.email)).toEqual({ role: "CLINICIAN", service: null });
  });

  it("treats a forged session cookie as no session", async () => {
    const result = await graphql(ME, { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.token.value.here" });
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("sign-in over HTTP", () => {
  it("gives a wrong password and an inactive account the same answer and no session", async () => {
    const { users } = await createTestClinic([{ active: true }, { active: false }]);
    const wrongPassword = await signInOverHttp(users[0]!.email, "not-the-right-password");
    const inactive = await signInOverHttp(users[1]!.email, TEST_PASSWORD);
    const unknown = await signInOverHttp("nobody-here@clinic.test", TEST_PASSWORD);
    for (const attempt of [wrongPassword, inactive, unknown]) {
      expect(attempt.sessionCookie).toBeNull();
      expect(attempt.response.status).toBe(wrongPassword.response.status);
      expect(await attempt.response.clone().json()).toEqual(await wrongPassword.response.clone().json());
    }
    expect(((await wrongPassword.response.json()) as { url: string }).url).toContain("error=CredentialsSignin");
  });
});

describe("GraphQL errors", () => {
  it("answers a malformed query with a parse error and no stack trace", async () => {
    const { users } = await createTestClinic();
    const { sessionCookie } = await signInOverHttp(users[0]!.email, TEST_PASSWORD);
    const result = await graphql("query { me { ", { cookie: sessionCookie });
    // graphql-armor's token limit parses first, so the syntax error arrives as a validation failure.
    expect(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"]).toContain(result.errors?.[0]?.extensions?.code);
    expect(result.errors?.[0]?.message).toMatch(/^Syntax Error/);
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
  });
});
