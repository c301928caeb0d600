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
