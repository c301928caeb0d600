import { describe, expect, it } from "vitest";
import { triage } from "@/lib/triage";
import { loadTuningSets } from "@/scripts/support/triage-sets";
import { TUNING_FIGURES } from "./tuning-figures";

/**
 * Every tuning set holds the agreement it reached when the figures were last recorded
 * (`npm run triage:agreement -- --record-tuning`), so a change to the rules or the model that wins notes in one
 * set cannot silently lose them in another. The floors are the engine's own answers, measured, not targets.
 */
const sets = loadTuningSets();

describe("agreement on the tuning sets does not fall", () => {
  it("has a recorded figure for every tuning set and no figure for a set that is gone", () => {
    expect(Object.keys(TUNING_FIGURES).sort()).toEqual(sets.map((set) => set.name).sort());
  });

  it.each(sets.map((set) => [set.name, set] as const))("%s", (name, set) => {
    const agreed = set.cases.filter((note) => triage({ notes: note.notes }).recommendation === note.expected).length;
    expect(set.cases.length).toBe(TUNING_FIGURES[name]?.total);
    expect(agreed).toBeGreaterThanOrEqual(TUNING_FIGURES[name]?.agreed ?? Number.POSITIVE_INFINITY);
  });
});
