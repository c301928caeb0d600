/**
 * How often the engine agrees with careful readers, set by set (lib/triage/README.md has the protocol):
 * 1. the written unit cases (tests/unit/triage), every disagreement printed;
 * 2. each tuning set in tests/triage-tuning/*.json: agreement and confusion counts, and with --details every
 *    disagreement with its reason (they are tuned on);
 * 3. each evaluation set in tests/triage-evaluation/*.json, scored once by construction
 *    (scripts/support/triage-evaluation.ts): a set with no recorded run and no note paraphrasing a tuning note is
 *    scored now and its run appended to tests/triage-evaluation/runs.jsonl; a set already run prints its recorded
 *    figures. The protocol's figures: agreement with the majority label, agreement where every rater agrees,
 *    Cohen's kappa against the majority, the raters' own agreement and kappa, the confusion matrix, agreement per
 *    confidence band and the expected calibration error. No note of an evaluation set is printed.
 * --record-tuning rewrites tests/unit/triage/tuning-figures.ts, the floor the regression test holds each tuning set to.
 * Exits 1 when the unit cases disagree or an evaluation set is refused.
 * Run: npm run triage:agreement [-- --details] [-- --record-tuning]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RECOMMENDATIONS, RULESET_VERSION, triage, type Recommendation } from "@/lib/triage";
import { TRIAGE_CASES, disagreements } from "@/tests/unit/triage/cases";
import { FUNCTIONAL_CASES } from "@/tests/unit/triage/functional-cases";
import { TUNING_FAILURE_CASES } from "@/tests/unit/triage/tuning-failure-cases";
import { recordedRuns, scoreEvaluationSetOnce, type EvaluationRun } from "./support/triage-evaluation";
import { confusionMatrix } from "./support/triage-protocol";
import { EVALUATION_FOLDER, loadTuningSets, setFiles, type NoteSet } from "./support/triage-sets";

const SHORT: Record<Recommendation, string> = {
  OCCUPATIONAL_THERAPY: "OT",
  PHYSIOTHERAPY: "PT",
  BOTH: "BOTH",
  NEEDS_ASSESSMENT: "ASSESS",
};

function percent(agreed: number, total: number): string {
  return total === 0 ? "n/a" : `${((agreed / total) * 100).toFixed(1)}%`;
}

function confusionText(matrix: ReadonlyMap<string, ReadonlyMap<string, number>> | Record<string, Record<string, number>>): string {
  const rows = matrix instanceof Map ? matrix : new Map(Object.entries(matrix).map(([key, row]) => [key, new Map(Object.entries(row))]));
  return RECOMMENDATIONS.filter((expected) => rows.has(expected))
    .map((expected) => {
      const row = rows.get(expected) as ReadonlyMap<string, number>;
      const counts = RECOMMENDATIONS.filter((got) => row.has(got)).map((got) => `${SHORT[got]} ${row.get(got) ?? 0}`);
      return `${SHORT[expected]}→{${counts.join(", ")}}`;
    })
    .join(" ");
}

const details = process.argv.includes("--details");
console.log(`ruleset ${RULESET_VERSION}`);

const unitCases = [...TRIAGE_CASES, ...FUNCTIONAL_CASES, ...TUNING_FAILURE_CASES];
let unitAgreed = 0;
const report: string[] = [];
for (const triageCase of unitCases) {
  const problems = disagreements(triageCase, triage(triageCase));
  if (problems.length === 0) unitAgreed++;
  else report.push(`  - ${triageCase.name}: ${problems.join("; ")}`);
}
console.log(
  `unit cases (${TRIAGE_CASES.length} written + ${FUNCTIONAL_CASES.length} functional + ` +
    `${TUNING_FAILURE_CASES.length} from the tuning sets' failure classes): ` +
    `${unitAgreed}/${unitCases.length} (${percent(unitAgreed, unitCases.length)})`,
);
if (report.length > 0) console.log(`  disagreements:\n${report.join("\n")}`);

/** A tuning set's agreement with its majority labels. */
function tuningAgreement(set: NoteSet): { agreed: number; total: number; misses: string[]; confusion: string } {
  const expected: Recommendation[] = [];
  const answers: Recommendation[] = [];
  const misses: string[] = [];
  for (const note of set.cases) {
    const result = triage({ notes: note.notes });
    expected.push(note.expected);
    answers.push(result.recommendation);
    if (result.recommendation === note.expected) continue;
    const findings = result.findings
      .map((finding) => `${finding.ruleId}:${finding.assertion}[${finding.evidence.kind === "NOTES" ? finding.evidence.text : finding.evidence.code}]`)
      .join(" ");
    misses.push(
      `  - ${note.id}: expected ${SHORT[note.expected]}, got ${SHORT[result.recommendation]} (confidence ${result.confidence})\n` +
        `    notes: ${note.notes}\n    reason: ${note.reason}\n    findings: ${findings || "none"}`,
    );
  }
  return {
    agreed: answers.filter((answer, i) => answer === expected[i]).length,
    total: set.cases.length,
    misses,
    confusion: confusionText(confusionMatrix(expected, answers)),
  };
}

const tuningSets = loadTuningSets();
const floors: Record<string, { agreed: number; total: number }> = {};
for (const set of tuningSets) {
  const { agreed, total, misses, confusion } = tuningAgreement(set);
  floors[set.name] = { agreed, total };
  console.log(`tuning set ${set.name}: ${agreed}/${total} (${percent(agreed, total)}); expected→got ${confusion}`);
  if (details && misses.length > 0) console.log(misses.join("\n"));
}

if (process.argv.includes("--record-tuning")) {
  const file = join(process.cwd(), "tests", "unit", "triage", "tuning-figures.ts");
  writeFileSync(
    file,
    `/**\n * The agreement each tuning set reached on ruleset ${RULESET_VERSION}, recorded by\n * \`npm run triage:agreement -- --record-tuning\`: tuning-regression.test.ts fails when a set drops below it.\n */\n` +
      `export const TUNING_FIGURES: Readonly<Record<string, { readonly agreed: number; readonly total: number }>> = ${JSON.stringify(floors, null, 2)};\n`,
  );
  console.log(`recorded the tuning figures in ${file}`);
}

function printRun(run: EvaluationRun, fresh: boolean): void {
  const raters = run.raters
    ? `raters agree on ${run.raters.agreed}/${run.raters.notes} (kappa ${run.raters.kappa.toFixed(3)})`
    : "one rater (the author)";
  console.log(
    `evaluation set ${run.set} (${fresh ? "scored now, recorded" : `recorded run of ${run.date}`}, ruleset ${run.ruleset}): ` +
      `${run.agreedWithMajority}/${run.withMajority} with the majority label (${percent(run.agreedWithMajority, run.withMajority)}), ` +
      `kappa ${Number.isFinite(run.kappa) ? run.kappa.toFixed(3) : "n/a"}; ` +
      `where every rater agrees ${run.agreedWhereRatersAgree}/${run.ratersAgreeing} (${percent(run.agreedWhereRatersAgree, run.ratersAgreeing)}), ` +
      `kappa ${Number.isFinite(run.kappaWhereRatersAgree) ? run.kappaWhereRatersAgree.toFixed(3) : "n/a"}; ${raters}`,
  );
  if (Object.keys(run.confusion).length > 0) console.log(`  majority→engine ${confusionText(run.confusion)}`);
  if (run.bands.length > 0) {
    console.log(
      `  by confidence: ${run.bands.map((band) => `${band.from.toFixed(2)}–${band.to.toFixed(2)} ${band.agreed}/${band.answers}`).join(", ")}; ` +
        `expected calibration error ${Number.isFinite(run.calibrationError) ? (run.calibrationError * 100).toFixed(2) : "n/a"}%`,
    );
  }
  if (run.note) console.log(`  ${run.note}`);
}

let refused = false;
const tuningNotes = tuningSets.flatMap((set) => set.cases);
const evaluationFiles = setFiles(EVALUATION_FOLDER);
if (evaluationFiles.length === 0) console.log("evaluation set (not tuned on): none present in tests/triage-evaluation/");
for (const file of evaluationFiles) {
  const outcome = scoreEvaluationSetOnce(file, tuningNotes);
  if (outcome.kind === "scored") printRun(outcome.run, true);
  else if (outcome.kind === "recorded") for (const run of outcome.runs) printRun(run, false);
  else {
    refused = true;
    console.log(
      `evaluation set ${file} refused: ${outcome.duplicates.length} notes paraphrase tuning notes (` +
        `${outcome.duplicates.map((duplicate) => `${duplicate.evaluationId} ~ ${duplicate.tuningId}`).join(", ")}); replace them before the one run`,
    );
  }
}

// Runs of sets that have since moved to the tuning sets: the history of blind figures.
const present = new Set(evaluationFiles.map((file) => file.replace(/\.json$/, "")));
const earlier = recordedRuns().filter((run) => !present.has(run.set));
if (earlier.length > 0) console.log(`earlier blind runs (sets since moved to tuning): ${earlier.length}`);
for (const run of earlier) printRun(run, false);

process.exitCode = unitAgreed === unitCases.length && !refused ? 0 : 1;
