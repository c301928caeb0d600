import { triage } from "@/lib/triage";
import { experimentFindings } from "@/lib/triage/engine";
import { RULES } from "@/lib/triage/rules";
for (const notes of process.argv.slice(2)) {
  const r = triage({ notes });
  console.log(r.recommendation, "|", notes, "\n   ", experimentFindings.map((f) => `${RULES[f.rule]?.id ?? f.rule}:${f.assertion}${f.explicit || f.problem ? "!" : ""}[${f.start >= 0 ? notes.slice(f.start, f.end) : ""}]`).join(" "));
}
