import { TestRunner } from "vitest";

/**
 * Why each attack was refused, for the attack reporter (tests/support/attack-reporter.ts).
 *
 * An attack (a test named "attack: …") names the defence it targets and records
 * the refusal it got, once per answer it checks:
 *
 *   const result = await graphql(query, { cookie, variables: { id: otherClinicsPatientId } });
 *   expect(codeOf(result)).toBe("NOT_FOUND");
 *   refusedBy("tenancy", result);
 *
 * The answer's code (or HTTP status) says which defence refused it (REFUSALS
 * below); where it cannot (a payload stored verbatim, the database refusing a
 * statement), pass the refusal itself: `refusedBy("escaping", { defence: "escaping", code: "stored verbatim" })`.
 * `refusedBy` asserts nothing: the test asserts what the attack must not
 * achieve, and the reporter counts the attack as refused by its targeted
 * defence only when the test passed and every refusal it recorded came from
 * that defence; the rest are listed apart as "refused earlier by: role 3, …".
 * An attack that records nothing still counts, as "defence not recorded".
 */

export const DEFENCES = {
  authentication: "a live session and its second factor (lib/auth/sessions.ts): UNAUTHENTICATED, SECOND_FACTOR_REQUIRED, 401",
  role: "what the viewer's role, or their part in a referral, allows (lib/permissions): FORBIDDEN, 403",
  tenancy: "what the viewer may see at all (lib/db/tenant.ts): NOT_FOUND, 404, or an answer holding only their own records",
  input: "validation of arguments, routes and forms (zod): BAD_USER_INPUT, 400",
  version: "the version the actor saw: CONFLICT",
  csrf: "cross-site requests: Apollo's CSRF prevention, next-auth's CSRF token, the origin check of /api/session/activity",
  "graphql-limits": "graphql-armor: depth, aliases, tokens, directives, cost (GRAPHQL_VALIDATION_FAILED)",
  introspection: "no schema for the asking: introspection off, field suggestions removed",
  "request-bounds": "what /api/graphql accepts (graphql/http.ts): methods, body size, JSON, nesting, batches, subscriptions",
  throttle: "sign-in throttling (lib/auth/throttle.ts): THROTTLED, TOO_MANY_REQUESTS",
  capacity: "the password-hashing queue: 503 with Retry-After",
  escaping: "text kept as text: parameterised SQL, React's escaping, a stored payload returned verbatim",
  "client-address": "the client's address from the socket or a trusted proxy only (lib/trusted-proxies.ts)",
  headers: "response headers: Content-Security-Policy, cache control",
  audit: "the audit trail: append-only, hash-chained, every access recorded",
  disclosure: "answers that say no more than needed: no stack traces, SQL, library names or other clinics' data",
  "account-links":
    "invitation and reset links (lib/accounts): of one purpose, used once, expiring, the secret checked against its hash, the user active: \"This link does not work\" (BAD_USER_INPUT on token)",
  integrity: "the rules a write keeps (lib/services): a service with open referrals is closed, not removed (CONFLICT); a closed service takes no referral",
} as const;

export type Defence = keyof typeof DEFENCES;

export interface Refusal {
  defence: Defence;
  /** What the attacker saw: an error code, an HTTP status, or a few words. */
  code: string;
}

export interface AttackRecord {
  targets: Defence;
  refusals: Refusal[];
}

declare module "vitest" {
  interface TaskMeta {
    attack?: AttackRecord;
  }
}

/** The defence each answer code names. */
const REFUSALS: Readonly<Record<string, Defence>> = {
  UNAUTHENTICATED: "authentication",
  FORBIDDEN: "role",
  NOT_FOUND: "tenancy",
  BAD_USER_INPUT: "input",
  CONFLICT: "version",
  PAYLOAD_TOO_LARGE: "request-bounds",
  METHOD_NOT_ALLOWED: "request-bounds",
  SERVICE_UNAVAILABLE: "capacity",
  THROTTLED: "throttle",
  TOO_MANY_REQUESTS: "throttle",
  SECOND_FACTOR_REQUIRED: "authentication",
};

/** An HTTP status, where the answer carries no code. */
const STATUSES: Readonly<Record<number, Defence>> = {
  401: "authentication",
  403: "role",
  404: "tenancy",
  405: "request-bounds",
  413: "request-bounds",
  503: "capacity",
};

/** What an answer looks like to the recorder: a GraphQL result, or an HTTP answer with its code or message. */
export interface Answer {
  status?: number;
  errors?: readonly { message?: string; extensions?: { code?: unknown } }[];
  code?: string | null;
  message?: string;
}

/** The refusal an answer shows: which defence (from its code, message or status) and its code. */
export function refusalOf(answer: Answer): Refusal {
  const error = answer.errors?.[0];
  const code = typeof error?.extensions?.code === "string" ? error.extensions.code : (answer.code ?? null);
  const message = error?.message ?? answer.message ?? "";
  if (code === "GRAPHQL_VALIDATION_FAILED") {
    return { defence: /introspection/i.test(message) ? "introspection" : "graphql-limits", code };
  }
  if (code === "BAD_REQUEST") {
    if (/Cross-Site Request Forgery/i.test(message)) return { defence: "csrf", code };
    return { defence: "request-bounds", code };
  }
  // A link refused by its check (lib/accounts invalidLink) answers as input does, with its own message.
  if (code === "BAD_USER_INPUT" && /^This link does not work/.test(message)) return { defence: "account-links", code: "LINK_REFUSED" };
  const bare = code?.replace(/:.*$/, "");
  if (bare && REFUSALS[bare]) return { defence: REFUSALS[bare], code: bare };
  if (answer.status && STATUSES[answer.status]) return { defence: STATUSES[answer.status]!, code: String(answer.status) };
  if (answer.status === 400) return { defence: "input", code: "400" };
  throw new Error(
    `refusalOf: no defence is known for this answer (code ${code}, status ${answer.status}): ` +
      `pass the refusal itself, refusedBy(targets, { defence, code }), or add the code to REFUSALS in tests/support/attacks.ts`,
  );
}

/**
 * Records on the running attack the defence it targets and the refusal this
 * answer shows (derived by `refusalOf`, or given). Returns the refusal, so a
 * test may also assert on it.
 */
export function refusedBy(targets: Defence, answer: Answer | Refusal): Refusal {
  const test = TestRunner.getCurrentTest();
  if (!test) throw new Error("refusedBy is called inside a test, not at collection or in a hook");
  const refusal = "defence" in answer ? answer : refusalOf(answer);
  const record = (test.meta.attack ??= { targets, refusals: [] });
  if (record.targets !== targets) throw new Error(`one attack targets one defence: ${record.targets}, then ${targets}`);
  record.refusals.push(refusal);
  return refusal;
}
