/**
 * The triage engine: a pure function from a patient's logged needs to an
 * explained recommendation. No I/O; the rules are compiled once at module load.
 */
import { CONDITION_CODES, NEED_CODES, type ConditionCode, type NeedCode, type SeedSentence } from "./catalog";
import {
  CLEAR_EVIDENCE_SCORE,
  decide,
  hasNeed,
  NEEDS_ASSESSMENT_SOURCE,
  sideScore,
  type Recommendation,
  type TriageScores,
} from "./policy";
import { RULES, RULESET_VERSION, type Discipline, type TriageRule } from "./rules";
import { compileNotesMatcher, OTHER_PROBLEMS } from "./text";

export interface TriageInput {
  readonly needs?: readonly NeedCode[] | null;
  readonly conditions?: readonly ConditionCode[] | null;
  readonly notes?: string | null;
}

/** What in the referral matched a rule: a logged code, or a span of the notes ([start, end) in UTF-16 offsets). */
export type Evidence =
  | { readonly kind: "NEED"; readonly code: NeedCode }
  | { readonly kind: "CONDITION"; readonly code: ConditionCode }
  | { readonly kind: "NOTES"; readonly start: number; readonly end: number; readonly text: string };

export interface MatchedRule {
  readonly ruleId: string;
  readonly supports: Discipline;
  readonly weight: number;
  /** The words of the source sentence the rule rests on. */
  readonly distinction: string;
  /** The seed sentence, verbatim. */
  readonly source: SeedSentence;
  /** Codes in catalogue order, then note spans in text order. */
  readonly evidence: readonly Evidence[];
}

export interface TriageResult {
  readonly recommendation: Recommendation;
  readonly scores: TriageScores;
  readonly confidence: number;
  readonly reason: string;
  /** The seed sentence behind a NEEDS_ASSESSMENT outcome; null when the matched rules carry the sources. */
  readonly decisionSource: SeedSentence | null;
  /** In ruleset order. */
  readonly matchedRules: readonly MatchedRule[];
  readonly rulesetVersion: string;
}

const NOTES_MATCHER = compileNotesMatcher(RULES);

function rulesByCode<Code extends string>(
  codes: readonly Code[],
  codesOf: (rule: TriageRule) => readonly Code[],
): ReadonlyMap<Code, readonly number[]> {
  return new Map(
    codes.map((code) => [code, RULES.flatMap((rule, index) => (codesOf(rule).includes(code) ? [index] : []))]),
  );
}

const RULES_BY_NEED = rulesByCode(NEED_CODES, (rule) => rule.needs);

function ruleIndex(id: string): number {
  const index = RULES.findIndex((rule) => rule.id === id);
  if (index < 0) throw new Error(`triage: no rule ${id}`);
  return index;
}

// A named sport with an injury word ("hurt his knee playing rugby", "knee injury at football") is a sports injury.
const NAMED_SPORTS = ruleIndex("pt.named-sports");
const INJURY_WORDS = ruleIndex("shared.injury-or-illness");
const SPORTS_INJURIES = ruleIndex("pt.sports-injuries");
const RULES_BY_CONDITION = rulesByCode(CONDITION_CODES, (rule) => rule.conditions);

// The body site decides the discipline of weakness: weakness of the hand or upper limb ("R UL weak", "right hand
// is still weak", "weakness in both hands") limits hand use, the occupational therapy of daily living (fine motor,
// hand function); weakness of the legs, or without a site, is physiotherapy's strength training.
const STRENGTH = ruleIndex("pt.strength-training");
const HAND_FUNCTION = ruleIndex("ot.daily-living");
const UPPER_LIMB_SITE = /\b(?:hands?|fingers?|thumbs?|arms?|UL|ULs|upper limbs?|upper extremit(?:y|ies)|grip|hand grip)\b/i;
const LOWER_LIMB_SITE = /\b(?:legs?|LL|LLs|lower limbs?|lower extremit(?:y|ies)|knees?|hips?|ankles?|thighs?|quads?|quadriceps|calf|calves|core|trunk|generali[sz]ed|all limbs|global(?:ly)?)\b/i;
const CLAUSE_BREAK = /[.;!?\n\r]/;
const WEAKNESS = /^(?:muscle )?weak(?:ness)?$/i;

/** The clause of the notes around [start, end): from the last clause break before it to the next one after. */
function clauseAround(notes: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !CLAUSE_BREAK.test(notes.charAt(from - 1))) from--;
  let to = end;
  while (to < notes.length && !CLAUSE_BREAK.test(notes.charAt(to))) to++;
  return notes.slice(from, to);
}

/** Weakness written of the hand or upper limb, and of no lower-limb or general site, in its clause. */
function upperLimbOnly(notes: string, start: number, end: number): boolean {
  if (!WEAKNESS.test(notes.slice(start, end))) return false;
  const clause = clauseAround(notes, start, end);
  return UPPER_LIMB_SITE.test(clause) && !LOWER_LIMB_SITE.test(clause);
}

type Side = Exclude<Discipline, "SHARED">;

export function triage(input: TriageInput): TriageResult {
  const evidenceByRule: (Evidence[] | undefined)[] = new Array<Evidence[] | undefined>(RULES.length);
  // A rule is current once a code or a mention outside a historical context ("hx of") matched it.
  const current = new Uint8Array(RULES.length);
  // A rule is explicit once a code matched it or an affirmation stood in a mention's segment ("can't walk far").
  const explicit = new Uint8Array(RULES.length);
  const record = (rule: number, evidence: Evidence, historical = false, affirmed = false): void => {
    const list = evidenceByRule[rule];
    if (list) list.push(evidence);
    else evidenceByRule[rule] = [evidence];
    if (!historical) current[rule] = 1;
    if (affirmed) explicit[rule] = 1;
  };
  const sides: Record<Side, { functional: number; diagnosis: number; pastDiagnosis: number; context: number; denied: boolean }> = {
    OT: { functional: 0, diagnosis: 0, pastDiagnosis: 0, context: 0, denied: false },
    PT: { functional: 0, diagnosis: 0, pastDiagnosis: 0, context: 0, denied: false },
  };

  let coded = false;
  // Catalogue order, each code once, so the order and repeats of the input never matter.
  const needs = input.needs;
  if (needs && needs.length > 0) {
    for (const code of NEED_CODES) {
      if (!needs.includes(code)) continue;
      for (const rule of RULES_BY_NEED.get(code) ?? []) record(rule, { kind: "NEED", code }, false, true);
      coded = true;
    }
  }
  const conditions = input.conditions;
  if (conditions && conditions.length > 0) {
    for (const code of CONDITION_CODES) {
      if (!conditions.includes(code)) continue;
      for (const rule of RULES_BY_CONDITION.get(code) ?? []) record(rule, { kind: "CONDITION", code });
      coded = true;
    }
  }
  let upperLimbWeakness: { evidence: Evidence; historical: boolean }[] | undefined;
  const notes = input.notes;
  if (typeof notes === "string" && notes.length > 0) {
    NOTES_MATCHER.scan(
      notes,
      (rule, start, end, historical, affirmed) => {
        const evidence: Evidence = { kind: "NOTES", start, end, text: notes.slice(start, end) };
        if (rule === STRENGTH && upperLimbOnly(notes, start, end)) {
          (upperLimbWeakness ??= []).push({ evidence, historical });
        } else record(rule, evidence, historical, affirmed);
      },
      (rule) => {
        if (rule === OTHER_PROBLEMS) sides.OT.denied = sides.PT.denied = true;
        const negated = RULES[rule];
        if (negated?.kind === "FUNCTION" && negated.supports !== "SHARED") sides[negated.supports].denied = true;
      },
    );
  }

  // Upper-limb weakness is a problem of hand use by itself (explicit, as weakness is for strength), unless the
  // note names a current injury: then it is that injury's recovery ("sprained my wrist ... grip is weak").
  if (upperLimbWeakness) {
    const injured = RULES.some((rule, index) => rule.kind === "INJURY" && current[index] === 1);
    for (const { evidence, historical } of upperLimbWeakness) {
      record(injured ? STRENGTH : HAND_FUNCTION, evidence, historical, true);
    }
    // Keep codes first, then note spans in text order.
    const list = evidenceByRule[HAND_FUNCTION];
    if (list) list.sort((a, b) => (a.kind === "NOTES" ? a.start : -1) - (b.kind === "NOTES" ? b.start : -1));
  }

  const sports = evidenceByRule[NAMED_SPORTS];
  if (sports && current[NAMED_SPORTS] === 1 && current[INJURY_WORDS] === 1) {
    for (const evidence of sports) record(SPORTS_INJURIES, evidence);
  }

  let shared = 0;
  // Per side, for the need test (hasNeed in policy.ts): direct functional rules with a current mention or a
  // code, whether one of them is explicit, and whether any functional rule is current.
  const needEvidence: Record<Side, { direct: number; explicit: boolean; current: boolean }> = {
    OT: { direct: 0, explicit: false, current: false },
    PT: { direct: 0, explicit: false, current: false },
  };
  const matchedRules: MatchedRule[] = [];
  for (let index = 0; index < RULES.length; index++) {
    const evidence = evidenceByRule[index];
    const rule = RULES[index];
    if (!evidence || !rule) continue;
    const functional = rule.kind === "FUNCTION" || (rule.kind === "INJURY" && current[index] === 1);
    if (rule.supports !== "SHARED" && functional && current[index] === 1) {
      const need = needEvidence[rule.supports];
      need.current = true;
      if (rule.weight >= CLEAR_EVIDENCE_SCORE) {
        need.direct++;
        // A current injury is an injury-recovery need: explicit like a problem.
        if (explicit[index] === 1 || rule.kind === "INJURY") need.explicit = true;
      }
    }
    if (rule.supports === "SHARED") shared += rule.weight;
    else if (rule.kind === "FUNCTION") sides[rule.supports].functional += rule.weight;
    else if (rule.kind === "CONTEXT") sides[rule.supports].context += rule.weight;
    // An injury to recover from is a need; one mentioned only as history weighs as a past diagnosis.
    else if (rule.kind === "INJURY" && current[index] === 1) sides[rule.supports].functional += rule.weight;
    else if (current[index] === 1) sides[rule.supports].diagnosis += rule.weight;
    else sides[rule.supports].pastDiagnosis += rule.weight;
    matchedRules.push({
      ruleId: rule.id,
      supports: rule.supports,
      weight: rule.weight,
      distinction: rule.distinction,
      source: rule.source,
      evidence,
    });
  }

  // A side's functional evidence is a need only as hasNeed says. Function only past, on a side the notes deny
  // ("Hx of falls 2019, none since; walks independently"), is context.
  for (const side of ["OT", "PT"] as const) {
    const own = sides[side];
    if (own.functional > 0 && own.denied && !needEvidence[side].current) {
      own.context += own.functional;
      own.functional = 0;
    }
  }
  // Object literals, not spreads: this runs on every classification.
  const ot = needEvidence.OT;
  const pt = needEvidence.PT;
  const sideNeeds: Record<Side, boolean> = {
    OT: hasNeed({ direct: ot.direct, explicit: ot.explicit, current: ot.current, denied: sides.OT.denied }),
    PT: hasNeed({ direct: pt.direct, explicit: pt.explicit, current: pt.current, denied: sides.PT.denied }),
  };

  // Diagnoses without function of their side are clear evidence unless the referral names no functional
  // problem (and logs no code) yet denies one on either side ("Hx stroke; walks independently, no pain").
  const functionNamed = coded || sides.OT.functional > 0 || sides.PT.functional > 0;
  const diagnosesDecide = functionNamed || (!sides.OT.denied && !sides.PT.denied);
  const scores: TriageScores = {
    OT: sideScore(sides.OT, diagnosesDecide),
    PT: sideScore(sides.PT, diagnosesDecide),
    SHARED: shared,
  };
  const decision = decide(scores, sideNeeds, { OT: sides.OT.functional > 0, PT: sides.PT.functional > 0 });
  return {
    recommendation: decision.recommendation,
    scores,
    confidence: decision.confidence,
    reason: decision.reason,
    decisionSource: decision.recommendation === "NEEDS_ASSESSMENT" ? NEEDS_ASSESSMENT_SOURCE : null,
    matchedRules,
    rulesetVersion: RULESET_VERSION,
  };
}
