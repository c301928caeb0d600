/**
 * Trains the learned part of the triage decision (lib/triage/learned.ts) on
 * the tuning notes and writes lib/triage/model.json: reproducibly (full-batch
 * gradient descent from zero weights, no randomness), offline, in well under
 * five minutes on two cores.
 *
 * 1. Every note of every tuning set (tests/triage-tuning, through the only
 *    loader of them), and every written unit case (tests/unit/triage: short
 *    notes and logged codes, which the blind sets rarely have; one more set,
 *    "written-cases"), is read by the rules exactly as triage() reads it
 *    (readForModel) and encoded.
 * 2. Leave one set out: for each set, a model trained on the others scores it.
 *    These held-out answers give the cross-validated agreement per set and the
 *    temperature that calibrates the confidence (the one minimising their
 *    negative log-likelihood), with the expected calibration error.
 * 3. The model trained on every set is written with the temperature, the
 *    feature names, and what it was trained on (each set's sha256), which
 *    tests/unit/triage/model.test.ts checks against the sets in the tree.
 *
 * Run: npm run triage:train            (writes lib/triage/model.json)
 *      npm run triage:train -- --check (trains and compares with the committed model; exit 1 if it differs)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLASSES, encode, FEATURE_NAMES, logits, maskedSoftmax } from "@/lib/triage/learned";
import { EPOCHS, L2, LEARNING_RATE, train, type Example } from "./support/triage-training";
import { readForModel } from "@/lib/triage/engine";
import { RULESET_VERSION } from "@/lib/triage";
import { sha256Of } from "./support/triage-evaluation";
import { agreementByBand, expectedCalibrationError } from "./support/triage-protocol";
import { loadTuningSets } from "./support/triage-sets";
import { TRIAGE_CASES, type TriageCase } from "@/tests/unit/triage/cases";
import { FUNCTIONAL_CASES } from "@/tests/unit/triage/functional-cases";
import { TUNING_FAILURE_CASES } from "@/tests/unit/triage/tuning-failure-cases";

const MODEL_FILE = join(process.cwd(), "lib", "triage", "model.json");

const started = Date.now();
const noteSets = loadTuningSets();
const writtenCases: readonly TriageCase[] = [...TRIAGE_CASES, ...FUNCTIONAL_CASES, ...TUNING_FAILURE_CASES];
const sets = [
  ...noteSets.map((set) => ({ name: set.name, inputs: set.cases.map((note) => ({ input: { notes: note.notes }, expected: note.expected })) })),
  { name: "written-cases", inputs: writtenCases.map((triageCase) => ({ input: triageCase, expected: triageCase.expected.recommendation })) },
];
const examples: Example[] = [];
for (const set of sets) {
  for (const { input, expected } of set.inputs) {
    const { reading, allowed } = readForModel(input);
    const features = encode(reading);
    examples.push({
      set: set.name,
      columns: features.columns.slice(0, features.count),
      values: features.values.slice(0, features.count),
      allowed: [...allowed],
      label: CLASSES.indexOf(expected),
    });
  }
}
console.log(`read ${examples.length} notes of ${sets.length} tuning sets (${FEATURE_NAMES.length} features) in ${Date.now() - started} ms`);

// Leave one set out: held-out scores for every note.
const heldOut = examples.map(() => new Float64Array(CLASSES.length));
const perSet: { set: string; notes: number; agreed: number }[] = [];
for (const set of sets) {
  const weights = train(examples.filter((example) => example.set !== set.name));
  let agreed = 0;
  let notes = 0;
  examples.forEach((example, i) => {
    if (example.set !== set.name) return;
    const scores = logits({ weights }, { columns: example.columns, values: example.values, count: example.columns.length }, heldOut[i] as Float64Array);
    const probabilities = maskedSoftmax(scores, example.allowed, 1, new Float64Array(CLASSES.length));
    if (argmax(probabilities) === example.label) agreed++;
    notes++;
  });
  perSet.push({ set: set.name, notes, agreed });
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if ((values[c] ?? 0) > (values[best] ?? 0)) best = c;
  return best;
}

function calibration(temperature: number): { nll: number; confidences: number[]; correct: boolean[] } {
  let nll = 0;
  const confidences: number[] = [];
  const correct: boolean[] = [];
  examples.forEach((example, i) => {
    const probabilities = maskedSoftmax(heldOut[i] as Float64Array, example.allowed, temperature, new Float64Array(CLASSES.length));
    nll -= Math.log(Math.max(probabilities[example.label] ?? 0, 1e-12));
    const answer = argmax(probabilities);
    confidences.push(probabilities[answer] ?? 0);
    correct.push(answer === example.label);
  });
  return { nll: nll / examples.length, confidences, correct };
}

let temperature = 1;
let bestNll = Infinity;
for (let t = 0.5; t <= 3.0001; t += 0.05) {
  const { nll } = calibration(t);
  if (nll < bestNll) {
    bestNll = nll;
    temperature = Math.round(t * 100) / 100;
  }
}
const calibrated = calibration(temperature);
const ece = expectedCalibrationError(calibrated.confidences, calibrated.correct);
const bands = agreementByBand(calibrated.confidences, calibrated.correct);
const agreed = perSet.reduce((sum, set) => sum + set.agreed, 0);

const weights = train(examples);
const model = {
  about:
    "The learned part of the triage decision (lib/triage/learned.ts), written by npm run triage:train; do not edit by hand.",
  rulesetVersion: RULESET_VERSION,
  trainedOn: [
    ...noteSets.map((set) => ({ set: set.name, sha256: sha256Of(set.file), notes: set.cases.length })),
    { set: "written-cases", notes: writtenCases.length },
  ],
  hyperparameters: { epochs: EPOCHS, learningRate: LEARNING_RATE, l2: L2 },
  crossValidation: {
    method: "leave one tuning set out",
    agreed,
    notes: examples.length,
    perSet,
    expectedCalibrationError: Math.round(ece * 10000) / 10000,
    bands,
  },
  temperature,
  features: FEATURE_NAMES,
  weights: weights.map((row) => [...row].map((weight) => Math.round(weight * 1e6) / 1e6)),
};

for (const set of perSet) console.log(`  ${set.set.padEnd(24)} ${set.agreed}/${set.notes} (${((set.agreed / set.notes) * 100).toFixed(1)}%) held out`);
console.log(`leave one set out: ${agreed}/${examples.length} (${((agreed / examples.length) * 100).toFixed(1)}%)`);
console.log(`temperature ${temperature}; expected calibration error ${(ece * 100).toFixed(2)}%`);
for (const band of bands) {
  console.log(`  confidence ${band.from.toFixed(2)}–${band.to.toFixed(2)}: ${band.agreed}/${band.answers} agree`);
}

const written = `${JSON.stringify(model)}\n`;
if (process.argv.includes("--check")) {
  const committed = readFileSync(MODEL_FILE, "utf8");
  const same = JSON.stringify(JSON.parse(committed).weights) === JSON.stringify(model.weights) && JSON.parse(committed).temperature === temperature;
  console.log(same ? "the committed model is what this training gives" : "the committed model differs from this training: run npm run triage:train");
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(MODEL_FILE, written);
  console.log(`wrote ${MODEL_FILE} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
