import { beforeAll, describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf } from "../support/api";
import { refusedBy } from "../support/attacks";
import { graphql } from "../support/http";

/** The production build must not hand out its schema, neither whole nor a field at a time. */

let cookie: string;
beforeAll(async () => {
  cookie = (await clinicWithSessions()).cookies[0]!;
});

describe("introspection and field suggestions in production", () => {
  it.each([
    ["the whole schema", "query { __schema { types { name } } }"],
    ["one type's fields", 'query { __type(name: "Patient") { name fields { name } } }'],
  ])("attack: introspection of %s is refused to a signed-in user", async (_what, query) => {
    const result = await graphql(query, { cookie });
    expect(result.data ?? null).toBeNull();
    expect(codeOf(result)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(result)).not.toMatch(/"types"|"fields"|PatientConnection/);
    refusedBy("introspection", result);
  });

  it("attack: introspection without a session is refused, and says nothing of the schema", async () => {
    const result = await graphql("query { __schema { queryType { name } } }");
    expect(result.data ?? null).toBeNull();
    expect(JSON.stringify(result)).not.toContain('"queryType"');
    expect(codeOf(result)).toBe("GRAPHQL_VALIDATION_FAILED");
    // Refused by the introspection rule, which validation applies before the session is asked for.
    refusedBy("introspection", result);
  });

  it.each([
    ["a misspelt field", "query { me { emial } }"],
    ["a misspelt root field", "query { patiens { edges { node { id } } } }"],
    ["a misspelt argument", "query { patients(serch: \"a\") { edges { node { id } } } }"],
    ["a misspelt enum value", "query { referrals(filter: { status: SENTT }) { edges { node { id } } } }"],
    ["a misspelt type", "query Q($filter: ReferalFilter) { referrals(filter: $filter) { edges { node { id } } } }"],
  ])("attack: %s gets no 'Did you mean' suggestion of the real names", async (_what, query) => {
    const result = await graphql(query, { cookie });
    expect(codeOf(result)).toBe("GRAPHQL_VALIDATION_FAILED");
    const body = JSON.stringify(result);
    expect(body).not.toMatch(/did you mean/i);
    expect(body).not.toMatch(/"email"|\bpatients\b.*\bsearch\b|\bSENT\b|ReferralFilter/);
    refusedBy("introspection", { defence: "introspection", code: "no suggestion" });
  });

  it("attack: a misspelt enum value in the variables gets no 'Did you mean' suggestion", async () => {
    const query = "query Q($filter: ReferralFilter) { referrals(filter: $filter) { edges { node { id } } } }";
    const result = await graphql(query, { cookie, variables: { filter: { status: "SENTT" } } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    const body = JSON.stringify(result);
    expect(body).not.toMatch(/did you mean/i);
    expect(body).not.toMatch(/\bSENT\b/);
    refusedBy("introspection", { defence: "introspection", code: "no suggestion" });
  });
});
