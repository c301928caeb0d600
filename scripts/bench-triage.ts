/**
 * Throughput and latency of triage() on one core: a typical referral (five
 * codes and a ~300-character note) and a 10,000-character note.
 * Targets: at least 50,000 typical classifications per second; a 10,000-character note under 1 ms.
 * Run: npx tsx scripts/bench-triage.ts
 */
import { NOTES_MAX_LENGTH, triage, type TriageInput } from "@/lib/triage";

const TYPICAL_NOTE =
  "72yo F, s/p R TKR 6/52 ago. Mobilising with zimmer frame, FWB. C/o knee pain and stiffness, " +
  "ROM 10-85 degrees. Lives alone; struggles getting dressed and can't cook. No falls, denies " +
  "dizziness. Hx of CVA 2019 with mild L sided weakness. Keen to get back to gardening. " +
  "Independent with toileting and eating.";

const TYPICAL: TriageInput = {
  needs: ["PAIN", "MOBILITY_BALANCE", "SELF_CARE", "POST_SURGICAL"],
  conditions: ["STROKE"],
  notes: TYPICAL_NOTE,
};

const CLINICAL_PARAGRAPHS = [
  "Seen on ward 7 for review. No pain at rest, pain-free overnight; however, reports aching in the right shoulder when reaching. ",
  "Denies falls, dizziness or shortness of breath but walks with a stick outdoors and uses a rollator at home. ",
  "No difficulty with washing, dressing or cooking; daughter helps with shopping and laundry twice a week. ",
  "PMH: hypertension, OA both knees, #NOF 2021 (ORIF), depression well controlled. Hx of TIA, no CVA. ",
  "Forgetful at times, family worried about managing medication. Low mood since husband died; lives alone. ",
  "Goals: return to bowls club, get back to driving, improve balance and strength, reduce stiffness in the mornings. ",
  "Plan: HEP issued (stretches, sit to stand), heat pack for shoulder, OT home visit for grab rails and a perching stool. ",
];

function longNote(): string {
  let note = "";
  for (let i = 0; note.length < NOTES_MAX_LENGTH; i++) note += CLINICAL_PARAGRAPHS[i % CLINICAL_PARAGRAPHS.length];
  return note.slice(0, NOTES_MAX_LENGTH);
}

const LONG: TriageInput = { needs: ["PAIN"], conditions: [], notes: longNote() };

let checksum = 0;

function run(input: TriageInput): void {
  // Reading the result keeps the call from being optimised away.
  checksum += triage(input).matchedRules.length;
}

function throughput(input: TriageInput, seconds: number): number {
  const budget = BigInt(Math.round(seconds * 1e9));
  const started = process.hrtime.bigint();
  let calls = 0;
  while (process.hrtime.bigint() - started < budget) {
    for (let i = 0; i < 1000; i++) run(input);
    calls += 1000;
  }
  return calls / (Number(process.hrtime.bigint() - started) / 1e9);
}

function latencies(input: TriageInput, samples: number): { median: number; p99: number } {
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    run(input);
    times[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  times.sort();
  return { median: times[Math.floor(samples / 2)] ?? 0, p99: times[Math.floor(samples * 0.99)] ?? 0 };
}

function report(label: string, input: TriageInput, seconds: number, samples: number): { perSecond: number; p99: number } {
  for (let i = 0; i < 20_000; i++) run(input);
  const perSecond = throughput(input, seconds);
  const { median, p99 } = latencies(input, samples);
  console.log(
    `${label}: ${Math.round(perSecond).toLocaleString("en-GB")} classifications/s, ` +
      `median ${median.toFixed(2)} µs, p99 ${p99.toFixed(2)} µs`,
  );
  return { perSecond, p99 };
}

console.log(`typical input: ${TYPICAL_NOTE.length}-character note, 5 codes`);
const typical = report("typical", TYPICAL, 3, 100_000);
console.log(`long input: ${LONG.notes?.length ?? 0}-character note`);
const long = report("10,000 characters", LONG, 3, 5_000);

const typicalMet = typical.perSecond >= 50_000;
const longMet = long.p99 < 1000;
console.log(`target ≥ 50,000/s typical: ${typicalMet ? "met" : "MISSED"}; 10,000 characters < 1 ms at p99: ${longMet ? "met" : "MISSED"}`);
console.log(`(checksum ${checksum})`);
process.exitCode = typicalMet && longMet ? 0 : 1;
