import { REQUEST_ORIGIN_HEADER } from "@/lib/request-origin";

/**
 * Whether a state-changing request comes from the portal's own pages. Browsers
 * send Sec-Fetch-Site on every request (and Origin on every POST); a request
 * without either is not from a browser page and carries no ambient cookie risk
 * beyond what the caller holds already. Anything that says it is from another
 * site, or names an origin that is not the portal's, is refused.
 *
 * The portal's origins: NEXTAUTH_URL's, and the one this request addressed
 * (REQUEST_ORIGIN_HEADER, which the server sets from the Host header, or from a
 * trusted proxy's X-Forwarded-Proto and X-Forwarded-Host), so the portal opened
 * at another of its addresses (127.0.0.1 for localhost, an internal name) works
 * there too; and PASSKEY_ORIGIN's. A page of another site addresses its requests to the portal but
 * names its own origin, which matches none of them.
 */
export function isSameOriginRequest(request: { headers: { get(name: string): string | null }; url: string }): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  return ownOrigins(request).includes(origin) || origin === passkeyOrigin();
}

/** PASSKEY_ORIGIN (lib/env.ts) is the portal too: the name browsers use when NEXTAUTH_URL is an address. */
function passkeyOrigin(): string | null {
  try {
    return process.env.PASSKEY_ORIGIN?.trim() ? new URL(process.env.PASSKEY_ORIGIN).origin : null;
  } catch {
    return null;
  }
}

/** NEXTAUTH_URL's origin when configured, and the origin the request addressed; without the server's header, the request URL's. */
function ownOrigins(request: { headers: { get(name: string): string | null }; url: string }): string[] {
  const origins: string[] = [];
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) {
    try {
      origins.push(new URL(configured).origin);
    } catch {
      // Refused at start (lib/env.ts); nothing to compare with here.
    }
  }
  const addressed = request.headers.get(REQUEST_ORIGIN_HEADER);
  if (addressed) origins.push(addressed);
  else if (!configured) origins.push(new URL(request.url).origin);
  return origins;
}
