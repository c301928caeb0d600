/**
 * How often the engine agrees with expected answers, set by set:
 * 1. the unit cases (tests/unit/triage/cases.ts, functional-cases.ts and
 *    tuning-failure-cases.ts),
 *    every disagreement printed in detail;
 * 2. each tuning set in tests/triage-tuning/*.json (an array of
 *    { id, style, notes, expected, reason }): notes written blind that have
 *    since been reported as evaluation figures once and are now tuned on,
 *    so every disagreement is printed with its reason;
 * 3. each evaluation set in tests/triage-evaluation/*.json (same shape),
 *    never tuned on: one line of agreement and a confusion count per
 *    expected answer, no per-case detail, so the sets stay blind.
 * Exits 1 only when the unit cases disagree.
 * Run: npx tsx scripts/triage-agreement.ts
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RECOMMENDATIONS, RULESET_VERSION, triage, type Recommendation } from "@/lib/triage";
import { TRIAGE_CASES, disagreements } from "@/tests/unit/triage/cases";
import { FUNCTIONAL_CASES } from "@/tests/unit/triage/functional-cases";
import { TUNING_FAILURE_CASES } from "@/tests/unit/triage/tuning-failure-cases";

const TUNING_FOLDER = join(process.cwd(), "tests", "triage-tuning");
const EVALUATION_FOLDER = join(process.cwd(), "tests", "triage-evaluation");

function percent(agreed: number, total: number): string {
  return total === 0 ? "n/a" : `${((agreed / total) * 100).toFixed(1)}%`;
}

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

interface NoteCase {
  readonly id: string;
  readonly notes: string;
  readonly expected: Recommendation;
  readonly reason?: string;
}

function isNoteCase(value: unknown): value is NoteCase {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.notes === "string" &&
    typeof record.expected === "string" &&
    (RECOMMENDATIONS as readonly string[]).includes(record.expected)
  );
}

function jsonFiles(folder: string): string[] {
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((file) => file.endsWith(".json"))
        .sort()
    : [];
}

const SHORT: Record<Recommendation, string> = {
  OCCUPATIONAL_THERAPY: "OT",
  PHYSIOTHERAPY: "PT",
  BOTH: "BOTH",
  NEEDS_ASSESSMENT: "ASSESS",
};

function printSet(label: string, folder: string, file: string, withDetails: boolean): void {
  const parsed: unknown = JSON.parse(readFileSync(join(folder, file), "utf8"));
  const cases = Array.isArray(parsed) ? parsed.filter(isNoteCase) : [];
  const confusion = new Map<Recommendation, Map<Recommendation, number>>();
  const misses: string[] = [];
  let agreed = 0;
  for (const noteCase of cases) {
    const result = triage({ notes: noteCase.notes });
    const got = result.recommendation;
    const row = confusion.get(noteCase.expected) ?? new Map<Recommendation, number>();
    row.set(got, (row.get(got) ?? 0) + 1);
    confusion.set(noteCase.expected, row);
    if (got === noteCase.expected) {
      agreed++;
      continue;
    }
    const matched = result.matchedRules
      .map((rule) => {
        const spans = rule.evidence.map((evidence) => (evidence.kind === "NOTES" ? evidence.text : evidence.code));
        return `${rule.ruleId}(${rule.weight})[${spans.join("|")}]`;
      })
      .join(" ");
    misses.push(
      `  - ${noteCase.id}: expected ${SHORT[noteCase.expected]}, got ${SHORT[got]} ` +
        `(OT ${result.scores.OT}, PT ${result.scores.PT})\n` +
        `    notes: ${noteCase.notes}\n` +
        (noteCase.reason === undefined ? "" : `    reason: ${noteCase.reason}\n`) +
        `    matched: ${matched || "nothing"}`,
    );
  }
  const rows = RECOMMENDATIONS.filter((expected) => confusion.has(expected)).map((expected) => {
    const row = confusion.get(expected) ?? new Map<Recommendation, number>();
    const counts = RECOMMENDATIONS.filter((got) => row.has(got)).map((got) => `${SHORT[got]} ${row.get(got) ?? 0}`);
    return `${SHORT[expected]}→{${counts.join(", ")}}`;
  });
  console.log(
    `${label} ${file}: ${agreed}/${cases.length} (${percent(agreed, cases.length)}); ` +
      `expected→got ${rows.join(" ")}`,
  );
  if (withDetails && misses.length > 0) console.log(misses.join("\n"));
}

const tuningFiles = jsonFiles(TUNING_FOLDER);
if (tuningFiles.length === 0) console.log("tuning set: none present in tests/triage-tuning/");
for (const file of tuningFiles) printSet("tuning set", TUNING_FOLDER, file, true);

const evaluationFiles = jsonFiles(EVALUATION_FOLDER);
if (evaluationFiles.length === 0) console.log("evaluation set (not tuned on): none present in tests/triage-evaluation/");
for (const file of evaluationFiles) printSet("evaluation set (not tuned on)", EVALUATION_FOLDER, file, false);

process.exitCode = unitAgreed === unitCases.length ? 0 : 1;
