/**
 * Whether a state-changing request comes from the portal's own pages. Browsers
 * send Sec-Fetch-Site on every request (and Origin on every POST); a request
 * without either is not from a browser page and carries no ambient cookie risk
 * beyond what the caller holds already. Anything that says it is from another
 * site, or names another origin, is refused.
 */
export function isSameOriginRequest(request: { headers: { get(name: string): string | null }; url: string }): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  return origin === ownOrigin(request.url) || origin === passkeyOrigin();
}

/** PASSKEY_ORIGIN (lib/env.ts) is the portal too: the name browsers use when NEXTAUTH_URL is an address. */
function passkeyOrigin(): string | null {
  try {
    return process.env.PASSKEY_ORIGIN?.trim() ? new URL(process.env.PASSKEY_ORIGIN).origin : null;
  } catch {
    return null;
  }
}

/** NEXTAUTH_URL's origin when configured (behind a proxy the request URL may name an inner host), else the request's. */
function ownOrigin(requestUrl: string): string {
  const configured = process.env.NEXTAUTH_URL?.trim();
  try {
    return new URL(configured || requestUrl).origin;
  } catch {
    return new URL(requestUrl).origin;
  }
}
