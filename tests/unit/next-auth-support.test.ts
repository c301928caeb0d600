import { describe, expect, it } from "vitest";
import { safeRedirect } from "@/lib/auth/next-auth-support";

const baseUrl = "https://portal.example";

describe("where a sign-in may send the browser", () => {
  it.each([
    ["/referrals?x=1", "https://portal.example/referrals?x=1"],
    ["https://portal.example/patients", "https://portal.example/patients"],
    ["https://attacker.example/", baseUrl],
    ["//attacker.example/x", baseUrl],
    ["/\\attacker.example", baseUrl],
    ["http://[::1", baseUrl],
    ["javascript:alert(1)", baseUrl],
  ])("%s → %s", (url, expected) => {
    expect(safeRedirect({ url, baseUrl })).toBe(expected);
  });
});
