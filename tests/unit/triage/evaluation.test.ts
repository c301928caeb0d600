import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nearDuplicates, recordedRuns, scoreEvaluationSetOnce, similarity } from "@/scripts/support/triage-evaluation";
import { EVALUATION_FOLDER, loadTuningSets, readNoteSet, setFiles, type NoteCase } from "@/scripts/support/triage-sets";

const blindNotes = [
  { id: "x-1", notes: "Falls twice this month, unsteady on the stairs, wants to get walking again.", expected: "PHYSIOTHERAPY", labels: { author: "PHYSIOTHERAPY", second: "PHYSIOTHERAPY" } },
  { id: "x-2", notes: "Cannot manage buttons or cooking since her stroke; daughter helps her dress.", expected: "OCCUPATIONAL_THERAPY", labels: { author: "OCCUPATIONAL_THERAPY", second: "OCCUPATIONAL_THERAPY" } },
  { id: "x-3", notes: "Diabetes review.", expected: "NEEDS_ASSESSMENT", labels: { author: "NEEDS_ASSESSMENT", second: "OCCUPATIONAL_THERAPY", third: "NEEDS_ASSESSMENT" } },
];

function evaluationFolder(notes: readonly object[] = blindNotes): { folder: string; runsFile: string } {
  const folder = mkdtempSync(join(tmpdir(), "triage-evaluation-"));
  writeFileSync(join(folder, "batch-x.json"), JSON.stringify(notes));
  return { folder, runsFile: join(folder, "runs.jsonl") };
}

describe("evaluation sets are scored once", () => {
  it("scores a new set, records the run, and answers later calls with the record instead of scoring again", () => {
    const where = evaluationFolder();
    const first = scoreEvaluationSetOnce("batch-x.json", [], where);
    expect(first.kind).toBe("scored");
    const runs = recordedRuns(where.runsFile);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ set: "batch-x", notes: 3, withMajority: 3, ratersAgreeing: 2 });
    const again = scoreEvaluationSetOnce("batch-x.json", [], where);
    expect(again).toEqual({ kind: "recorded", runs });
    expect(readFileSync(where.runsFile, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("knows a set again by its content under another name", () => {
    const where = evaluationFolder();
    scoreEvaluationSetOnce("batch-x.json", [], where);
    writeFileSync(join(where.folder, "renamed.json"), readFileSync(join(where.folder, "batch-x.json")));
    expect(scoreEvaluationSetOnce("renamed.json", [], where).kind).toBe("recorded");
  });

  it("refuses to score a set that paraphrases a tuning note, naming only the ids", () => {
    const where = evaluationFolder();
    const tuning: NoteCase[] = [
      {
        id: "t-9",
        style: "",
        notes: "Two falls this month; unsteady on stairs and wants to get walking again.",
        expected: "PHYSIOTHERAPY",
        reason: "",
        labels: { author: "PHYSIOTHERAPY" },
      },
    ];
    const outcome = scoreEvaluationSetOnce("batch-x.json", tuning, where);
    expect(outcome).toEqual({ kind: "refused", duplicates: [{ evaluationId: "x-1", tuningId: "t-9", similarity: expect.any(Number) }] });
    expect(recordedRuns(where.runsFile)).toEqual([]);
  });

  it("refuses a note whose expected answer is not its raters' majority", () => {
    const where = evaluationFolder([{ ...blindNotes[0], expected: "BOTH" }]);
    expect(() => readNoteSet(where.folder, "batch-x.json")).toThrow(/x-1: expected BOTH is not the raters' majority PHYSIOTHERAPY/);
  });
});

describe("the near-duplicate check", () => {
  it("scores a paraphrase high and an unrelated note of the same length low", () => {
    const note = "Eighty-year-old widow, struggling to wash and dress since her hip operation, stairs slow with a stick.";
    expect(similarity(note, "80 year old widow struggling to dress and wash since hip operation; slow on the stairs with her stick.")).toBeGreaterThanOrEqual(0.6);
    expect(similarity(note, "Teenage footballer with a sprained ankle, hopping to lessons, coach asks when he can train.")).toBeLessThan(0.2);
  });

  it("compares notes of fewer than six content words only as exact copies", () => {
    expect(similarity("Knee pain.", "knee pain.")).toBe(1);
    expect(similarity("Knee pain.", "Knee pain, worse.")).toBe(0);
  });

  it("finds no blind set waiting in tests/triage-evaluation that paraphrases a tuning note", () => {
    const tuning = loadTuningSets().flatMap((set) => set.cases);
    const waiting = setFiles(EVALUATION_FOLDER).filter((file) => !recordedRuns().some((run) => run.set === file.replace(/\.json$/, "")));
    for (const file of waiting) expect(nearDuplicates(readNoteSet(EVALUATION_FOLDER, file).cases, tuning)).toEqual([]);
  });
});
