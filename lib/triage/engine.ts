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
import { CLASSES, classify, FINDING_STATES, type FindingState, type RuleReading } from "./learned";
import { RULES, RULESET_VERSION, type Discipline, type EvidenceKind, type TriageRule } from "./rules";
import {
  compileNotesMatcher,
  OCCUPATIONAL_THERAPY_FINISHED,
  OTHER_PROBLEMS,
  PHYSIOTHERAPY_FINISHED,
  UNCERTAIN_NEED,
  type SetAsideAssertion,
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

/**
 * Whether a finding is the patient's present problem: PRESENT, or HISTORICAL (named as history: "hx of falls"),
 * or set aside as ABSENT, NORMAL, RESOLVED, HYPOTHETICAL (possible, feared, not yet examined) or SOMEONE_ELSE.
 */
export type Assertion = "PRESENT" | "HISTORICAL" | SetAsideAssertion;

/** A rule's match in the referral (a logged code or a span of the notes) and whether it is a present problem. */
export interface Finding {
  readonly ruleId: string;
  readonly supports: Discipline;
  readonly kind: EvidenceKind;
  readonly assertion: Assertion;
  /** It names a problem by itself ("pain", "falls"), stands with a difficulty ("can't dress") or is a logged need. */
  readonly problem: boolean;
  /** It carries the recommendation: present, on a recommended side (or, for assess first, the hint's condition). */
  readonly counted: boolean;
  readonly evidence: Evidence;
}

export interface TriageResult {
  readonly recommendation: Recommendation;
  readonly scores: TriageScores;
  /** The calibrated probability that the recommendation is right (agreement per band: lib/triage/README.md). */
  readonly confidence: number;
  readonly reason: string;
  /** The seed sentence behind a NEEDS_ASSESSMENT outcome; null when the matched rules carry the sources. */
  readonly decisionSource: SeedSentence | null;
  /** The rules whose present findings carry the recommendation (for assess first, the hint's), in ruleset order. */
  readonly matchedRules: readonly MatchedRule[];
  /** Every finding, present or set aside, codes first, then in the order of the notes. */
  readonly findings: readonly Finding[];
  /** For assess first: the discipline the seed associates with the conditions named, when that is all there is. */
  readonly hint: Exclude<Recommendation, "NEEDS_ASSESSMENT"> | null;
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

/** Findings of the classification being made (module buffers, like the rule state above). */
let findingRule = new Int32Array(64);
let findingState = new Uint8Array(64);
const findingAssertion: Assertion[] = [];
const findingEvidence: Evidence[] = [];
let findingProblem = new Uint8Array(64);
let findingCount = 0;
const STATE: Readonly<Record<FindingState, number>> = Object.fromEntries(FINDING_STATES.map((state, i) => [state, i])) as Record<
  FindingState,
  number
>;

function addFinding(rule: number, assertion: Assertion, evidence: Evidence, problem: boolean): void {
  if (findingCount >= findingRule.length) {
    const grownRule = new Int32Array(findingRule.length * 2);
    grownRule.set(findingRule);
    findingRule = grownRule;
    const grownState = new Uint8Array(findingState.length * 2);
    grownState.set(findingState);
    findingState = grownState;
    const grownProblem = new Uint8Array(findingProblem.length * 2);
    grownProblem.set(findingProblem);
    findingProblem = grownProblem;
  }
  const target = RULES[rule];
  let state: FindingState;
  if (assertion === "PRESENT") {
    const functional = target?.kind === "FUNCTION" || target?.kind === "INJURY";
    state = problem || !functional ? "PRESENT_PROBLEM" : (target?.weight ?? 0) >= CLEAR_EVIDENCE_SCORE ? "PRESENT_ACTIVITY" : "PRESENT_SUPPORTING";
    if (!problem && target?.kind === "CONTEXT") state = "PRESENT_SUPPORTING";
  } else {
    state = assertion;
  }
  findingRule[findingCount] = rule;
  findingState[findingCount] = STATE[state];
  findingProblem[findingCount] = problem ? 1 : 0;
  findingAssertion[findingCount] = assertion;
  findingEvidence[findingCount] = evidence;
  findingCount++;
}

const SIDE_OF: Readonly<Record<"OT" | "PT", Exclude<Recommendation, "NEEDS_ASSESSMENT">>> = {
  OT: "OCCUPATIONAL_THERAPY",
  PT: "PHYSIOTHERAPY",
};
const SIDE_NAMES: Readonly<Record<Side, string>> = { OT: "occupational therapy", PT: "physiotherapy" };
const WHY_SET_ASIDE: Readonly<Record<Exclude<Assertion, "PRESENT">, string>> = {
  HISTORICAL: "in the past",
  ABSENT: "denied",
  NORMAL: "normal",
  RESOLVED: "resolved",
  HYPOTHETICAL: "possible or feared, not present",
  SOMEONE_ELSE: "someone else's",
};

/** Whether a finding state is present: the patient's own problem now, not history ("hx of falls") and not set aside. */
function isPresent(state: number): boolean {
  return state <= STATE.PRESENT_SUPPORTING;
}

export function triage(input: TriageInput): TriageResult {
  const { reading, scores } = read(input);
  return decision(reading, input, scores);
}

/**
 * What the rules read in a referral, as the learned model takes it, and which answers it may choose (assess first,
 * and the sides with present findings). For the trainer (scripts/triage-train.ts): the same reading as triage()
 * makes. Its buffers are reused by the next call.
 */
export function readForModel(input: TriageInput): { reading: RuleReading; allowed: readonly boolean[] } {
  const { reading } = read(input);
  return { reading, allowed: allowedAnswers(reading) };
}

function read(input: TriageInput): { reading: RuleReading; scores: TriageScores } {
  findingCount = 0;
  let uncertainCues = 0;
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
        addFinding(rule, "PRESENT", { kind: "NEED", code }, true);
        codedRule[rule] = 1;
      }
      coded = true;
    }
  }
  const conditions = input.conditions;
  if (conditions && conditions.length > 0) {
    for (const code of CONDITION_CODES) {
      if (!conditions.includes(code)) continue;
      for (const rule of RULES_BY_CONDITION.get(code) ?? []) {
        record(rule, { kind: "CONDITION", code });
        addFinding(rule, "PRESENT", { kind: "CONDITION", code }, true);
      }
      coded = true;
    }
  }
  let upperLimbWeakness: { evidence: Evidence; historical: boolean; clause: number }[] | undefined;
  const notes = input.notes;
  if (typeof notes === "string" && notes.length > 0) {
    NOTES_MATCHER.scan(
      notes,
      (rule, start, end, historical, affirmed, clause, problem) => {
        const evidence: Evidence = { kind: "NOTES", start, end, text: notes.slice(start, end) };
        if (rule === STRENGTH && upperLimbOnly(notes, start, end)) {
          (upperLimbWeakness ??= []).push({ evidence, historical, clause });
        } else {
          record(rule, evidence, historical, affirmed, returnGoal(evidence.text));
          mention(rule, clause, historical, affirmed, problem);
          addFinding(rule, historical ? "HISTORICAL" : "PRESENT", evidence, affirmed || problem);
        }
      },
      (rule, start, end, assertion) => {
        if (rule === UNCERTAIN_NEED) {
          uncertainCues++;
          return;
        }
        if (rule >= 0) addFinding(rule, assertion, { kind: "NOTES", start, end, text: notes.slice(start, end) }, false);
        if (assertion === "HYPOTHETICAL" || assertion === "SOMEONE_ELSE") return;
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
      addFinding(injured ? STRENGTH : HAND_FUNCTION, historical ? "HISTORICAL" : "PRESENT", evidence, true);
    }
    // Keep codes first, then note spans in text order.
    const list = evidenceByRule[HAND_FUNCTION];
    if (list) list.sort((a, b) => (a.kind === "NOTES" ? a.start : -1) - (b.kind === "NOTES" ? b.start : -1));
  }

  const sports = evidenceByRule[NAMED_SPORTS];
  if (sports && current[NAMED_SPORTS] === 1 && current[INJURY_WORDS] === 1) {
    for (const evidence of sports) {
      record(SPORTS_INJURIES, evidence);
      addFinding(SPORTS_INJURIES, "PRESENT", evidence, true);
    }
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
  const ruleDecision = decide(scores, sideNeeds, { OT: sides.OT.functional > 0, PT: sides.PT.functional > 0 });
  const reading: RuleReading = {
    findingRules: findingRule,
    findingStates: findingState,
    findingCount,
    ruleRecommendation: ruleDecision.recommendation,
    sides: {
      OT: { finished: finished.OT, denied: sides.OT.denied, need: sideNeeds.OT, direct: ot.direct, explicit: ot.explicit, score: scores.OT },
      PT: { finished: finished.PT, denied: sides.PT.denied, need: sideNeeds.PT, direct: pt.direct, explicit: pt.explicit, score: scores.PT },
    },
    sharedScore: shared,
    uncertainCues,
    notesLength: typeof notes === "string" ? notes.length : 0,
  };
  return { reading, scores };
}

/** The sides with a present finding that is a function, an injury or a condition (not context alone), and codes. */
function presentSides(): { present: Record<Side, boolean>; coded: Record<Side, boolean>; diagnosed: Record<Side, boolean> } {
  const present = { OT: false, PT: false };
  const coded = { OT: false, PT: false };
  const diagnosed = { OT: false, PT: false };
  for (let f = 0; f < findingCount; f++) {
    const rule = RULES[findingRule[f] ?? 0];
    if (!rule || rule.supports === "SHARED" || !isPresent(findingState[f] ?? 0) || rule.kind === "CONTEXT") continue;
    if (findingEvidence[f]?.kind === "NEED") coded[rule.supports] = true;
    // A condition alone is no present problem (assess first, decided December 2026): it names the hint.
    if (rule.kind === "DIAGNOSIS") diagnosed[rule.supports] = true;
    else present[rule.supports] = true;
  }
  return { present, coded, diagnosed };
}

/**
 * The answers the model may choose: assess first, and the sides with a present finding, except a discipline the notes
 * say has finished or is already involved ("known to OT", "physio signed him off"), unless a need code asks for it.
 */
function allowedAnswers(reading: RuleReading): boolean[] {
  const { present, coded } = presentSides();
  const ot = present.OT && (!reading.sides.OT.finished || coded.OT);
  const pt = present.PT && (!reading.sides.PT.finished || coded.PT);
  return [true, ot, pt, ot && pt];
}

function recommendationOf(ot: boolean, pt: boolean): Recommendation {
  return ot && pt ? "BOTH" : ot ? "OCCUPATIONAL_THERAPY" : pt ? "PHYSIOTHERAPY" : "NEEDS_ASSESSMENT";
}

/**
 * The decision: the learned model chooses among assess first and the sides with present findings; a side with a
 * logged need code is always included (the referrer's own statement of a need); a referral of condition codes
 * alone, with no notes, is assessed first (decided December 2026: a condition with nothing about its effect now).
 */
function decision(reading: RuleReading, input: TriageInput, scores: TriageScores): TriageResult {
  const { coded, diagnosed } = presentSides();
  const allowed = allowedAnswers(reading);
  const probabilities = classify(reading, allowed);
  let best = 0;
  for (let c = 1; c < CLASSES.length; c++) if ((probabilities[c] ?? 0) > (probabilities[best] ?? 0)) best = c;
  let recommendation = CLASSES[best] ?? "NEEDS_ASSESSMENT";
  const notesGiven = typeof input.notes === "string" && input.notes.trim() !== "";
  if (!notesGiven && !coded.OT && !coded.PT) recommendation = "NEEDS_ASSESSMENT";
  if (coded.OT || coded.PT) {
    const chosen = recommendation;
    recommendation = recommendationOf(
      coded.OT || chosen === "OCCUPATIONAL_THERAPY" || chosen === "BOTH",
      coded.PT || chosen === "PHYSIOTHERAPY" || chosen === "BOTH",
    );
  }
  const confidence = Math.round((probabilities[CLASSES.indexOf(recommendation)] ?? 0) * 100) / 100;
  const recommended: Record<Side, boolean> = {
    OT: recommendation === "OCCUPATIONAL_THERAPY" || recommendation === "BOTH",
    PT: recommendation === "PHYSIOTHERAPY" || recommendation === "BOTH",
  };
  const hint = recommendation === "NEEDS_ASSESSMENT" ? hintOf(diagnosed) : null;
  const counts = (f: number): boolean => {
    const rule = RULES[findingRule[f] ?? 0];
    if (!rule || rule.supports === "SHARED" || !isPresent(findingState[f] ?? 0)) return false;
    if (recommended[rule.supports]) return true;
    return hint !== null && rule.kind === "DIAGNOSIS" && (hint === "BOTH" || hint === SIDE_OF[rule.supports]);
  };
  const findings: Finding[] = [];
  const cited = new Map<number, Evidence[]>();
  for (let f = 0; f < findingCount; f++) {
    const index = findingRule[f] ?? 0;
    const rule = RULES[index];
    const evidence = findingEvidence[f];
    if (!rule || !evidence) continue;
    const counted = counts(f);
    findings.push({
      ruleId: rule.id,
      supports: rule.supports,
      kind: rule.kind,
      assertion: findingAssertion[f] ?? "PRESENT",
      problem: findingProblem[f] === 1,
      counted,
      evidence,
    });
    if (counted) {
      const list = cited.get(index);
      if (list) list.push(evidence);
      else cited.set(index, [evidence]);
    }
  }
  const matchedRules: MatchedRule[] = [...cited.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const rule = RULES[index] as TriageRule;
      return {
        ruleId: rule.id,
        supports: rule.supports,
        weight: rule.weight,
        distinction: rule.distinction,
        source: rule.source,
        evidence: sortedEvidence(cited.get(index) ?? []),
      };
    });
  return {
    recommendation,
    scores,
    confidence,
    reason: reasonFor(recommendation, matchedRules, findings, hint, reading.uncertainCues, coded),
    decisionSource: recommendation === "NEEDS_ASSESSMENT" ? NEEDS_ASSESSMENT_SOURCE : null,
    matchedRules,
    findings,
    hint,
    rulesetVersion: RULESET_VERSION,
  };
}

/** Codes first (catalogue order, as recorded), then note spans in text order. */
function sortedEvidence(evidence: readonly Evidence[]): Evidence[] {
  return [...evidence].sort((a, b) => (a.kind === "NOTES" ? a.start : -1) - (b.kind === "NOTES" ? b.start : -1));
}

function hintOf(diagnosed: Readonly<Record<Side, boolean>>): TriageResult["hint"] {
  return diagnosed.OT && diagnosed.PT ? "BOTH" : diagnosed.OT ? "OCCUPATIONAL_THERAPY" : diagnosed.PT ? "PHYSIOTHERAPY" : null;
}

function listed(words: readonly string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? "";
  return `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1] ?? ""}`;
}

function spanText(evidence: Evidence): string {
  return evidence.kind === "NOTES" ? `“${evidence.text}”` : evidence.kind === "NEED" ? "a logged need" : "a logged condition";
}

/** One or two sentences in the clinic's words: what carries the answer, and what was set aside. */
function reasonFor(
  recommendation: Recommendation,
  matchedRules: readonly MatchedRule[],
  findings: readonly Finding[],
  hint: TriageResult["hint"],
  uncertainCues: number,
  coded: Readonly<Record<Side, boolean>>,
): string {
  const setAside = findings.filter((finding) => finding.assertion !== "PRESENT" && finding.supports !== "SHARED");
  const asideText =
    setAside.length === 0
      ? ""
      : ` Set aside: ${listed(setAside.slice(0, 4).map((finding) => `${spanText(finding.evidence)} (${WHY_SET_ASIDE[finding.assertion as Exclude<Assertion, "PRESENT">]})`))}${setAside.length > 4 ? ", and more" : ""}.`;
  if (recommendation === "NEEDS_ASSESSMENT") {
    const why =
      uncertainCues > 0
        ? "The notes say it is not yet clear what the patient needs"
        : hint !== null
          ? "A condition is named with nothing about how it affects the patient now"
          : findings.some((finding) => finding.assertion === "PRESENT" && finding.supports !== "SHARED")
            ? "What the notes name does not show which therapy the patient needs now"
            : "No present problem for either discipline";
    const hinted = hint === null ? "" : ` The seed associates it with ${hint === "BOTH" ? "both disciplines" : SIDE_NAMES[hint === "OCCUPATIONAL_THERAPY" ? "OT" : "PT"]}.`;
    return `${why}; a professional should assess which therapy is best.${hinted}${asideText}`;
  }
  const sideText = (side: Side): string => {
    const rules = matchedRules.filter((rule) => rule.supports === side);
    return `${SIDE_NAMES[side]}, in the seed's words: ${listed(rules.map((rule) => rule.distinction))}`;
  };
  const logged = coded.OT || coded.PT ? " Needs the referrer logged always count." : "";
  if (recommendation === "BOTH") return `Present problems for both disciplines. For ${sideText("OT")}. For ${sideText("PT")}.${logged}${asideText}`;
  const side: Side = recommendation === "OCCUPATIONAL_THERAPY" ? "OT" : "PT";
  return `Present problems for ${sideText(side)}.${logged}${asideText}`;
}
