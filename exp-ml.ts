import { readFileSync, readdirSync } from "node:fs";
import { triage } from "@/lib/triage";
import { experimentFindings, experimentInternals } from "@/lib/triage/engine";
import { RULES } from "@/lib/triage/rules";
import { stemmer } from "stemmer";

type Note = { id: string; notes: string; expected: string };
const CLASSES = ["NEEDS_ASSESSMENT", "OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY", "BOTH"] as const;
const files = readdirSync("tests/triage-tuning").map((f) => "tests/triage-tuning/" + f);
const sets = files.map((f) => ({ name: f.split("/").pop()!, notes: JSON.parse(readFileSync(f, "utf8")) as Note[] }));

const USE_NGRAMS = process.env.NGRAMS === "1";
const USE_RULES = process.env.RULEFEATS !== "0";
const HASH = 1 << 12;

function hash(s: string): number { let h = 2166136261; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } return (h >>> 0) % HASH; }

interface Example { x: Map<number, number>; y: number; allowed: boolean[]; old: number; set: string; id: string }

const featureNames: string[] = [];
const featureIndex = new Map<string, number>();
function fi(name: string): number { let i = featureIndex.get(name); if (i === undefined) { i = featureNames.length; featureNames.push(name); featureIndex.set(name, i); } return i; }
const NGRAM_BASE = 100000;

function features(notes: string): { x: Map<number, number>; allowed: boolean[]; old: number } {
  const r = triage({ notes });
  const x = new Map<number, number>();
  const add = (name: string, v = 1) => { if (v !== 0) { const i = fi(name); x.set(i, (x.get(i) ?? 0) + v); } };
  add("bias");
  const old = CLASSES.indexOf(r.recommendation as (typeof CLASSES)[number]);
  add("old=" + r.recommendation);
  const it = experimentInternals;
  const present = { OT: 0, PT: 0 };
  for (const side of ["OT", "PT"] as const) {
    const c: Record<string, number> = {};
    for (const f of experimentFindings) {
      const rule = RULES[f.rule];
      if (!rule || rule.supports !== side) continue;
      const kind = rule.kind;
      let key = `${f.assertion}:${kind}`;
      if (f.assertion === "PRESENT" && (kind === "FUNCTION" || kind === "INJURY")) key += f.explicit || f.problem ? ":prob" : rule.weight >= 2 ? ":act" : ":sup";
      c[key] = (c[key] ?? 0) + 1;
      if (f.assertion === "PRESENT" && (kind === "FUNCTION" || kind === "INJURY" || (process.env.DXMASK && kind === "DIAGNOSIS"))) present[side]++;
      if (USE_RULES) add(`${side}:rule:${rule.id}:${f.assertion === "PRESENT" ? (f.explicit || f.problem ? "P" : "A") : f.assertion}`);
      if (process.env.CTX && f.assertion === "PRESENT" && f.start >= 0 && (kind === "FUNCTION" || kind === "INJURY")) {
        let a = f.start, b = f.end; const W = Number(process.env.CTX);
        // widen to W words each side within the clause
        let k = 0; while (a > 0 && k < W) { a--; if (/[.;!?\n]/.test(notes[a]!)) { a++; break; } if (notes[a] === " " ) k++; }
        k = 0; while (b < notes.length && k < W) { if (/[.;!?\n]/.test(notes[b]!)) break; if (notes[b] === " ") k++; b++; }
        const ctx = new Set((notes.slice(a, f.start) + " " + notes.slice(f.end, b)).toLowerCase().match(/[a-z]+/g) ?? []);
        for (const w of ctx) { const key = `${side}:ctx:${stemmer(w)}`; const i = fi(key); x.set(i, 1); }
      }
    }
    for (const [k, v] of Object.entries(c)) { add(`${side}:${k}`, 1); add(`${side}:${k}:log`, Math.log1p(v)); }
    add(`${side}:finished`, it.finished[side] ? 1 : 0);
    add(`${side}:denied`, it.sides[side].denied ? 1 : 0);
    add(`${side}:need`, it.sideNeeds[side] ? 1 : 0);
    add(`${side}:direct`, Math.log1p(it.needEvidence[side].direct));
    add(`${side}:explicit`, it.needEvidence[side].explicit ? 1 : 0);
    add(`${side}:score`, Math.log1p(r.scores[side]));
  }
  add("shared", r.scores.SHARED > 0 ? 1 : 0);
  const uncertain = experimentFindings.filter((f) => f.rule === -4).length;
  add("uncertain", uncertain > 0 ? 1 : 0); add("uncertain:log", Math.log1p(uncertain));
  if (process.env.DXMASK) { for (const f of experimentFindings) { const rule = RULES[f.rule]; if (rule && rule.supports !== "SHARED" && f.assertion === "PRESENT" && rule.kind === "DIAGNOSIS") present[rule.supports as "OT" | "PT"] += 0; } }
  add("len", Math.log1p(notes.length) / 5);
  if (USE_NGRAMS) {
    const words = notes.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    const stems = words.map((w) => stemmer(w));
    for (let i = 0; i < stems.length; i++) {
      x.set(NGRAM_BASE + hash("u:" + stems[i]), 1);
      if (i + 1 < stems.length) x.set(NGRAM_BASE + hash("b:" + stems[i] + " " + stems[i + 1]), 1);
    }
  }
  const allowed = [true, present.OT > 0, present.PT > 0, present.OT > 0 && present.PT > 0];
  return { x, allowed, old };
}

const examples: Example[] = [];
const noteText = new Map<string, string>();
const noteFindings = new Map<string, string>();
for (const set of sets) for (const n of set.notes) {
  const f = features(n.notes);
  noteText.set(n.id, n.notes);
  noteFindings.set(n.id, experimentFindings.map((f) => { const r = RULES[f.rule]; return `${r ? r.id : f.rule}:${f.assertion}${f.explicit||f.problem?'!':''}[${f.start>=0?n.notes.slice(f.start,f.end):''}]`; }).join(' '));
  examples.push({ ...f, y: CLASSES.indexOf(n.expected as (typeof CLASSES)[number]), set: set.name, id: n.id });
}
const allowedGold = examples.filter((e) => e.allowed[e.y]).length;
console.log("examples", examples.length, "features", featureNames.length, "gold allowed", (allowedGold / examples.length * 100).toFixed(1));

function dim(): number { return USE_NGRAMS ? NGRAM_BASE + HASH : featureNames.length; }

function train(data: Example[], l2: number, epochs: number): Float64Array[] {
  const D = dim();
  const W = CLASSES.map(() => new Float64Array(D));
  const m = CLASSES.map(() => new Float64Array(D));
  const v = CLASSES.map(() => new Float64Array(D));
  const lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const G = CLASSES.map(() => new Float64Array(D));
    for (const e of data) {
      const logits = CLASSES.map((_, c) => { if (!e.allowed[c]) return -Infinity; let s = 0; for (const [i, val] of e.x) s += W[c]![i]! * val; return s; });
      const max = Math.max(...logits);
      const exps = logits.map((l) => (l === -Infinity ? 0 : Math.exp(l - max)));
      const Z = exps.reduce((a, b) => a + b, 0);
      for (let c = 0; c < CLASSES.length; c++) {
        if (!e.allowed[c]) continue;
        const g = exps[c]! / Z - (c === e.y ? 1 : 0);
        for (const [i, val] of e.x) G[c]![i]! += g * val;
      }
    }
    t++;
    for (let c = 0; c < CLASSES.length; c++) for (let i = 0; i < D; i++) {
      const g = G[c]![i]! / data.length + l2 * W[c]![i]!;
      if (g === 0 && W[c]![i] === 0) continue;
      m[c]![i] = b1 * m[c]![i]! + (1 - b1) * g; v[c]![i] = b2 * v[c]![i]! + (1 - b2) * g * g;
      const mh = m[c]![i]! / (1 - b1 ** t), vh = v[c]![i]! / (1 - b2 ** t);
      W[c]![i]! -= lr * mh / (Math.sqrt(vh) + eps);
    }
  }
  return W;
}
function predict(W: Float64Array[], e: Example): { c: number; p: number } {
  const logits = CLASSES.map((_, c) => { if (!e.allowed[c]) return -Infinity; let s = 0; for (const [i, val] of e.x) s += W[c]![i]! * val; return s; });
  const max = Math.max(...logits); const exps = logits.map((l) => (l === -Infinity ? 0 : Math.exp(l - max))); const Z = exps.reduce((a, b) => a + b, 0);
  let best = 0; for (let c = 1; c < 4; c++) if (exps[c]! > exps[best]!) best = c;
  return { c: best, p: exps[best]! / Z };
}

const l2 = Number(process.env.L2 ?? "0.001"), epochs = Number(process.env.EPOCHS ?? "300");
let okNew = 0, okOld = 0, n = 0;
const fresh = ["batch-t1.json", "batch-t2.json", "batch-t3.json", "batch-t4.json", "batch-t5.json", "batch-t6.json"];
let fOk = 0, fOld = 0, fN = 0;
const bands = [0, 0, 0, 0]; const bandOk = [0, 0, 0, 0];
for (const set of sets) {
  const W = train(examples.filter((e) => e.set !== set.name), l2, epochs);
  const test = examples.filter((e) => e.set === set.name);
  let ok = 0, old = 0;
  for (const e of test) { const p = predict(W, e); if (p.c === e.y) ok++; if (e.old === e.y) old++; const b = p.p >= 0.9 ? 3 : p.p >= 0.8 ? 2 : p.p >= 0.6 ? 1 : 0; bands[b]!++; if (p.c === e.y) bandOk[b]!++;
    if (process.env.SHOW && set.name.includes(process.env.SHOW) && p.c !== e.y) console.log(`  ${e.id} exp ${CLASSES[e.y]} got ${CLASSES[p.c]} p=${p.p.toFixed(2)} old ${CLASSES[e.old]}\n    ${noteText.get(e.id)}\n    => ${noteFindings.get(e.id)}`); }
  okNew += ok; okOld += old; n += test.length;
  if (fresh.includes(set.name)) { fOk += ok; fOld += old; fN += test.length; }
  console.log(set.name.padEnd(22), test.length, "old", (old / test.length * 100).toFixed(1), "lr", (ok / test.length * 100).toFixed(1));
}
console.log("all", n, "old", (okOld / n * 100).toFixed(1), "lr", (okNew / n * 100).toFixed(1), "| fresh", fN, "old", (fOld / fN * 100).toFixed(1), "lr", (fOk / fN * 100).toFixed(1));
console.log("bands <.6 .6-.8 .8-.9 >=.9", bands.map((b, i) => `${bandOk[i]}/${b}`).join(" "));
