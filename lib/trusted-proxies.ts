import { isIP } from "node:net";
import proxyaddr from "proxy-addr";

/** proxy-addr's trust function: is the address at this hop (0 = the socket) one of our proxies? */
export type TrustProxy = (address: string, hop: number) => boolean;

const trustNone: TrustProxy = () => false;

/**
 * TRUSTED_PROXIES, read as Express reads `trust proxy`: unset means no proxy
 * (the socket's address is the client); a whole number is how many proxies sit
 * in front (hops trusted from the socket inwards); otherwise a comma-separated
 * list of addresses, CIDR ranges and proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`. Throws a TypeError naming the bad entry.
 */
export function parseTrustedProxies(value: string | undefined): TrustProxy {
  const setting = value?.trim() ?? "";
  if (setting === "") return trustNone;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  const entries = setting.split(",").map((entry) => entry.trim()).filter(Boolean);
  return proxyaddr.compile(entries);
}

/** IPv4 in IPv6 (`::ffff:192.0.2.1`, as a dual-stack socket reports it) is stored as plain IPv4. */
export function normaliseAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const address = value.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  // 45 characters is the longest textual IPv6 address (with an embedded IPv4 part).
  return address.length <= 45 && isIP(address) !== 0 ? address : null;
}

/**
 * The client's address, as proxy-addr computes it: start at the socket and walk
 * X-Forwarded-For from the right while the current hop is a trusted proxy.
 * X-Real-IP counts only when the socket itself is a trusted proxy and
 * X-Forwarded-For named nobody beyond it. Anything that is not an IP address
 * is never returned: a bad entry falls back to the last trusted hop.
 */
export function clientAddress(
  request: { peer: string | null; forwardedFor: string | null; realIp: string | null },
  trust: TrustProxy,
): string | null {
  const peer = normaliseAddress(request.peer);
  if (!peer) return null;
  const chain = proxyaddr.all(
    { socket: { remoteAddress: peer }, headers: { "x-forwarded-for": request.forwardedFor ?? undefined } } as never,
    trust,
  );
  const client = chain.at(-1);
  const walked = chain.slice(0, -1);
  if (chain.length === 1 && trust(peer, 0)) return normaliseAddress(request.realIp) ?? peer;
  return normaliseAddress(client) ?? normaliseAddress(walked.at(-1)) ?? peer;
}
