import { inject } from "vitest";
import { totpUserOf, verifyWithTotp } from "./second-factor";

const baseUrl = () => inject("baseUrl");

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

/**
 * Signs in through next-auth's own endpoints, as the login form does:
 * fetch a CSRF token, post the credentials, keep the session cookie; then,
 * for a user with an authenticator app, passes the second-factor step with
 * their next code (`secondFactor: false` stops after the password).
 */
export async function signInOverHttp(
  email: string,
  password: string,
  options: { cookie?: string; baseUrl?: string; address?: string; secondFactor?: boolean } = {},
) {
  const base = options.baseUrl ?? baseUrl();
  // Each test signs in from an address of its own (RFC 2544's test range), so the
  // per-address throttle counts one test's failures, not the whole suite's.
  const address = options.address ?? `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...cookiesOf(csrf), ...(options.cookie ? [options.cookie] : [])].join("; "),
      "x-forwarded-for": address,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.startsWith("next-auth.session-token="));
  const totpUser = session && options.secondFactor !== false ? await totpUserOf(email) : null;
  if (session && totpUser) {
    const verified = await verifyWithTotp(base, session, totpUser, { "x-forwarded-for": address });
    if (!verified.ok) throw new Error(`the second factor of ${email} was refused: ${verified.status} ${await verified.text()}`);
  }
  return { response, sessionCookie: session ?? null };
}

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string[] } & Record<string, unknown> }[];
}

/** POSTs an operation to /api/graphql exactly as Apollo Client in the browser does. */
export async function graphql<TData = Record<string, unknown>>(
  query: string,
  options: { variables?: Record<string, unknown>; cookie?: string | null; headers?: Record<string, string>; baseUrl?: string } = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(`${options.baseUrl ?? baseUrl()}/api/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, "status">;
  return { status: response.status, ...body };
}
