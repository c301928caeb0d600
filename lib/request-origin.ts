/**
 * The client address and user agent of a request. Behind a load balancer the
 * address is the right-most X-Forwarded-For entry, the one our own proxy added
 * (entries to its left are whatever the client claimed).
 */
export function requestOrigin(headers: { get(name: string): string | null }) {
  const forwarded = headers.get("x-forwarded-for");
  const ip = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1) ?? headers.get("x-real-ip");
  return { ip: ip ?? null, userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}
