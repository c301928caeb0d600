/**
 * The decision policy: how the scores of the matched rules become a
 * recommendation and a confidence. Changing a threshold here changes results,
 * so bump RULESET_VERSION in rules.ts with it.
 *
 * Scores. Each matched rule adds its weight once to the score of the
 * discipline it supports (OT, PT or SHARED), however many times the notes
 * mention it. SHARED evidence is reported but never decides.
 *
 * Injuries (rules of kind INJURY: a sprain, strain, tear, dislocation,
 * fracture, a joint that gives way, an injury in a named sport) are an
 * injury-recovery need: a current one is functional evidence of its side, a
 * past one ("hx of ankle sprain") weighs as a past diagnosis.
 *
 * Diagnoses (rules of kind DIAGNOSIS: a named condition) add to
 * functional evidence of their own side, together at most
 * CLEAR_EVIDENCE_SCORE (several names for one event, "OA knee, knee replacement",
 * explain the picture once): what the person cannot do decides, the diagnosis
 * explains it. With no functional evidence on their side (sideScore):
 * - when the referral names no functional problem and denies none on either
 *   side ("Dx MS 2015", "Left knee replacement in March"), they count at most
 *   CLEAR_EVIDENCE_SCORE together: a named condition alone recommends the
 *   discipline the seed gives it (as ruleset 2026-11-30.1 did);
 * - when the referral names no functional problem, logs no need or condition
 *   code, but denies one on either side ("Hx stroke; walks independently, no
 *   pain", "Dx MS, otherwise well"), they count as SUPPORTING only (1);
 * - beside the other side's functional evidence they count at most
 *   CLEAR_EVIDENCE_SCORE together ("stroke; falls, unsteady gait" is both)
 *   but never outweigh it;
 * - when the notes deny that side's functional problems ("no pain, walks
 *   independently", "no other problems"), they count as SUPPORTING evidence
 *   only (1), below the clear score; so does a diagnosis that is only past
 *   ("hx of CVA").
 * Context (rules of kind CONTEXT: living alone, carers, worry, sick leave)
 * counts in full beside functional evidence of its side, and otherwise at
 * most SUPPORTING_SCORE, so context alone is never clear evidence.
 *
 * Recommendation, with `clear` meaning a score of at least CLEAR_EVIDENCE_SCORE
 * (one direct piece of evidence, or two supporting ones):
 * - NEEDS_ASSESSMENT when neither OT nor PT is clear: no usable evidence,
 *   only evidence the seed gives to both (such as "injury"), or only weak
 *   hints. The seed itself says to have a professional assess what type of
 *   therapy would be best (NEEDS_ASSESSMENT_SOURCE).
 * - OCCUPATIONAL_THERAPY or PHYSIOTHERAPY when only that side is clear; when
 *   both are clear, only that side has a need (hasNeed) and the other's
 *   functional evidence is no need ("walks the dog every day; no pain" beside
 *   self-care problems); or when the other has no functional evidence of its
 *   own (only diagnoses or context) and that side's score is at least
 *   DOMINANCE_RATIO times the other's.
 * - BOTH when each side is clear and neither dominates; always when each
 *   side has a need ("can't get in the bath" beside a knee's pain, stiffness
 *   and walking is a need for both).
 *
 * Confidence, in [0, 1], rounded to two decimals: how strongly the evidence
 * supports the recommended discipline(s). The evidence strength is
 * total / (total + CONFIDENCE_HALF_SCORE), where total = OT + PT, so it is 0
 * with no evidence, 0.5 at CONFIDENCE_HALF_SCORE and approaches 1. Then:
 * - one discipline: strength × (its score − the other's) / total, so
 *   evidence for the other side lowers it;
 * - BOTH: strength × (smaller score / larger score), highest when balanced;
 * - NEEDS_ASSESSMENT: 0. It recommends no discipline, for want of clear
 *   evidence, so there is nothing to be confident in; the scores say how much
 *   evidence there is. (Until ruleset 2026-11-30.1 it was 1 with no evidence,
 *   which read as certainty.)
 */
import { SEED_SENTENCES, type SeedSentence } from "./catalog";
import type { Discipline } from "./rules";

export const RECOMMENDATIONS = ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY", "BOTH", "NEEDS_ASSESSMENT"] as const;

export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** The least score that counts as clear evidence for a discipline. */
export const CLEAR_EVIDENCE_SCORE = 2;

/** A discipline dominates when its score is at least this many times the other's. */
export const DOMINANCE_RATIO = 3;

/** The total OT + PT score at which evidence strength, and so confidence, reaches one half. */
export const CONFIDENCE_HALF_SCORE = 4;

/** The weight of supporting evidence: a diagnosis alone on a side whose function the notes deny, or a past one. */
export const SUPPORTING_SCORE = 1;

/** What matched for one discipline, split as the diagnosis weighting needs it. */
export interface SideEvidence {
  /** Summed weights of matched FUNCTION rules: what the person cannot do, or how it is treated. */
  readonly functional: number;
  /** Summed weights of diagnosis rules with a current mention or code. */
  readonly diagnosis: number;
  /** Summed weights of diagnosis rules mentioned only in a historical context ("hx of"). */
  readonly pastDiagnosis: number;
  /** Summed weights of context rules. */
  readonly context: number;
  /** The notes deny a functional problem of this side ("no pain", "gait unremarkable"). */
  readonly denied: boolean;
}

/**
 * A discipline's score: diagnoses in full beside functional evidence, capped
 * without it (see above). `diagnosesDecide`: the referral affirms a functional
 * problem on either side, logs a need or condition code, or denies no
 * functional problem on either side; when it is false (no problem named, some
 * denied), a diagnosis alone is supporting only.
 */
export function sideScore(side: SideEvidence, diagnosesDecide: boolean): number {
  // Several names for one event ("OA knee, knee replacement") explain the picture once: together at most clear.
  if (side.functional > 0) {
    return side.functional + Math.min(side.diagnosis + side.pastDiagnosis, CLEAR_EVIDENCE_SCORE) + side.context;
  }
  const cap = side.denied || !diagnosesDecide ? SUPPORTING_SCORE : CLEAR_EVIDENCE_SCORE;
  const diagnoses = side.diagnosis + Math.min(side.pastDiagnosis, SUPPORTING_SCORE);
  return Math.min(Math.max(diagnoses, Math.min(side.context, SUPPORTING_SCORE)), cap);
}

/** What the need test reads of one side's functional evidence (FUNCTION rules and current INJURY rules). */
export interface NeedEvidence {
  /** How many direct rules (weight at least CLEAR_EVIDENCE_SCORE) matched a logged code or a current mention. */
  readonly direct: number;
  /** One of those matched a logged need code, or a mention an affirmation stands beside ("can't walk far"). */
  readonly explicit: boolean;
  /** Some functional rule of the side matched outside a historical context. */
  readonly current: boolean;
  /** The notes deny a functional problem of this side ("no pain", "washing and dressing ind"). */
  readonly denied: boolean;
}

/**
 * Whether a side's functional evidence is a real, affirmed need: at least one
 * direct rule with a current mention or a logged code and, when the notes
 * deny a problem of that side, more than one bare mention: two direct rules
 * or one an affirmation stands beside ("can't walk far", "needs help to
 * dress") or a logged code. A side without a need cannot make the
 * recommendation BOTH: beside the other side's need its functional evidence
 * is read as how the person is ("walks the dog every day", "He is mobile",
 * "shops at the market"), and the side with the need is recommended
 * (decide). Functional evidence only past, on a side the notes deny, counts
 * as context (engine.ts).
 */
export function hasNeed(side: NeedEvidence): boolean {
  if (side.direct === 0) return false;
  return !side.denied || side.direct >= 2 || side.explicit;
}

/** The seed sentence a NEEDS_ASSESSMENT outcome rests on. */
export const NEEDS_ASSESSMENT_SOURCE: SeedSentence = SEED_SENTENCES.assessFirst;

export type TriageScores = Readonly<Record<Discipline, number>>;

export interface Decision {
  readonly recommendation: Recommendation;
  readonly confidence: number;
  /** One sentence, in the clinic's words, saying which threshold decided. */
  readonly reason: string;
}

function rounded(confidence: number): number {
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
}

function strength(total: number): number {
  return total / (total + CONFIDENCE_HALF_SCORE);
}

function single(recommendation: Recommendation, own: number, other: number, reason: string): Decision {
  const total = own + other;
  return { recommendation, confidence: rounded((strength(total) * (own - other)) / total), reason };
}

/** A flag per side: which sides have a need of their own (hasNeed), or functional evidence at all. */
export type FunctionalSides = Readonly<Record<"OT" | "PT", boolean>>;

const NO_FUNCTIONAL_SIDES: FunctionalSides = { OT: false, PT: false };

/**
 * Applies the policy described above to the scores of the matched rules;
 * `needs` says which sides have a need of their own (hasNeed), `functional`
 * which have functional evidence at all (a need, or mentions that are not one).
 */
export function decide(
  scores: TriageScores,
  needs: FunctionalSides = NO_FUNCTIONAL_SIDES,
  functional: FunctionalSides = needs,
): Decision {
  const ot = scores.OT;
  const pt = scores.PT;
  const otClear = ot >= CLEAR_EVIDENCE_SCORE;
  const ptClear = pt >= CLEAR_EVIDENCE_SCORE;

  if (!otClear && !ptClear) {
    const evidence =
      ot === 0 && pt === 0
        ? scores.SHARED > 0
          ? "Only evidence that both disciplines share"
          : "No evidence for either discipline"
        : `Evidence for occupational therapy (score ${ot}) and physiotherapy (${pt}) is below the clear score of ${CLEAR_EVIDENCE_SCORE}`;
    const reason = `${evidence}; a professional should assess which therapy is best.`;
    return {
      recommendation: "NEEDS_ASSESSMENT",
      confidence: 0,
      reason,
    };
  }
  if (otClear && !ptClear) {
    const reason = `Only occupational therapy has clear evidence (score ${ot}; physiotherapy ${pt}).`;
    return single("OCCUPATIONAL_THERAPY", ot, pt, reason);
  }
  if (ptClear && !otClear) {
    const reason = `Only physiotherapy has clear evidence (score ${pt}; occupational therapy ${ot}).`;
    return single("PHYSIOTHERAPY", pt, ot, reason);
  }
  if (needs.OT && needs.PT) return both(ot, pt);
  // One side's need beside functional mentions of the other that are no need of their own: the need decides.
  if (needs.OT && functional.PT && !needs.PT) {
    return single(
      "OCCUPATIONAL_THERAPY",
      ot,
      pt,
      `Only occupational therapy has a need of its own (score ${ot}); the physiotherapy evidence (${pt}) is no need on its own.`,
    );
  }
  if (needs.PT && functional.OT && !needs.OT) {
    return single(
      "PHYSIOTHERAPY",
      pt,
      ot,
      `Only physiotherapy has a need of its own (score ${pt}); the occupational therapy evidence (${ot}) is no need on its own.`,
    );
  }
  if (ot >= DOMINANCE_RATIO * pt) {
    return single(
      "OCCUPATIONAL_THERAPY",
      ot,
      pt,
      `Occupational therapy evidence (score ${ot}) is at least ${DOMINANCE_RATIO} times physiotherapy's (${pt}).`,
    );
  }
  if (pt >= DOMINANCE_RATIO * ot) {
    return single(
      "PHYSIOTHERAPY",
      pt,
      ot,
      `Physiotherapy evidence (score ${pt}) is at least ${DOMINANCE_RATIO} times occupational therapy's (${ot}).`,
    );
  }
  return both(ot, pt);
}

function both(ot: number, pt: number): Decision {
  return {
    recommendation: "BOTH",
    confidence: rounded((strength(ot + pt) * Math.min(ot, pt)) / Math.max(ot, pt)),
    reason: `Both disciplines have clear evidence of their own (occupational therapy score ${ot}, physiotherapy ${pt}).`,
  };
}
