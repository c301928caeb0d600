/**
 * The note sets the triage engine is measured on, kept apart by construction:
 *
 * - tuning sets (tests/triage-tuning/*.json): notes the rules and the learned
 *   component may be tuned and trained on; `loadTuningSets` is the only loader
 *   the trainer and the regression test use;
 * - evaluation sets (tests/triage-evaluation/*.json): blind batches, scored once
 *   each on the engine of the day by `scoreEvaluationSetOnce`
 *   (scripts/support/triage-evaluation.ts), which records the run and refuses
 *   to score the set again. No other code reads them.
 *
 * A note: { id, style, notes, expected, reason, labels? }. `expected` is the
 * majority label; `labels` holds each rater's (author, second reader, third
 * reader on disagreements). Older sets were labelled by their author alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RECOMMENDATIONS, type Recommendation } from "@/lib/triage";
import { majorityLabel, type RaterLabels } from "./triage-protocol";

export const TUNING_FOLDER = join(process.cwd(), "tests", "triage-tuning");
export const EVALUATION_FOLDER = join(process.cwd(), "tests", "triage-evaluation");

export interface NoteCase {
  readonly id: string;
  readonly style: string;
  readonly notes: string;
  /** The majority label (for a note without one, the author's). */
  readonly expected: Recommendation;
  readonly reason: string;
  readonly labels: RaterLabels;
}

export interface NoteSet {
  readonly name: string;
  readonly file: string;
  readonly cases: readonly NoteCase[];
}

function isRecommendation(value: unknown): value is Recommendation {
  return typeof value === "string" && (RECOMMENDATIONS as readonly string[]).includes(value);
}

/** Reads one set file, refusing (with the file and the note's id) anything that is not a labelled note. */
export function readNoteSet(folder: string, file: string): NoteSet {
  const path = join(folder, file);
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`${path}: not an array of notes`);
  const cases = parsed.map((value: unknown, index): NoteCase => {
    const record = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
    const where = `${path} note ${typeof record.id === "string" ? record.id : `#${index}`}`;
    if (typeof record.id !== "string" || typeof record.notes !== "string" || !isRecommendation(record.expected)) {
      throw new Error(`${where}: needs an id, notes and an expected answer`);
    }
    const given = (typeof record.labels === "object" && record.labels !== null ? record.labels : {}) as Record<string, unknown>;
    const labels: RaterLabels = {
      author: isRecommendation(given.author) ? given.author : record.expected,
      ...(isRecommendation(given.second) ? { second: given.second } : {}),
      ...(isRecommendation(given.third) ? { third: given.third } : {}),
    };
    const majority = majorityLabel(labels);
    if (majority !== null && majority !== record.expected) {
      throw new Error(`${where}: expected ${record.expected} is not the raters' majority ${majority}`);
    }
    return {
      id: record.id,
      style: typeof record.style === "string" ? record.style : "",
      notes: record.notes,
      expected: record.expected,
      reason: typeof record.reason === "string" ? record.reason : "",
      labels,
    };
  });
  return { name: file.replace(/\.json$/, ""), file: path, cases };
}

export function setFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort();
}

/** Every tuning set, in file order. The only reader of tests/triage-tuning. */
export function loadTuningSets(): NoteSet[] {
  return setFiles(TUNING_FOLDER).map((file) => readNoteSet(TUNING_FOLDER, file));
}
