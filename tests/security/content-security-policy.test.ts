import { describe, expect, inject, it } from "vitest";
import { refusedBy } from "../support/attacks";

describe("the Content-Security-Policy on every HTML response", () => {
  it.each([
    ["Purpose: prefetch", { purpose: "prefetch" }],
    ["Next-Router-Prefetch: 1", { "next-router-prefetch": "1" }],
  ])("attack: a page fetched with %s comes without the policy", async (_name, headers) => {
    const response = await fetch(`${inject("baseUrl")}/login`, { headers, redirect: "manual" });
    expect(response.headers.get("content-type") ?? "").toContain("text/html");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    refusedBy("headers", { defence: "headers", code: "Content-Security-Policy" });
  });
});
