/**
 * The learned part of the decision: a multinomial logistic regression over
 * what the rules read in a referral (findings with their assertions, per rule
 * and per side, and the rule policy's own answer), trained on the tuning notes
 * by scripts/triage-train.ts (`npm run triage:train`), weights in model.json.
 *
 * It only chooses: among assess first and the sides that have present
 * findings (a side with none is masked out before the softmax), so every
 * recommendation still rests on findings whose rules cite the seed. Its
 * probability of the answer, scaled by the temperature calibrated on the
 * tuning notes held out set by set, is the confidence shown.
 *
 * Written here rather than taken from a library: inference is a sparse dot
 * product over a few dozen active features (a library would add a dependency
 * and allocation to a path that runs on every keystroke of the preview), and
 * training (scripts/triage-train.ts) is full-batch gradient descent that must
 * be exactly reproducible from the committed data.
 */
import { RECOMMENDATIONS, type Recommendation } from "./policy";
import { RULES, type EvidenceKind } from "./rules";
import MODEL from "./model.json";

/** Model classes, in the order of the weight rows. */
export const CLASSES: readonly Recommendation[] = ["NEEDS_ASSESSMENT", "OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY", "BOTH"];

/** How a finding reads for the model: present and naming a problem, present as a bare activity or support, or why it is set aside. */
export const FINDING_STATES = [
  "PRESENT_PROBLEM",
  "PRESENT_ACTIVITY",
  "PRESENT_SUPPORTING",
  "HISTORICAL",
  "ABSENT",
  "NORMAL",
  "RESOLVED",
  "HYPOTHETICAL",
  "SOMEONE_ELSE",
] as const;
export type FindingState = (typeof FINDING_STATES)[number];

const KINDS: readonly EvidenceKind[] = ["FUNCTION", "INJURY", "DIAGNOSIS", "CONTEXT"];
const SIDES = ["OT", "PT"] as const;
type Side = (typeof SIDES)[number];

/** What the rule layer read in one referral, as the model takes it (engine.ts builds it). */
export interface RuleReading {
  /** Per finding: the rule's index in RULES and its state. */
  readonly findingRules: Int32Array;
  readonly findingStates: Uint8Array;
  readonly findingCount: number;
  /** The rule policy's own answer (policy.ts decide): an input, not the decision. */
  readonly ruleRecommendation: Recommendation;
  readonly sides: Readonly<
    Record<Side, { finished: boolean; denied: boolean; need: boolean; direct: number; explicit: boolean; score: number }>
  >;
  readonly sharedScore: number;
  /** How often the notes say what is needed is unclear ("not sure", "no idea what would help"). */
  readonly uncertainCues: number;
  readonly notesLength: number;
}

function featureNamesFor(): string[] {
  const names = ["bias", ...RECOMMENDATIONS.map((recommendation) => `rule=${recommendation}`)];
  for (const side of SIDES) {
    for (const kind of KINDS) {
      for (const state of FINDING_STATES) names.push(`${side}:${kind}:${state}`, `${side}:${kind}:${state}:log`);
    }
    for (const rule of RULES) {
      if (rule.supports !== side) continue;
      for (const state of FINDING_STATES) names.push(`${side}:rule:${rule.id}:${state}`);
    }
    names.push(`${side}:finished`, `${side}:denied`, `${side}:need`, `${side}:direct`, `${side}:explicit`, `${side}:score`);
  }
  names.push("shared", "uncertain", "uncertain:log", "length");
  return names;
}

/** Every feature the model knows, in weight-column order; derived from the rules, so a new rule is a new column. */
export const FEATURE_NAMES: readonly string[] = featureNamesFor();
const INDEX = new Map(FEATURE_NAMES.map((name, index) => [name, index]));

function indexOf(name: string): number {
  const index = INDEX.get(name);
  if (index === undefined) throw new Error(`triage model: no feature ${name}`);
  return index;
}

const STATE_COUNT = FINDING_STATES.length;
/** Column of a side's kind-and-state aggregate: [side][kind][state] → index of the indicator (the log count is next). */
const AGGREGATE = SIDES.map((side) => KINDS.map((kind) => FINDING_STATES.map((state) => indexOf(`${side}:${kind}:${state}`))));
/** Column of a rule's state indicator, [rule * STATE_COUNT + state]; -1 for shared rules. */
const RULE_COLUMN = new Int32Array(RULES.length * STATE_COUNT).fill(-1);
RULES.forEach((rule, r) => {
  if (rule.supports === "SHARED") return;
  FINDING_STATES.forEach((state, s) => (RULE_COLUMN[r * STATE_COUNT + s] = indexOf(`${rule.supports}:rule:${rule.id}:${state}`)));
});
const KIND_INDEX: Readonly<Record<EvidenceKind, number>> = { FUNCTION: 0, INJURY: 1, DIAGNOSIS: 2, CONTEXT: 3 };
const BIAS = indexOf("bias");
const RULE_RECOMMENDATION = RECOMMENDATIONS.map((recommendation) => indexOf(`rule=${recommendation}`));
const SIDE_COLUMNS = SIDES.map((side) => ({
  finished: indexOf(`${side}:finished`),
  denied: indexOf(`${side}:denied`),
  need: indexOf(`${side}:need`),
  direct: indexOf(`${side}:direct`),
  explicit: indexOf(`${side}:explicit`),
  score: indexOf(`${side}:score`),
}));
const SHARED = indexOf("shared");
const UNCERTAIN = indexOf("uncertain");
const UNCERTAIN_LOG = UNCERTAIN + 1;
const LENGTH = indexOf("length");

/** A sparse feature vector: `count` pairs of column and value, in module buffers reused by every call. */
export interface Features {
  readonly columns: Int32Array;
  readonly values: Float64Array;
  readonly count: number;
}

const dense = new Float64Array(FEATURE_NAMES.length);
const touched = new Int32Array(FEATURE_NAMES.length);
const aggregateCounts = new Int32Array(SIDES.length * KINDS.length * STATE_COUNT);
const columns = new Int32Array(FEATURE_NAMES.length);
const values = new Float64Array(FEATURE_NAMES.length);

/** The model's input for one reading. The returned buffers are overwritten by the next call. */
export function encode(reading: RuleReading): Features {
  let touchedCount = 0;
  const set = (column: number, value: number): void => {
    if (value === 0) return;
    if (dense[column] === 0) touched[touchedCount++] = column;
    dense[column] = value;
  };
  aggregateCounts.fill(0);
  for (let f = 0; f < reading.findingCount; f++) {
    const r = reading.findingRules[f] ?? 0;
    const rule = RULES[r];
    if (!rule || rule.supports === "SHARED") continue;
    const state = reading.findingStates[f] ?? 0;
    const side = rule.supports === "OT" ? 0 : 1;
    const slot = (side * KINDS.length + KIND_INDEX[rule.kind]) * STATE_COUNT + state;
    aggregateCounts[slot] = (aggregateCounts[slot] ?? 0) + 1;
    set(RULE_COLUMN[r * STATE_COUNT + state] ?? 0, 1);
  }
  for (let side = 0; side < SIDES.length; side++) {
    for (let kind = 0; kind < KINDS.length; kind++) {
      for (let state = 0; state < STATE_COUNT; state++) {
        const count = aggregateCounts[(side * KINDS.length + kind) * STATE_COUNT + state] ?? 0;
        if (count === 0) continue;
        const column = AGGREGATE[side]?.[kind]?.[state] ?? 0;
        set(column, 1);
        set(column + 1, Math.log1p(count));
      }
    }
  }
  set(BIAS, 1);
  set(RULE_RECOMMENDATION[RECOMMENDATIONS.indexOf(reading.ruleRecommendation)] ?? 0, 1);
  SIDES.forEach((side, s) => {
    const columnsOf = SIDE_COLUMNS[s];
    const own = reading.sides[side];
    if (!columnsOf) return;
    set(columnsOf.finished, own.finished ? 1 : 0);
    set(columnsOf.denied, own.denied ? 1 : 0);
    set(columnsOf.need, own.need ? 1 : 0);
    set(columnsOf.direct, Math.log1p(own.direct));
    set(columnsOf.explicit, own.explicit ? 1 : 0);
    set(columnsOf.score, Math.log1p(own.score));
  });
  set(SHARED, reading.sharedScore > 0 ? 1 : 0);
  set(UNCERTAIN, reading.uncertainCues > 0 ? 1 : 0);
  set(UNCERTAIN_LOG, Math.log1p(reading.uncertainCues));
  set(LENGTH, Math.log1p(reading.notesLength) / 5);
  for (let k = 0; k < touchedCount; k++) {
    const column = touched[k] ?? 0;
    columns[k] = column;
    values[k] = dense[column] ?? 0;
    dense[column] = 0;
  }
  return { columns, values, count: touchedCount };
}

/** The committed model: weights per class over FEATURE_NAMES, and the calibration temperature. */
export interface TriageModel {
  readonly features: readonly string[];
  readonly weights: readonly ArrayLike<number>[];
  readonly temperature: number;
}

/** Raw scores (logits) per class for a feature vector. */
export function logits(model: Pick<TriageModel, "weights">, features: Features, out: Float64Array): Float64Array {
  for (let c = 0; c < CLASSES.length; c++) {
    const row = model.weights[c] ?? [];
    let sum = 0;
    for (let k = 0; k < features.count; k++) sum += (row[features.columns[k] ?? 0] ?? 0) * (features.values[k] ?? 0);
    out[c] = sum;
  }
  return out;
}

/** Softmax over the allowed classes only, with a temperature; disallowed classes get probability 0. */
export function maskedSoftmax(scores: Float64Array, allowed: readonly boolean[], temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < CLASSES.length; c++) if (allowed[c] && (scores[c] ?? 0) / temperature > max) max = (scores[c] ?? 0) / temperature;
  let total = 0;
  for (let c = 0; c < CLASSES.length; c++) {
    const e = allowed[c] ? Math.exp((scores[c] ?? 0) / temperature - max) : 0;
    out[c] = e;
    total += e;
  }
  for (let c = 0; c < CLASSES.length; c++) out[c] = (out[c] ?? 0) / total;
  return out;
}

function checkedModel(model: TriageModel): TriageModel {
  const stale = model.features.length !== FEATURE_NAMES.length || model.features.some((name, i) => name !== FEATURE_NAMES[i]);
  if (stale) {
    throw new Error("lib/triage/model.json was trained on other features than the rules give now: run npm run triage:train");
  }
  return model;
}

let committed: TriageModel | undefined;

/** The committed model, checked against the features on first use (the trainer encodes without it). */
export function triageModel(): TriageModel {
  committed ??= checkedModel(MODEL as TriageModel);
  return committed;
}

const scoreBuffer = new Float64Array(CLASSES.length);
const probabilityBuffer = new Float64Array(CLASSES.length);

/** The committed model's probability per class (CLASSES order) for a reading; the buffer is reused. */
export function classify(reading: RuleReading, allowed: readonly boolean[]): Float64Array {
  const model = triageModel();
  return maskedSoftmax(logits(model, encode(reading), scoreBuffer), allowed, model.temperature, probabilityBuffer);
}
