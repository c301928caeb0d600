import { readFileSync } from "node:fs";
import { triage } from "@/lib/triage";
const file = process.argv[2]!; const only = process.argv[3];
const notes = JSON.parse(readFileSync(file, "utf8")) as { id: string; notes: string; expected: string; reason: string }[];
for (const n of notes) { const r = triage({ notes: n.notes }); if (r.recommendation === n.expected) continue; if (only && n.expected !== only) continue;
 console.log(`- ${n.id} exp ${n.expected} got ${r.recommendation} (OT ${r.scores.OT} PT ${r.scores.PT})\n  ${n.notes}\n  reason: ${n.reason}\n  matched: ${r.matchedRules.map(m => m.ruleId + "[" + m.evidence.map(e => e.kind === "NOTES" ? e.text : e.code).join("|") + "]").join(" ")}`); }
