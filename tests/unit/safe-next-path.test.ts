import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/messages";

describe("where sign-in goes next", () => {
  it.each([
    ["/referrals/019ac0de-0000-7000-8000-000000000001", "/referrals/019ac0de-0000-7000-8000-000000000001"],
    ["/worklist?status=SENT", "/worklist?status=SENT"],
    ["//evil.example/path", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/ spaced", "/"],
    ["", "/"],
    [null, "/"],
    [`/${"a".repeat(600)}`, "/"],
  ])("%s goes to %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
