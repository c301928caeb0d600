import { describe, expect, it } from "vitest";
import { triage } from "@/lib/triage";
import { TRIAGE_CASES, disagreements } from "./cases";

describe("written triage cases", () => {
  it("has at least 40 cases with unique names", () => {
    expect(TRIAGE_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TRIAGE_CASES.map((triageCase) => triageCase.name)).size).toBe(TRIAGE_CASES.length);
  });

  it.each(TRIAGE_CASES)("$name", (triageCase) => {
    expect(disagreements(triageCase, triage(triageCase))).toEqual([]);
  });
});
