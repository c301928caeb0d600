import { Agent, fetch as undiciFetch } from "undici";

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * A fetch whose connections leave from `localAddress`: any 127.x.y.z reaches a
 * server listening on 127.0.0.1, which then sees that address as the client's.
 * A test with an address of its own has sign-in counters no other test touches.
 */
export function fetchFrom(localAddress: string): Fetch {
  const dispatcher = new Agent({ localAddress });
  return (url, init) => undiciFetch(url, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
}

/** One sign-in attempt against a portal, the way next-auth's client sends it, with whatever headers the attacker adds. */
export async function attemptSignIn(
  baseUrl: string,
  credentials: { email: string; password: string; callbackUrl?: string },
  headers: Record<string, string> = {},
  send: Fetch = fetch,
) {
  const csrf = await send(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return postCredentials(baseUrl, { csrfToken, cookie: csrfCookieOf(csrf) }, credentials, headers, send);
}

export function csrfCookieOf(response: Response): string {
  return response.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
}

/** A CSRF token and its cookie, to reuse across many attempts (a burst). */
export async function csrfFor(baseUrl: string) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return { csrfToken, cookie: csrfCookieOf(csrf) };
}

export async function postCredentials(
  baseUrl: string,
  csrf: { csrfToken: string; cookie: string },
  credentials: { email: string; password: string; callbackUrl?: string },
  headers: Record<string, string> = {},
  send: Fetch = fetch,
) {
  const { callbackUrl, ...rest } = credentials;
  const response = await send(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie, ...headers },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, ...rest, ...(callbackUrl ? { callbackUrl } : {}), json: "true" }),
  });
  const text = await response.text();
  let url: string | undefined;
  try {
    url = (JSON.parse(text) as { url?: string }).url;
  } catch {
    url = undefined;
  }
  const error = url ? new URL(url).searchParams.get("error") : null;
  return { status: response.status, headers: response.headers, text, url, error };
}
