import { describe, expect, it } from "vitest";
import { attackSummary } from "../support/attack-reporter";

describe("the attack summary line", () => {
  it("counts passed attacks as refused and failed ones as not refused", () => {
    expect(attackSummary(["passed", "passed", "failed"])).toBe("security suite: 3 attacks tried, 2 refused, 1 not refused");
  });

  it("names attacks that did not run apart instead of counting them either way", () => {
    expect(attackSummary(["passed", "skipped", "pending"])).toBe("security suite: 1 attacks tried, 1 refused, 0 not refused (2 not run)");
  });
});
