import { describe, expect, it } from "vitest";
import type { Recommendation } from "@/lib/triage";
import {
  agreementByBand,
  cohensKappa,
  confusionMatrix,
  expectedCalibrationError,
  majorityLabel,
  protocolFigures,
  ratersAgree,
} from "@/scripts/support/triage-protocol";

const OT: Recommendation = "OCCUPATIONAL_THERAPY";
const PT: Recommendation = "PHYSIOTHERAPY";
const BOTH: Recommendation = "BOTH";
const ASSESS: Recommendation = "NEEDS_ASSESSMENT";

describe("the measurement protocol", () => {
  it("takes the label most raters gave, the author's alone when nobody else labelled, and none when three raters split", () => {
    expect(majorityLabel({ author: OT })).toBe(OT);
    expect(majorityLabel({ author: OT, second: OT })).toBe(OT);
    expect(majorityLabel({ author: OT, second: PT, third: PT })).toBe(PT);
    expect(majorityLabel({ author: OT, second: PT, third: BOTH })).toBeNull();
    // Two raters who disagree have no majority until a third reads the note.
    expect(majorityLabel({ author: OT, second: PT })).toBeNull();
  });

  it("says the raters agree only when every label given is the same", () => {
    expect(ratersAgree({ author: BOTH, second: BOTH })).toBe(true);
    expect(ratersAgree({ author: BOTH, second: BOTH, third: PT })).toBe(false);
    expect(ratersAgree({ author: ASSESS })).toBe(true);
  });

  it("computes Cohen's kappa as observed agreement corrected for chance", () => {
    // 10 items: 8 agree; each rater gives OT 5 times and PT 5 times, so chance agreement is 0.5 and kappa 0.6.
    const first: Recommendation[] = [OT, OT, OT, OT, OT, PT, PT, PT, PT, PT];
    const second: Recommendation[] = [OT, OT, OT, OT, PT, OT, PT, PT, PT, PT];
    expect(cohensKappa(first, second)).toBeCloseTo(0.6, 10);
    expect(cohensKappa(first, first)).toBe(1);
    // Agreement no better than chance: kappa 0.
    expect(cohensKappa([OT, OT, PT, PT], [OT, PT, OT, PT])).toBeCloseTo(0, 10);
    expect(() => cohensKappa([OT], [OT, PT])).toThrow(/different lengths/);
  });

  it("counts the engine's answers per expected label", () => {
    const matrix = confusionMatrix([OT, OT, PT, ASSESS], [OT, BOTH, PT, OT]);
    expect(matrix.get(OT)?.get(OT)).toBe(1);
    expect(matrix.get(OT)?.get(BOTH)).toBe(1);
    expect(matrix.get(PT)?.get(PT)).toBe(1);
    expect(matrix.get(ASSESS)?.get(OT)).toBe(1);
    expect(matrix.get(BOTH)).toBeUndefined();
  });

  it("puts each answer in one confidence band and measures the gap between confidence and agreement", () => {
    const bands = agreementByBand([0.3, 0.55, 0.85, 0.95, 1], [false, true, true, true, false]);
    expect(bands.map((band) => band.answers)).toEqual([1, 1, 0, 1, 2]);
    expect(bands.map((band) => band.agreed)).toEqual([0, 1, 0, 1, 1]);
    // Perfectly calibrated: in the 0.5 bin half agree; in the 1.0 bin all agree.
    expect(expectedCalibrationError([0.5, 0.5, 1, 1], [true, false, true, true])).toBeCloseTo(0, 10);
    // Always sure and always wrong: the error is the whole confidence.
    expect(expectedCalibrationError([1, 1], [false, false])).toBeCloseTo(1, 10);
  });

  it("reports agreement with the majority, agreement where the raters agree, and the raters' own agreement", () => {
    const figures = protocolFigures([
      { labels: { author: OT, second: OT }, answer: OT, confidence: 0.9 },
      { labels: { author: PT, second: PT }, answer: BOTH, confidence: 0.6 },
      { labels: { author: BOTH, second: PT, third: PT }, answer: PT, confidence: 0.8 },
      { labels: { author: ASSESS, second: OT, third: BOTH }, answer: ASSESS, confidence: 0.5 },
    ]);
    expect(figures.notes).toBe(4);
    expect(figures.withMajority).toBe(3);
    expect(figures.agreedWithMajority).toBe(2);
    expect(figures.ratersAgreeing).toBe(2);
    expect(figures.agreedWhereRatersAgree).toBe(1);
    expect(figures.raters).toEqual({ notes: 4, agreed: 2, kappa: expect.any(Number) });
    expect(figures.bands.reduce((sum, band) => sum + band.answers, 0)).toBe(3);
  });
});
