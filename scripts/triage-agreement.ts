/**
 * How often the engine agrees with expected answers, set by set:
 * 1. the tuning set: the written unit cases (tests/unit/triage/cases.ts and
 *    functional-cases.ts), every disagreement printed in detail;
 * 2. each evaluation set present in tests/triage-evaluation/*.json (an array
 *    of { id, style, notes, expected, reason }), which the rules were not
 *    tuned on: one line of agreement and a confusion count per expected
 *    answer, no per-case detail unless --details is given (for use after the
 *    final figures only, so the sets are not tuned on).
 * Exits 1 only when the tuning set disagrees.
 * Run: npx tsx scripts/triage-agreement.ts [--details]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RECOMMENDATIONS, RULESET_VERSION, triage, type Recommendation } from "@/lib/triage";
import { TRIAGE_CASES, disagreements } from "@/tests/unit/triage/cases";
import { FUNCTIONAL_CASES } from "@/tests/unit/triage/functional-cases";

const EVALUATION_FOLDER = join(process.cwd(), "tests", "triage-evaluation");
const details = process.argv.includes("--details");

function percent(agreed: number, total: number): string {
  return total === 0 ? "n/a" : `${((agreed / total) * 100).toFixed(1)}%`;
}

console.log(`ruleset ${RULESET_VERSION}`);

const tuningCases = [...TRIAGE_CASES, ...FUNCTIONAL_CASES];
let tuningAgreed = 0;
const report: string[] = [];
for (const triageCase of tuningCases) {
  const problems = disagreements(triageCase, triage(triageCase));
  if (problems.length === 0) tuningAgreed++;
  else report.push(`  - ${triageCase.name}: ${problems.join("; ")}`);
}
console.log(
  `tuning set (unit cases, ${TRIAGE_CASES.length} written + ${FUNCTIONAL_CASES.length} functional): ` +
    `${tuningAgreed}/${tuningCases.length} (${percent(tuningAgreed, tuningCases.length)})`,
);
if (report.length > 0) console.log(`  disagreements:\n${report.join("\n")}`);

interface EvaluationCase {
  readonly id: string;
  readonly notes: string;
  readonly expected: Recommendation;
}

function isEvaluationCase(value: unknown): value is EvaluationCase {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.notes === "string" &&
    typeof record.expected === "string" &&
    (RECOMMENDATIONS as readonly string[]).includes(record.expected)
  );
}

const files = existsSync(EVALUATION_FOLDER)
  ? readdirSync(EVALUATION_FOLDER)
      .filter((file) => file.endsWith(".json"))
      .sort()
  : [];
if (files.length === 0) console.log("evaluation set (not tuned on): none present in tests/triage-evaluation/");

const SHORT: Record<Recommendation, string> = {
  OCCUPATIONAL_THERAPY: "OT",
  PHYSIOTHERAPY: "PT",
  BOTH: "BOTH",
  NEEDS_ASSESSMENT: "ASSESS",
};

for (const file of files) {
  const parsed: unknown = JSON.parse(readFileSync(join(EVALUATION_FOLDER, file), "utf8"));
  const cases = Array.isArray(parsed) ? parsed.filter(isEvaluationCase) : [];
  const confusion = new Map<Recommendation, Map<Recommendation, number>>();
  const misses: string[] = [];
  let agreed = 0;
  for (const evaluationCase of cases) {
    const got = triage({ notes: evaluationCase.notes }).recommendation;
    const row = confusion.get(evaluationCase.expected) ?? new Map<Recommendation, number>();
    row.set(got, (row.get(got) ?? 0) + 1);
    confusion.set(evaluationCase.expected, row);
    if (got === evaluationCase.expected) agreed++;
    else misses.push(`  - ${evaluationCase.id}: expected ${evaluationCase.expected}, got ${got}`);
  }
  const rows = RECOMMENDATIONS.filter((expected) => confusion.has(expected)).map((expected) => {
    const row = confusion.get(expected) ?? new Map<Recommendation, number>();
    const counts = RECOMMENDATIONS.filter((got) => row.has(got)).map((got) => `${SHORT[got]} ${row.get(got) ?? 0}`);
    return `${SHORT[expected]}→{${counts.join(", ")}}`;
  });
  console.log(
    `evaluation set (not tuned on) ${file}: ${agreed}/${cases.length} (${percent(agreed, cases.length)}); ` +
      `expected→got ${rows.join(" ")}`,
  );
  if (details && misses.length > 0) console.log(misses.join("\n"));
}

process.exitCode = tuningAgreed === tuningCases.length ? 0 : 1;
