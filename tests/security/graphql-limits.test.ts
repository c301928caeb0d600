import { beforeAll, describe, expect, inject, it } from "vitest";
import { clinicWithSessions, codeOf, createPatient, createReferral } from "../support/api";
import { refusedBy } from "../support/attacks";
import { createTestClinic, TEST_PASSWORD } from "../support/db";
import { graphql, signInOverHttp, type GraphQLResponse } from "../support/http";

/** The OWASP GraphQL Cheat Sheet's abuse shapes, each against a signed-in session so only the limit can refuse it. */

let cookie: string;
let patientId: string;
beforeAll(async () => {
  const clinic = await clinicWithSessions();
  cookie = clinic.cookies[0]!;
  patientId = (await createPatient(cookie)).id;
  await createReferral(cookie, patientId);
});

const STACK_TRACE = /stacktrace|\bat [\w.<>]+ \(|\.(ts|js):\d+|node_modules/i;

function expectRefused(result: GraphQLResponse<unknown>, code: string, message?: RegExp) {
  expect(result.data ?? null).toBeNull();
  expect(codeOf(result)).toBe(code);
  if (message) expect(result.errors?.[0]?.message).toMatch(message);
  expect(JSON.stringify(result)).not.toMatch(STACK_TRACE);
  refusedBy(code === "PAYLOAD_TOO_LARGE" ? "request-bounds" : "graphql-limits", result);
}

/** patient → referrals → edges → node → patient → …, `levels` times round. */
function deepQuery(levels: number): string {
  let selection = "id";
  for (let level = 0; level < levels; level++) selection = `patient { id referrals { edges { node { id ${selection} } } } }`;
  return `query Deep($id: ID!) { patient(id: $id) { id referrals { edges { node { ${selection} } } } } }`;
}

describe("GraphQL limits", () => {
  it("answers the portal's own shape, a patient with its referrals, so the refusals below are the limits at work", async () => {
    const result = await graphql(deepQuery(0), { cookie, variables: { id: patientId } });
    expect(result.errors).toBeUndefined();
  });

  it("attack: a query 14 levels deep (patient → referrals → edges → node → patient …) is refused", async () => {
    expectRefused(await graphql(deepQuery(3), { cookie, variables: { id: patientId } }), "GRAPHQL_VALIDATION_FAILED", /depth/i);
  });

  it("attack: 200 aliases of me are refused", async () => {
    const aliases = Array.from({ length: 200 }, (_, index) => `me${index}: me { id }`).join(" ");
    expectRefused(await graphql(`query Flood { ${aliases} }`, { cookie }), "GRAPHQL_VALIDATION_FAILED", /alias/i);
  });

  it("attack: a query of more than 2,000 tokens is refused", async () => {
    const result = await graphql(`query Huge { me { ${"id ".repeat(2_100)} } }`, { cookie });
    expectRefused(result, "GRAPHQL_VALIDATION_FAILED", /token/i);
  });

  it("attack: a 1 MB query body is refused without being parsed to the end", async () => {
    const query = `query Megabyte { me { ${"id ".repeat(350_000)} } }`;
    expect(query.length).toBeGreaterThan(1_000_000);
    const started = Date.now();
    const result = await graphql(query, { cookie });
    // Over the body limit, so refused while it is read, before JSON or GraphQL parsing.
    expect(result.status).toBe(413);
    expectRefused(result, "PAYLOAD_TOO_LARGE");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("attack: a 900 KB query, under the body limit, is refused by the token limit", async () => {
    const query = `query Large { me { ${"id ".repeat(300_000)} } }`;
    expect(query.length).toBeGreaterThan(850_000);
    const result = await graphql(query, { cookie });
    expectRefused(result, "GRAPHQL_VALIDATION_FAILED", /token/i);
  });

  it("attack: 50 directives on one field are refused", async () => {
    const directives = " @include(if: true)".repeat(50);
    expectRefused(await graphql(`query Directives { me { id${directives} } }`, { cookie }), "GRAPHQL_VALIDATION_FAILED", /directive/i);
  });

  it("attack: a costly nested selection (first: 50 at every level) is refused by the cost limit", async () => {
    const query = `query Costly { referrals(first: 50) { edges { node { patient { referrals(first: 50) { edges { node { events { actor { clinic { id name } } } } } } } } } } }`;
    expectRefused(await graphql(query, { cookie }), "GRAPHQL_VALIDATION_FAILED", /cost/i);
  });

  it.each([
    ["patients", "query Page($first: Int) { patients(first: $first) { edges { node { id } } } }", () => ({})],
    ["referrals", "query Page($first: Int) { referrals(first: $first) { edges { node { id } } } }", () => ({})],
    [
      "a patient's referrals",
      "query Page($id: ID!, $first: Int) { patient(id: $id) { referrals(first: $first) { edges { node { id } } } } }",
      () => ({ id: patientId }),
    ],
  ])("attack: a page size of 10^8 for %s is refused with BAD_USER_INPUT", async (_what, query, variables) => {
    const result = await graphql(query, { cookie, variables: { ...variables(), first: 100_000_000 } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.field).toEqual(["first"]);
    expect(JSON.stringify(result.data ?? null)).not.toMatch(/"node"/);
    expect(JSON.stringify(result)).not.toMatch(STACK_TRACE);
    refusedBy("input", result);
  });

  it("attack: a batched array of GraphQL operations is refused", async () => {
    const response = await fetch(`${inject("baseUrl")}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(Array.from({ length: 20 }, () => ({ query: "query { me { id email } }" }))),
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).not.toContain('"data"');
    expect(body).not.toContain("@clinic.test");
    expect(body).not.toMatch(STACK_TRACE);
    const answer = JSON.parse(body) as { errors: { message: string; extensions: { code: string } }[] };
    expect(answer.errors[0]!.message).toMatch(/batching/i);
    refusedBy("request-bounds", { status: response.status, ...answer });
  });

  it("attack: a sign-in carrying a list of passwords (one request, many guesses) checks none of them and gives no session", async () => {
    const { users } = await createTestClinic();
    const csrf = await fetch(`${inject("baseUrl")}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
    // A valid CSRF token and cookie, so the attempt reaches the credentials check; the right password is among the guesses.
    // (next-auth reads a form with a repeated field as its last value: one password. JSON keeps the list.)
    const response = await fetch(`${inject("baseUrl")}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/json", cookie: csrfCookie, "x-forwarded-for": `198.18.${Math.floor(Math.random() * 256)}.7` },
      body: JSON.stringify({ csrfToken, email: users[0]!.email, password: ["guess-one", "guess-two", TEST_PASSWORD], json: "true" }),
    });
    const sessions = response.headers.getSetCookie().filter((cookie) => cookie.startsWith("next-auth.session-token="));
    expect(sessions).toEqual([]);
    const { url } = (await response.json()) as { url: string };
    // Refused as credentials (not as a forged request: the CSRF token was good).
    expect(new URL(url).searchParams.get("error")).toBe("CredentialsSignin");
    expect(new URL(url).searchParams.get("csrf")).toBeNull();
    refusedBy("input", { defence: "input", code: "CredentialsSignin" });
    // The account itself still signs in normally: the list was refused, not the user locked out by it.
    expect((await signInOverHttp(users[0]!.email, TEST_PASSWORD)).sessionCookie).not.toBeNull();
  });
});
