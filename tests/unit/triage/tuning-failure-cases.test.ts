import { describe, expect, it } from "vitest";
import { triage } from "@/lib/triage";
import { disagreements } from "./cases";
import { TUNING_FAILURE_CASES } from "./tuning-failure-cases";

describe("triage cases from the tuning sets' failure classes", () => {
  it("names are unique", () => {
    expect(new Set(TUNING_FAILURE_CASES.map((triageCase) => triageCase.name)).size).toBe(TUNING_FAILURE_CASES.length);
  });

  it.each(TUNING_FAILURE_CASES)("$failureClass: $name", (triageCase) => {
    expect(disagreements(triageCase, triage(triageCase))).toEqual([]);
  });
});
