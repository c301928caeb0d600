/**
 * Runs the written triage cases through the engine and reports how often it
 * agrees with them; exits 1 on any disagreement.
 * Run: npx tsx scripts/triage-agreement.ts
 */
import { RULESET_VERSION, triage } from "@/lib/triage";
import { TRIAGE_CASES, disagreements } from "@/tests/unit/triage/cases";

let agreed = 0;
const report: string[] = [];
for (const triageCase of TRIAGE_CASES) {
  const problems = disagreements(triageCase, triage(triageCase));
  if (problems.length === 0) agreed++;
  else report.push(`- ${triageCase.name}: ${problems.join("; ")}`);
}

const total = TRIAGE_CASES.length;
console.log(`ruleset ${RULESET_VERSION}`);
console.log(`agreement: ${agreed}/${total} (${((agreed / total) * 100).toFixed(1)}%)`);
if (report.length > 0) console.log(`disagreements:\n${report.join("\n")}`);
process.exitCode = agreed === total ? 0 : 1;
