import { readFileSync, readdirSync } from "node:fs";
import { triage } from "@/lib/triage";
import { experimentInternals } from "@/lib/triage/engine";
type Note = { id: string; notes: string; expected: string; reason: string };
const files = [...readdirSync("tests/triage-tuning").map(f => "tests/triage-tuning/" + f), ...process.argv.slice(2)];
function variant(r: ReturnType<typeof triage>): string {
  const x = experimentInternals;
  const need = (side: "OT" | "PT") => !x.finished[side] && x.needEvidence[side].direct > 0 && (x.needEvidence[side].explicit);
  const ot = need("OT"), pt = need("PT");
  if (ot && pt) return "BOTH"; if (ot) return "OCCUPATIONAL_THERAPY"; if (pt) return "PHYSIOTHERAPY"; return "NEEDS_ASSESSMENT";
}
let tot = 0, okOld = 0, okNew = 0;
for (const f of files) {
  const notes = JSON.parse(readFileSync(f, "utf8")) as Note[];
  let a = 0, b = 0; const conf: Record<string, Record<string, number>> = {};
  for (const n of notes) { const r = triage({ notes: n.notes }); const v = variant(r); if (r.recommendation === n.expected) a++; if (v === n.expected) b++; (conf[n.expected] ??= {})[v] = (conf[n.expected]![v] ?? 0) + 1;
    if (process.env.SHOW && v !== n.expected && f.includes(process.env.SHOW)) console.log(`- ${n.id} exp ${n.expected} got ${v}\n  ${n.notes}`); }
  tot += notes.length; okOld += a; okNew += b;
  console.log(f.split("/").pop(), notes.length, "old", (a / notes.length * 100).toFixed(1), "new", (b / notes.length * 100).toFixed(1), JSON.stringify(conf));
}
console.log("total", tot, "old", (okOld / tot * 100).toFixed(1), "new", (okNew / tot * 100).toFixed(1));
