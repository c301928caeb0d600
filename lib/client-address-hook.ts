import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { addressedOrigin, CLIENT_ADDRESS_HEADER, headerValue, REQUEST_ORIGIN_HEADER, trustedProxies } from "@/lib/request-origin";
import { clientAddress, normaliseAddress } from "@/lib/trusted-proxies";

const installed = Symbol.for("clinic-referral-portal.client-address-hook");

/**
 * Puts the client's address on every incoming request as CLIENT_ADDRESS_HEADER,
 * computed from the socket and TRUSTED_PROXIES, and the origin the browser
 * addressed as REQUEST_ORIGIN_HEADER (lib/same-origin.ts compares with it). Node publishes
 * `http.server.request.start` synchronously before the server's 'request'
 * event, so this runs before Next.js (which then adds X-Forwarded-For only when
 * absent and never exposes the socket to route handlers). A value the client
 * sent under the same name is always replaced or removed.
 */
export function installClientAddressHook(): void {
  const registry = globalThis as { [installed]?: boolean };
  if (registry[installed]) return;
  const trust = trustedProxies();
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    const address = clientAddress(
      { peer: request.socket?.remoteAddress ?? null, forwardedFor: headerValue(request.headers, "x-forwarded-for"), realIp: headerValue(request.headers, "x-real-ip") },
      trust,
    );
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete request.headers[CLIENT_ADDRESS_HEADER];
    const peer = normaliseAddress(request.socket?.remoteAddress ?? null);
    const origin = addressedOrigin({
      host: headerValue(request.headers, "host"),
      encrypted: Boolean((request.socket as TLSSocket | undefined)?.encrypted),
      fromTrustedProxy: peer !== null && trust(peer, 0),
      forwardedProto: headerValue(request.headers, "x-forwarded-proto"),
      forwardedHost: headerValue(request.headers, "x-forwarded-host"),
    });
    if (origin) request.headers[REQUEST_ORIGIN_HEADER] = origin;
    else delete request.headers[REQUEST_ORIGIN_HEADER];
  });
  registry[installed] = true;
}
