/**
 * Evaluation sets are scored once, by construction. `scoreEvaluationSetOnce`
 * looks the set up in the committed record of runs
 * (tests/triage-evaluation/runs.jsonl: one JSON line per run with the set, its
 * sha256, the ruleset, the date and the figures); a set already run answers
 * with its recorded figures and is not scored again, on this ruleset or any
 * later one. Before the one run, the set must not paraphrase a tuning note
 * (`nearDuplicates`): a batch that echoes notes the engine was tuned on would
 * not measure unseen notes.
 */
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stemmer } from "stemmer";
import { RULESET_VERSION, triage, type Recommendation } from "@/lib/triage";
import { EVALUATION_FOLDER, readNoteSet, type NoteCase, type NoteSet } from "./triage-sets";
import { protocolFigures, type BandAgreement, type ProtocolFigures } from "./triage-protocol";

export const RUNS_FILE = join(EVALUATION_FOLDER, "runs.jsonl");

/** What the record keeps of a run: enough to print the figures again without scoring. */
export interface EvaluationRun {
  readonly set: string;
  readonly sha256: string;
  readonly ruleset: string;
  readonly date: string;
  readonly notes: number;
  readonly withMajority: number;
  readonly agreedWithMajority: number;
  readonly ratersAgreeing: number;
  readonly agreedWhereRatersAgree: number;
  readonly kappa: number;
  readonly kappaWhereRatersAgree: number;
  readonly raters: ProtocolFigures["raters"];
  /** expected → answer → count */
  readonly confusion: Record<string, Record<string, number>>;
  readonly bands: readonly BandAgreement[];
  readonly calibrationError: number;
  /** For runs recorded after the fact (before this record existed): where the figure comes from. */
  readonly note?: string;
}

export function recordedRuns(file = RUNS_FILE): EvaluationRun[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EvaluationRun);
}

export function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

const WORD = /[a-z0-9]+/g;
const STOP_WORDS = new Set(
  "a an the and or but of to in on at for with is are was were be been has have had he she they his her their it its i my me we our you your this that from as by not no".split(" "),
);

/** A note's content words, stemmed: what two phrasings of one note share. */
function contentWords(notes: string): Set<string> {
  const words = new Set<string>();
  for (const match of notes.toLowerCase().matchAll(WORD)) {
    if (!STOP_WORDS.has(match[0])) words.add(stemmer(match[0]));
  }
  return words;
}

/**
 * How much two notes share: the Dice coefficient of their content words (twice the shared words over both notes'
 * words), so a short note is no paraphrase of a long one that happens to contain its words; notes of fewer than 6
 * content words compare as exact copies only.
 */
export function similarity(first: string, second: string): number {
  const a = contentWords(first);
  const b = contentWords(second);
  if (Math.min(a.size, b.size) < 6) return first.trim().toLowerCase() === second.trim().toLowerCase() ? 1 : 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Above this share of content words, an evaluation note paraphrases a tuning note (tests/unit/triage/near-duplicates.test.ts). */
export const NEAR_DUPLICATE_SIMILARITY = 0.6;

export interface NearDuplicate {
  readonly evaluationId: string;
  readonly tuningId: string;
  readonly similarity: number;
}

/** Evaluation notes that paraphrase a tuning note. Ids only: the evaluation notes stay unread. */
export function nearDuplicates(evaluation: readonly NoteCase[], tuning: readonly NoteCase[]): NearDuplicate[] {
  const tuningWords = tuning.map((note) => ({ id: note.id, notes: note.notes }));
  const found: NearDuplicate[] = [];
  for (const note of evaluation) {
    for (const other of tuningWords) {
      const shared = similarity(note.notes, other.notes);
      if (shared >= NEAR_DUPLICATE_SIMILARITY) found.push({ evaluationId: note.id, tuningId: other.id, similarity: shared });
    }
  }
  return found;
}

function toRecord(set: NoteSet, sha256: string, figures: ProtocolFigures): EvaluationRun {
  const confusion: Record<string, Record<string, number>> = {};
  for (const [expected, row] of figures.confusion) confusion[expected] = Object.fromEntries(row);
  return {
    set: set.name,
    sha256,
    ruleset: RULESET_VERSION,
    date: new Date().toISOString().slice(0, 10),
    notes: figures.notes,
    withMajority: figures.withMajority,
    agreedWithMajority: figures.agreedWithMajority,
    ratersAgreeing: figures.ratersAgreeing,
    agreedWhereRatersAgree: figures.agreedWhereRatersAgree,
    kappa: figures.kappa,
    kappaWhereRatersAgree: figures.kappaWhereRatersAgree,
    raters: figures.raters,
    confusion,
    bands: figures.bands,
    calibrationError: figures.calibrationError,
  };
}

export type EvaluationOutcome =
  | { readonly kind: "scored"; readonly run: EvaluationRun }
  | { readonly kind: "recorded"; readonly runs: readonly EvaluationRun[] }
  | { readonly kind: "refused"; readonly duplicates: readonly NearDuplicate[] };

/**
 * Scores an evaluation set when the record has no run of it (by name or content) and it paraphrases no tuning
 * note, and appends the run to the record; otherwise answers with the recorded runs, or the near-duplicates.
 */
export function scoreEvaluationSetOnce(
  file: string,
  tuning: readonly NoteCase[],
  where: { readonly folder?: string; readonly runsFile?: string } = {},
): EvaluationOutcome {
  const { folder = EVALUATION_FOLDER, runsFile = RUNS_FILE } = where;
  const set = readNoteSet(folder, file);
  const sha256 = sha256Of(set.file);
  const previous = recordedRuns(runsFile).filter((run) => run.set === set.name || run.sha256 === sha256);
  if (previous.length > 0) return { kind: "recorded", runs: previous };
  const duplicates = nearDuplicates(set.cases, tuning);
  if (duplicates.length > 0) return { kind: "refused", duplicates };
  const scored = set.cases.map((note) => {
    const result = triage({ notes: note.notes });
    return { labels: note.labels, answer: result.recommendation as Recommendation, confidence: result.confidence };
  });
  const run = toRecord(set, sha256, protocolFigures(scored));
  appendFileSync(runsFile, `${JSON.stringify(run)}\n`);
  return { kind: "scored", run };
}
