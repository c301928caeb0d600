import { describe, expect, it } from "vitest";
import { NOTES_MAX_LENGTH, needsInputSchema } from "@/lib/triage";

describe("needs input schema", () => {
  it("accepts codes alone and defaults the rest", () => {
    expect(needsInputSchema.parse({ needs: ["PAIN"] })).toEqual({ needs: ["PAIN"], conditions: [], notes: "" });
  });

  it("accepts notes alone", () => {
    expect(needsInputSchema.parse({ notes: "Can't cook." })).toEqual({ needs: [], conditions: [], notes: "Can't cook." });
  });

  it("reads null lists and notes as empty", () => {
    expect(needsInputSchema.parse({ needs: null, conditions: ["STROKE"], notes: null })).toEqual({
      needs: [],
      conditions: ["STROKE"],
      notes: "",
    });
  });

  it("deduplicates codes, keeping first-seen order", () => {
    const parsed = needsInputSchema.parse({ needs: ["PAIN", "SELF_CARE", "PAIN"], conditions: ["STROKE", "STROKE"] });
    expect(parsed.needs).toEqual(["PAIN", "SELF_CARE"]);
    expect(parsed.conditions).toEqual(["STROKE"]);
  });

  it.each([{}, { needs: [], conditions: [] }, { notes: "  \n\t " }, { needs: null, notes: null }])(
    "refuses %j with an error on needs",
    (input) => {
      const result = needsInputSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ path: ["needs"], message: "Record at least one need, condition or note" }),
      ]);
    },
  );

  it("refuses an unknown need code with the path to the element", () => {
    const result = needsInputSchema.safeParse({ needs: ["PAIN", "FLYING"] });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["needs", 1]]);
  });

  it("refuses an unknown condition code with the path to the element", () => {
    const result = needsInputSchema.safeParse({ conditions: ["GOUT"] });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["conditions", 0]]);
  });

  it("accepts notes of exactly the maximum length and refuses one more character", () => {
    expect(needsInputSchema.safeParse({ notes: "a".repeat(NOTES_MAX_LENGTH) }).success).toBe(true);
    const result = needsInputSchema.safeParse({ notes: "a".repeat(NOTES_MAX_LENGTH + 1) });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["notes"]]);
  });

  it("the maximum length is 10,000 characters", () => {
    expect(NOTES_MAX_LENGTH).toBe(10_000);
  });
});
