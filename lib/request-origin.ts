import type { IncomingHttpHeaders } from "node:http";
import { readEnv } from "@/lib/env";
import { normaliseAddress, parseTrustedProxies, type TrustProxy } from "@/lib/trusted-proxies";

/**
 * The header through which the server hands route handlers the client's
 * address. Next.js keeps the socket away from route handlers and only fills
 * X-Forwarded-For from it when the client sent none, so a client's own
 * X-Forwarded-For is indistinguishable from the truth there.
 * instrumentation.ts sets this header on every request, from the socket and
 * TRUSTED_PROXIES, before Next.js sees the request, overwriting whatever the
 * client sent under this name.
 */
export const CLIENT_ADDRESS_HEADER = "x-portal-client-address";

/**
 * The header through which the server hands route handlers the origin the
 * browser addressed (scheme, host and port), set by instrumentation.ts beside
 * the client's address: from the Host header, or, when the socket is a trusted
 * proxy, from its X-Forwarded-Proto and X-Forwarded-Host. A value the client
 * sent under this name is always replaced or removed.
 */
export const REQUEST_ORIGIN_HEADER = "x-portal-request-origin";

/** A host as the Host header may carry it: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The first of a comma-separated header's values (a proxy chain's outermost, the one the browser addressed). */
const firstValue = (value: string | null) => value?.split(",")[0]?.trim() || null;

/**
 * The origin the browser addressed, or null when the request does not say one
 * that could be: `http` or `https` and a well-formed host, nothing else.
 */
export function addressedOrigin(request: {
  host: string | null;
  encrypted: boolean;
  /** Whether the socket is one of TRUSTED_PROXIES: only then do its X-Forwarded-* count. */
  fromTrustedProxy: boolean;
  forwardedProto: string | null;
  forwardedHost: string | null;
}): string | null {
  const proto = (request.fromTrustedProxy ? firstValue(request.forwardedProto) : null) ?? (request.encrypted ? "https" : "http");
  const host = (request.fromTrustedProxy ? firstValue(request.forwardedHost) : null) ?? request.host?.trim() ?? null;
  if ((proto !== "http" && proto !== "https") || !host || !HOST.test(host)) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Longest user agent kept on the audit trail and sessions; real ones are well under this. */
export const USER_AGENT_MAX_LENGTH = 256;

let trust: TrustProxy | undefined;

/** TRUSTED_PROXIES, read and checked once per process. */
export function trustedProxies(): TrustProxy {
  trust ??= parseTrustedProxies(readEnv().TRUSTED_PROXIES);
  return trust;
}

/**
 * The client address and user agent of a request. The address is the one the
 * server put in CLIENT_ADDRESS_HEADER (validated, at most 45 characters); a
 * request that did not pass through that hook has no address (null).
 */
export function requestOrigin(headers: { get(name: string): string | null }) {
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  return {
    ip: normaliseAddress(address),
    userAgent: headers.get("user-agent")?.replaceAll("\u0000", "").slice(0, USER_AGENT_MAX_LENGTH) ?? null,
  };
}

/** One header of a Node request as a single string, repeated values joined as Fetch's Headers joins them. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}
