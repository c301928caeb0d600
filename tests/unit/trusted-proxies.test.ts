import { describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, parseTrustedProxies } from "@/lib/trusted-proxies";

const request = (peer: string, forwardedFor: string | null = null, realIp: string | null = null) => ({ peer, forwardedFor, realIp });

describe("the client address (TRUSTED_PROXIES)", () => {
  it.each([
    ["no proxy: the socket, whatever the headers claim", undefined, request("192.0.2.1", "198.51.100.9", "203.0.113.5"), "192.0.2.1"],
    ["a trusted loopback proxy: the entry it appended", "loopback", request("127.0.0.1", "6.6.6.6, 198.51.100.9"), "198.51.100.9"],
    ["a trusted proxy's X-Real-IP when X-Forwarded-For names nobody", "loopback", request("127.0.0.1", null, "198.51.100.7"), "198.51.100.7"],
    ["an untrusted peer's X-Real-IP is ignored", "10.0.0.0/8", request("192.0.2.1", null, "198.51.100.7"), "192.0.2.1"],
    ["one hop: the right-most entry", "1", request("10.0.0.2", "6.6.6.6, 198.51.100.9"), "198.51.100.9"],
    ["two hops: the second from the right", "2", request("10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.1"), "198.51.100.9"],
    ["a CIDR list", "10.0.0.0/8, 172.16.0.0/12", request("10.0.0.2", "198.51.100.9, 172.16.4.4"), "198.51.100.9"],
    ["garbage from a trusted proxy: the proxy's own address", "loopback", request("127.0.0.1", "<script>x</script>"), "127.0.0.1"],
    ["IPv4 mapped in IPv6 is stored as IPv4", undefined, request("::ffff:192.0.2.1"), "192.0.2.1"],
  ])("%s", (_name, setting, input, expected) => {
    expect(clientAddress(input, parseTrustedProxies(setting))).toBe(expected);
  });

  it("refuses a setting it cannot read", () => {
    expect(() => parseTrustedProxies("10.0.0.0/40")).toThrow();
    expect(() => parseTrustedProxies("proxy.internal")).toThrow();
  });

  it("keeps only IP addresses of at most 45 characters", () => {
    expect(normaliseAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(normaliseAddress("x".repeat(8000))).toBeNull();
    expect(normaliseAddress("1.2.3.4, 5.6.7.8")).toBeNull();
  });
});
