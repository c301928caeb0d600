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
import {
  compileNotesMatcher,
  OCCUPATIONAL_THERAPY_FINISHED,
  OTHER_PROBLEMS,
  PHYSIOTHERAPY_FINISHED,
  UNCERTAIN_NEED,
} from "./text";

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
const WEAKNESS = /^(?:muscle )?weak(?:ness)?$/i;

/** Whether a character ends a clause: . ; ! ? or a line break. */
function isClauseBreak(c: number): boolean {
  return c === 46 || c === 59 || c === 33 || c === 63 || c === 10 || c === 13;
}

/** The clause of the notes around [start, end): from the last clause break before it to the next one after. */
function clauseAround(notes: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !isClauseBreak(notes.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < notes.length && !isClauseBreak(notes.charCodeAt(to))) to++;
  return notes.slice(from, to);
}

/** Weakness written of the hand or upper limb, and of no lower-limb or general site, in its clause. */
function upperLimbOnly(notes: string, start: number, end: number): boolean {
  if (!WEAKNESS.test(notes.slice(start, end))) return false;
  const clause = clauseAround(notes, start, end);
  return UPPER_LIMB_SITE.test(clause) && !LOWER_LIMB_SITE.test(clause);
}

type Side = Exclude<Discipline, "SHARED">;

const OT_BIT = 1;
const PT_BIT = 2;

/**
 * Mentions of the notes, for the need test: rule, clause, and flags (historical, explicit, a problem by
 * itself). Module buffers, grown as needed, so a classification allocates little.
 */
let mentionRule = new Int32Array(64);
let mentionClause = new Int32Array(64);
let mentionFlags = new Uint8Array(64);
const HISTORICAL = 1;
const EXPLICIT = 2;
const PROBLEM = 4;
/** Per clause, which sides have a problem (a phrase naming one) and which an activity there, and how many mentions. */
let clauseProblems = new Uint8Array(64);
let clauseActivities = new Uint8Array(64);
let clauseOtMentions = new Uint16Array(64);
let clausePtMentions = new Uint16Array(64);

function growMentions(): void {
  const grow = <T extends Int32Array | Uint8Array>(array: T, make: (size: number) => T): T => {
    const next = make(array.length * 2);
    next.set(array);
    return next;
  };
  mentionRule = grow(mentionRule, (size) => new Int32Array(size));
  mentionClause = grow(mentionClause, (size) => new Int32Array(size));
  mentionFlags = grow(mentionFlags, (size) => new Uint8Array(size));
}

/**
 * Per rule, for the classification being made (module buffers, cleared at its start, so a classification
 * allocates little; triage() is synchronous and never re-entered): its evidence; whether it is current (a code
 * or a mention outside a historical context, "hx of", matched it); explicit (a code matched it or an affirmation
 * stood in a mention's segment, "can't walk far"); matched by a logged code (its need stands whatever the notes
 * say); and the need test's copies of current and explicit that consequences() rewrites.
 */
const evidenceByRule: (Evidence[] | undefined)[] = new Array<Evidence[] | undefined>(RULES.length);
const current = new Uint8Array(RULES.length);
const explicit = new Uint8Array(RULES.length);
const codedRule = new Uint8Array(RULES.length);
/** A rule has a mention or code that is no bare return goal (see RETURN_GOAL). */
const beyondGoal = new Uint8Array(RULES.length);
const consequenceCurrent = new Uint8Array(RULES.length);
const consequenceExplicit = new Uint8Array(RULES.length);
const recounted = new Uint8Array(RULES.length);
/** How many mentions and clauses the notes being read have. */
let mentions = 0;
let clauses = 0;

/**
 * Consequence notes: on a side the notes deny, a mention that shares its clause with the other side's direct
 * evidence, one of them naming a problem (pain, stiffness, breathlessness) and the other an activity, and that
 * side no more mentioned there than the other, describes the other side's problem, not a need of its own: "breathless when washing and dressing" beside "mobilising
 * independently" is occupational therapy, "knee stiff, can't bend it to get in the car" beside "managing
 * everything at home" physiotherapy. Returns the rules' current and explicit flags for the need test with such
 * mentions left out; logged codes, and rules matched only by a named sport beside an injury word, keep theirs.
 * Scores do not change.
 */
function consequences(consequent: Readonly<Record<Side, boolean>>): { needCurrent: Uint8Array; needExplicit: Uint8Array } {
  if ((!consequent.OT && !consequent.PT) || clauses < 1) return { needCurrent: current, needExplicit: explicit };
  if (clauseProblems.length < clauses) {
    clauseProblems = new Uint8Array(clauses * 2);
    clauseActivities = new Uint8Array(clauses * 2);
    clauseOtMentions = new Uint16Array(clauses * 2);
    clausePtMentions = new Uint16Array(clauses * 2);
  }
  clauseProblems.fill(0, 0, clauses);
  clauseActivities.fill(0, 0, clauses);
  clauseOtMentions.fill(0, 0, clauses);
  clausePtMentions.fill(0, 0, clauses);
  let sideBits = 0;
  for (let m = 0; m < mentions; m++) {
    const rule = RULES[mentionRule[m] ?? 0];
    const flags = mentionFlags[m] ?? 0;
    if (!rule || (flags & HISTORICAL) !== 0 || rule.supports === "SHARED" || rule.weight < CLEAR_EVIDENCE_SCORE) continue;
    if (rule.kind !== "FUNCTION" && rule.kind !== "INJURY") continue;
    const bit = rule.supports === "OT" ? OT_BIT : PT_BIT;
    const clause = mentionClause[m] ?? 0;
    if ((flags & PROBLEM) !== 0 || rule.kind === "INJURY") clauseProblems[clause] = (clauseProblems[clause] ?? 0) | bit;
    else clauseActivities[clause] = (clauseActivities[clause] ?? 0) | bit;
    if (bit === OT_BIT) clauseOtMentions[clause] = (clauseOtMentions[clause] ?? 0) + 1;
    else clausePtMentions[clause] = (clausePtMentions[clause] ?? 0) + 1;
    sideBits |= bit;
  }
  if (sideBits !== (OT_BIT | PT_BIT)) return { needCurrent: current, needExplicit: explicit };
  const needCurrent = consequenceCurrent;
  const needExplicit = consequenceExplicit;
  needCurrent.set(current);
  needExplicit.set(explicit);
  // Rules of a denied side with mentions: their flags come from the mentions that are no consequence.
  const recount = recounted;
  recount.fill(0);
  for (let m = 0; m < mentions; m++) {
    const index = mentionRule[m] ?? 0;
    const rule = RULES[index];
    if (!rule || rule.supports === "SHARED" || !consequent[rule.supports] || codedRule[index] === 1) continue;
    if (recount[index] === 0) {
      recount[index] = 1;
      needCurrent[index] = needExplicit[index] = 0;
    }
    const flags = mentionFlags[m] ?? 0;
    const bit = rule.supports === "OT" ? OT_BIT : PT_BIT;
    const other = bit ^ (OT_BIT | PT_BIT);
    const clause = mentionClause[m] ?? 0;
    const problem = (flags & PROBLEM) !== 0 || rule.kind === "INJURY";
    const own = bit === OT_BIT ? clauseOtMentions[clause] ?? 0 : clausePtMentions[clause] ?? 0;
    const others = bit === OT_BIT ? clausePtMentions[clause] ?? 0 : clauseOtMentions[clause] ?? 0;
    const paired = problem
      ? ((clauseActivities[clause] ?? 0) & other) !== 0
      : ((clauseProblems[clause] ?? 0) & other) !== 0;
    const consequence = paired && own <= others;
    if (consequence || (flags & HISTORICAL) !== 0) continue;
    needCurrent[index] = 1;
    if ((flags & EXPLICIT) !== 0) needExplicit[index] = 1;
  }
  return { needCurrent, needExplicit };
}

function record(rule: number, evidence: Evidence, historical = false, affirmed = false, goal = false): void {
  const list = evidenceByRule[rule];
  if (list) list.push(evidence);
  else evidenceByRule[rule] = [evidence];
  if (!historical) current[rule] = 1;
  if (affirmed) explicit[rule] = 1;
  if (!goal || affirmed) beyondGoal[rule] = 1;
}

/**
 * A return to an activity the person wants ("keen to get back to work", "return-to-sport planning") is the
 * outcome hoped for, not a difficulty: beside the other side's problem it is what treating that problem
 * achieves. A mention of it is a need of its side only when affirmed ("unable to return to work").
 */
const RETURN_GOAL = /^(?:back|return(?:ing)?)[\s-]+to\b/i;

function returnGoal(text: string): boolean {
  const first = text.charCodeAt(0) | 32;
  return (first === 98 || first === 114) && RETURN_GOAL.test(text);
}

function mention(rule: number, clause: number, historical: boolean, affirmed: boolean, problem: boolean): void {
  if (mentions >= mentionRule.length) growMentions();
  mentionRule[mentions] = rule;
  mentionClause[mentions] = clause;
  mentionFlags[mentions] = (historical ? HISTORICAL : 0) | (affirmed ? EXPLICIT : 0) | (problem ? PROBLEM : 0);
  mentions++;
  if (clause >= clauses) clauses = clause + 1;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export let experimentInternals: any = null;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const experimentFindings: any[] = [];

export function triage(input: TriageInput): TriageResult {
  experimentFindings.length = 0;
  evidenceByRule.fill(undefined);
  current.fill(0);
  explicit.fill(0);
  codedRule.fill(0);
  beyondGoal.fill(0);
  mentions = 0;
  clauses = 0;
  const finished = { OT: false, PT: false };
  // A side's own function denied or its discipline finished, as against every problem denied ("otherwise well").
  const deniedOwn = { OT: false, PT: false };
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
      for (const rule of RULES_BY_NEED.get(code) ?? []) {
        record(rule, { kind: "NEED", code }, false, true);
        codedRule[rule] = 1;
      }
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
  let upperLimbWeakness: { evidence: Evidence; historical: boolean; clause: number }[] | undefined;
  const notes = input.notes;
  if (typeof notes === "string" && notes.length > 0) {
    NOTES_MATCHER.scan(
      notes,
      (rule, start, end, historical, affirmed, clause, problem) => {
        experimentFindings.push({ rule, start, end, assertion: historical ? "HISTORICAL" : "PRESENT", explicit: affirmed, problem });
        const evidence: Evidence = { kind: "NOTES", start, end, text: notes.slice(start, end) };
        if (rule === STRENGTH && upperLimbOnly(notes, start, end)) {
          (upperLimbWeakness ??= []).push({ evidence, historical, clause });
        } else {
          record(rule, evidence, historical, affirmed, returnGoal(evidence.text));
          mention(rule, clause, historical, affirmed, problem);
        }
      },
      (rule, start, end, assertion) => {
        experimentFindings.push({ rule, start, end, assertion, explicit: false, problem: false });
        if (assertion === "HYPOTHETICAL" || assertion === "SOMEONE_ELSE" || rule === UNCERTAIN_NEED) return;
        if (rule === OTHER_PROBLEMS) sides.OT.denied = sides.PT.denied = true;
        // A discipline finished, or already involved: the referral is for what is left ("no further PT input").
        if (rule === PHYSIOTHERAPY_FINISHED) finished.PT = deniedOwn.PT = sides.PT.denied = true;
        if (rule === OCCUPATIONAL_THERAPY_FINISHED) finished.OT = deniedOwn.OT = sides.OT.denied = true;
        const negated = RULES[rule];
        if (negated?.kind === "FUNCTION" && negated.supports !== "SHARED") {
          sides[negated.supports].denied = deniedOwn[negated.supports] = true;
        }
      },
    );
  }

  // Upper-limb weakness is a problem of hand use by itself (explicit, as weakness is for strength), unless the
  // note names a current injury: then it is that injury's recovery ("sprained my wrist ... grip is weak").
  if (upperLimbWeakness) {
    const injured = RULES.some((rule, index) => rule.kind === "INJURY" && current[index] === 1);
    for (const { evidence, historical, clause } of upperLimbWeakness) {
      record(injured ? STRENGTH : HAND_FUNCTION, evidence, historical, true);
      mention(injured ? STRENGTH : HAND_FUNCTION, clause, historical, true, true);
    }
    // Keep codes first, then note spans in text order.
    const list = evidenceByRule[HAND_FUNCTION];
    if (list) list.sort((a, b) => (a.kind === "NOTES" ? a.start : -1) - (b.kind === "NOTES" ? b.start : -1));
  }

  const sports = evidenceByRule[NAMED_SPORTS];
  if (sports && current[NAMED_SPORTS] === 1 && current[INJURY_WORDS] === 1) {
    for (const evidence of sports) record(SPORTS_INJURIES, evidence);
  }

  // The side whose words can be a consequence of the other's problem: one the notes deny, and, when they deny
  // every problem ("manages everything at home"), not the other side if only its own function is denied.
  const consequent: Record<Side, boolean> = {
    OT: deniedOwn.OT || (sides.OT.denied && !deniedOwn.PT),
    PT: deniedOwn.PT || (sides.PT.denied && !deniedOwn.OT),
  };
  const { needCurrent, needExplicit } = consequences(consequent);

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
      if (rule.weight >= CLEAR_EVIDENCE_SCORE && needCurrent[index] === 1 && beyondGoal[index] === 1) {
        need.direct++;
        // A current injury is an injury-recovery need: explicit like a problem.
        if (needExplicit[index] === 1 || rule.kind === "INJURY") need.explicit = true;
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
  // A discipline the notes say has finished or is already involved has no need of its own: the referral is for
  // the other side ("gait and balance WNL, no further PT input; muddled with money and cooking").
  const sideNeeds: Record<Side, boolean> = {
    OT: !finished.OT && hasNeed({ direct: ot.direct, explicit: ot.explicit, current: ot.current, denied: sides.OT.denied }),
    PT: !finished.PT && hasNeed({ direct: pt.direct, explicit: pt.explicit, current: pt.current, denied: sides.PT.denied }),
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
  experimentInternals = { sides, needEvidence, finished, coded, sideNeeds, shared };
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
