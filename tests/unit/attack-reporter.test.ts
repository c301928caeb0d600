import { describe, expect, it } from "vitest";
import { attackSummary } from "../support/attack-reporter";
import { refusalOf, refusedBy } from "../support/attacks";

const refused = (targets: "tenancy" | "csrf", ...defences: ("tenancy" | "role" | "authentication" | "csrf")[]) => ({
  state: "passed",
  record: { targets, refusals: defences.map((defence) => ({ defence, code: "X" })) },
});

describe("the attack summary", () => {
  it("counts an attack as refused by its targeted defence only when every refusal it recorded came from that defence", () => {
    expect(attackSummary([refused("tenancy", "tenancy", "tenancy"), refused("csrf", "csrf"), refused("tenancy", "tenancy", "role")])).toBe(
      [
        "security suite: 3 attacks tried, 2 refused by their targeted defence, 1 refused earlier by another, 0 refused with no defence recorded, 0 not refused",
        "  refused by their targeted defence: csrf 1, tenancy 1",
        "  refused earlier by: role 1",
      ].join("\n"),
    );
  });

  it("lists the attacks refused earlier by the gate that refused them, most first", () => {
    const summary = attackSummary([
      refused("tenancy", "role"),
      refused("tenancy", "role"),
      refused("tenancy", "authentication"),
      refused("csrf", "csrf"),
    ]);
    expect(summary.split("\n")[2]).toBe("  refused earlier by: role 2, authentication 1");
  });

  it("counts failed attacks as not refused, passed ones without a record apart, and names attacks that did not run", () => {
    expect(attackSummary([{ state: "passed" }, { state: "failed", record: refused("tenancy", "tenancy").record }, { state: "skipped" }, { state: "pending" }])).toBe(
      "security suite: 2 attacks tried, 0 refused by their targeted defence, 0 refused earlier by another, 1 refused with no defence recorded, 1 not refused (2 not run)",
    );
  });
});

describe("what an answer says refused it", () => {
  it.each([
    [{ status: 200, errors: [{ message: "Referral was not found.", extensions: { code: "NOT_FOUND" } }] }, { defence: "tenancy", code: "NOT_FOUND" }],
    [{ status: 200, errors: [{ message: "Only clinic administrators can do this.", extensions: { code: "FORBIDDEN" } }] }, { defence: "role", code: "FORBIDDEN" }],
    [{ status: 401, errors: [{ message: "Sign in to continue.", extensions: { code: "UNAUTHENTICATED" } }] }, { defence: "authentication", code: "UNAUTHENTICATED" }],
    [
      { status: 400, errors: [{ message: "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF).", extensions: { code: "BAD_REQUEST" } }] },
      { defence: "csrf", code: "BAD_REQUEST" },
    ],
    [
      { status: 400, errors: [{ message: "GraphQL introspection is not allowed by Apollo Server", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] },
      { defence: "introspection", code: "GRAPHQL_VALIDATION_FAILED" },
    ],
    [{ status: 400, errors: [{ message: "Syntax Error: Query depth limit of 10 exceeded", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] }, { defence: "graphql-limits", code: "GRAPHQL_VALIDATION_FAILED" }],
    [{ code: "THROTTLED:16" }, { defence: "throttle", code: "THROTTLED" }],
    [{ status: 404 }, { defence: "tenancy", code: "404" }],
    [{ status: 413 }, { defence: "request-bounds", code: "413" }],
  ] as const)("%j is a refusal by %j", (answer, refusal) => {
    expect(refusalOf(answer)).toEqual(refusal);
  });

  it("refuses to guess a defence for an answer it does not know", () => {
    expect(() => refusalOf({ status: 200 })).toThrow(/no defence is known/);
  });

  it("records the attack's target and each refusal on the running test", ({ task }) => {
    refusedBy("tenancy", { status: 200, errors: [{ extensions: { code: "NOT_FOUND" } }] });
    refusedBy("tenancy", { defence: "role", code: "FORBIDDEN" });
    expect(task.meta.attack).toEqual({ targets: "tenancy", refusals: [{ defence: "tenancy", code: "NOT_FOUND" }, { defence: "role", code: "FORBIDDEN" }] });
    expect(() => refusedBy("csrf", { defence: "csrf", code: "BAD_REQUEST" })).toThrow(/one attack targets one defence/);
  });
});
