import { describe, expect, it } from "vitest";
import {
  CLEAR_EVIDENCE_SCORE,
  CONFIDENCE_HALF_SCORE,
  DOMINANCE_RATIO,
  NEEDS_ASSESSMENT_SOURCE,
  decide,
  hasNeed,
  sideScore,
  type Recommendation,
  type SideEvidence,
} from "@/lib/triage/policy";
import { triage } from "@/lib/triage";

const DECISIONS: readonly { readonly OT: number; readonly PT: number; readonly SHARED: number; readonly recommendation: Recommendation }[] = [
  { OT: 0, PT: 0, SHARED: 0, recommendation: "NEEDS_ASSESSMENT" },
  { OT: 0, PT: 0, SHARED: 3, recommendation: "NEEDS_ASSESSMENT" },
  { OT: CLEAR_EVIDENCE_SCORE - 1, PT: CLEAR_EVIDENCE_SCORE - 1, SHARED: 0, recommendation: "NEEDS_ASSESSMENT" },
  { OT: CLEAR_EVIDENCE_SCORE, PT: 0, SHARED: 0, recommendation: "OCCUPATIONAL_THERAPY" },
  { OT: 0, PT: CLEAR_EVIDENCE_SCORE, SHARED: 5, recommendation: "PHYSIOTHERAPY" },
  { OT: CLEAR_EVIDENCE_SCORE, PT: CLEAR_EVIDENCE_SCORE - 1, SHARED: 0, recommendation: "OCCUPATIONAL_THERAPY" },
  { OT: CLEAR_EVIDENCE_SCORE, PT: CLEAR_EVIDENCE_SCORE, SHARED: 0, recommendation: "BOTH" },
  { OT: DOMINANCE_RATIO * 2 - 1, PT: 2, SHARED: 0, recommendation: "BOTH" },
  { OT: DOMINANCE_RATIO * 2, PT: 2, SHARED: 0, recommendation: "OCCUPATIONAL_THERAPY" },
  { OT: 2, PT: DOMINANCE_RATIO * 2, SHARED: 0, recommendation: "PHYSIOTHERAPY" },
];

const NONE: SideEvidence = { functional: 0, diagnosis: 0, pastDiagnosis: 0, context: 0, denied: false };

const SIDE_SCORES: readonly {
  readonly name: string;
  readonly side: SideEvidence;
  readonly diagnosesDecide?: boolean;
  readonly score: number;
}[] = [
  { name: "functional evidence counts in full", side: { ...NONE, functional: 4 }, score: 4 },
  { name: "diagnoses beside function add at most the clear score", side: { ...NONE, functional: 2, diagnosis: 4, context: 1 }, score: 5 },
  { name: "a diagnosis alone beside a named functional problem, or with nothing denied, is clear evidence", side: { ...NONE, diagnosis: 2 }, score: CLEAR_EVIDENCE_SCORE },
  { name: "several diagnoses alone are no more than clear", side: { ...NONE, diagnosis: 6 }, score: CLEAR_EVIDENCE_SCORE },
  { name: "a diagnosis when no functional problem is named anywhere but one is denied is supporting", side: { ...NONE, diagnosis: 4 }, diagnosesDecide: false, score: 1 },
  { name: "a diagnosis alone on a side the notes deny is supporting", side: { ...NONE, diagnosis: 4, denied: true }, score: 1 },
  { name: "a past diagnosis alone is supporting", side: { ...NONE, pastDiagnosis: 2 }, score: 1 },
  { name: "context alone is supporting", side: { ...NONE, context: 3 }, score: 1 },
  { name: "a denial without diagnoses scores nothing", side: { ...NONE, denied: true }, score: 0 },
];

describe("side scores", () => {
  it.each(SIDE_SCORES)("$name", ({ side, diagnosesDecide, score }) => {
    expect(sideScore(side, diagnosesDecide ?? true)).toBe(score);
  });
});

describe("decision policy", () => {
  it.each(DECISIONS)("OT $OT, PT $PT, shared $SHARED gives $recommendation", ({ recommendation, ...scores }) => {
    expect(decide(scores).recommendation).toBe(recommendation);
  });

  it("neither side dominates when each has functional evidence of its own", () => {
    const scores = { OT: 2, PT: DOMINANCE_RATIO * 4, SHARED: 0 };
    expect(decide(scores, { OT: false, PT: true }).recommendation).toBe("PHYSIOTHERAPY");
    expect(decide(scores, { OT: true, PT: true }).recommendation).toBe("BOTH");
  });

  it("a need on one side beside functional mentions of the other that are no need is that side alone", () => {
    const scores = { OT: 2, PT: 4, SHARED: 0 };
    expect(decide(scores, { OT: false, PT: true }, { OT: true, PT: true }).recommendation).toBe("PHYSIOTHERAPY");
    expect(decide({ OT: 6, PT: 2, SHARED: 0 }, { OT: true, PT: false }, { OT: true, PT: true }).recommendation).toBe(
      "OCCUPATIONAL_THERAPY",
    );
    // A diagnosis alone on the other side keeps the dominance rule: "stroke; falls, unsteady gait" is both.
    expect(decide({ OT: 2, PT: 4, SHARED: 0 }, { OT: false, PT: true }, { OT: false, PT: true }).recommendation).toBe("BOTH");
  });

  it("a need is a direct current rule, and more than one bare mention on a side the notes deny", () => {
    expect(hasNeed({ direct: 0, explicit: false, current: true, denied: false })).toBe(false);
    expect(hasNeed({ direct: 1, explicit: false, current: true, denied: false })).toBe(true);
    expect(hasNeed({ direct: 1, explicit: false, current: true, denied: true })).toBe(false);
    expect(hasNeed({ direct: 1, explicit: true, current: true, denied: true })).toBe(true);
    expect(hasNeed({ direct: 2, explicit: false, current: true, denied: true })).toBe(true);
  });

  it("confidence is 0 for assessment, which recommends no discipline, whatever weak evidence there is", () => {
    expect(decide({ OT: 0, PT: 0, SHARED: 0 }).confidence).toBe(0);
    expect(decide({ OT: 1, PT: 1, SHARED: 3 }).confidence).toBe(0);
  });

  it("confidence for one discipline grows with its evidence and falls with the other side's", () => {
    const half = decide({ OT: CONFIDENCE_HALF_SCORE, PT: 0, SHARED: 0 });
    expect(half.confidence).toBe(0.5);
    expect(decide({ OT: 12, PT: 0, SHARED: 0 }).confidence).toBeGreaterThan(half.confidence);
    expect(decide({ OT: CONFIDENCE_HALF_SCORE, PT: 1, SHARED: 0 }).confidence).toBeLessThan(half.confidence);
  });

  it("confidence for both is highest when the sides are balanced", () => {
    expect(decide({ OT: 4, PT: 4, SHARED: 0 }).confidence).toBeGreaterThan(decide({ OT: 5, PT: 3, SHARED: 0 }).confidence);
  });

  it("confidence stays within 0 and 1", () => {
    for (let ot = 0; ot <= 30; ot++) {
      for (let pt = 0; pt <= 30; pt++) {
        const { confidence } = decide({ OT: ot, PT: pt, SHARED: 0 });
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }
    }
  });

  it("a needs-assessment result cites the seed sentence that asks for an assessment", () => {
    expect(triage({ notes: "Injury." }).decisionSource).toBe(NEEDS_ASSESSMENT_SOURCE);
    expect(NEEDS_ASSESSMENT_SOURCE).toContain("assess what type of therapy would be best");
    expect(triage({ needs: ["PAIN"] }).decisionSource).toBeNull();
  });
});
