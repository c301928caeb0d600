import { describe, expect, it } from "vitest";
import { triage } from "@/lib/triage";
import { disagreements } from "./cases";
import { FUNCTIONAL_CASES } from "./functional-cases";

describe("functional triage cases", () => {
  it("names are unique and every failure class has cases", () => {
    expect(new Set(FUNCTIONAL_CASES.map((triageCase) => triageCase.name)).size).toBe(FUNCTIONAL_CASES.length);
    expect(new Set(FUNCTIONAL_CASES.map((triageCase) => triageCase.failureClass)).size).toBe(10);
  });

  it.each(FUNCTIONAL_CASES)("$failureClass: $name", (triageCase) => {
    expect(disagreements(triageCase, triage(triageCase))).toEqual([]);
  });
});
