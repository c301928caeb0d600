import { describe, expect, it } from "vitest";
import { ASSERTION_TRIGGERS, NEW_ASSERTION_STARTS, type AssertionRole } from "@/lib/triage/assertion";
import { compileNotesMatcher, type NotesVocabulary } from "@/lib/triage/text";

const VOCABULARY: readonly NotesVocabulary[] = [
  { phrases: ["pain", "gait", "walk", "stairs", "balance", "range of motion", "falls"], abbreviations: ["ROM"] },
  { phrases: ["wash", "dress", "cook", "lives alone"], abbreviations: [] },
];
const matcher = compileNotesMatcher(VOCABULARY);

/** What the matcher reads in a note: affirmed words (historical ones marked "hx:"), and negated targets. */
function read(notes: string): { affirmed: string[]; negated: number } {
  const affirmed: string[] = [];
  let negated = 0;
  matcher.scan(
    notes,
    (_target, start, end, historical) => affirmed.push(`${historical ? "hx:" : ""}${notes.slice(start, end)}`),
    () => negated++,
  );
  return { affirmed, negated };
}

const ROLES: readonly AssertionRole[] = [
  "PRE_NEGATION",
  "POST_NEGATION",
  "EITHER_NEGATION",
  "PSEUDO",
  "TERMINATION",
  "AFFIRMATION",
  "AFFIRMING_TERMINATION",
  "HYPOTHETICAL",
  "OTHERS_DENIED",
  "HISTORICAL",
];

describe("assertion trigger table", () => {
  it("has triggers for every role", () => {
    for (const role of ROLES) expect(ASSERTION_TRIGGERS.some((trigger) => trigger.role === role), role).toBe(true);
  });

  it("lists each trigger phrase once", () => {
    const phrases = ASSERTION_TRIGGERS.flatMap((trigger) => trigger.phrases);
    expect(new Set(phrases).size).toBe(phrases.length);
    expect(new Set(NEW_ASSERTION_STARTS).size).toBe(NEW_ASSERTION_STARTS.length);
  });
});

describe("assertion", () => {
  it.each([
    // Pre-negation reaches over a list to the end of the clause.
    ["no pain, stairs or balance problems", [], 3],
    ["denies pain; walks slowly", ["walks"], 1],
    // Post-negation: the word that says the finding is normal comes after it.
    ["gait unremarkable", [], 1],
    ["ROM within normal limits", [], 1],
    ["balance intact, pain on stairs", ["pain", "stairs"], 1],
    ["managing stairs without any problems", [], 1],
    ["walks independently", [], 1],
    ["normal gait and balance, pain at night", ["pain"], 2],
    // After a colon a normal finding reaches back over the list it labels.
    ["Walking, stairs: independent", [], 2],
    ["Falls: none", [], 1],
    // Either direction: after a finding it looks back, before one it looks forward.
    ["pain nil, walks with frame", ["walks"], 1],
    ["nil pain, stairs or falls", [], 3],
    // Affirmation: a normal-finding word describes what cannot be done.
    ["unable to walk independently", ["walk"], 0],
    ["needs help to wash normally", ["wash"], 0],
    // Pseudo-triggers only look like negations.
    ["no longer able to dress", ["dress"], 0],
    ["not only pain but stiff gait", ["pain", "gait"], 0],
    ["no improvement in gait", ["gait"], 0],
    ["not certain whether she can cook", ["cook"], 0],
    // Termination ends a negation's reach; so does a new assertion after a comma.
    ["no pain but walks slowly", ["walks"], 1],
    ["no falls, lives alone", ["lives alone"], 1],
    ["no pain, stairs or wash", [], 3],
    // Hypothetical findings are neither evidence nor denial.
    ["review if pain worsens, can't dress", ["dress"], 0],
    // A denial of any other problem is reported once, whatever it names.
    ["cannot dress, no other problems", ["dress"], 1],
    // Historical findings are evidence, marked as past.
    ["hx of falls, pain; stairs today", ["hx:falls", "hx:pain", "stairs"], 0],
    ["PMH: falls. Pain today", ["hx:falls", "Pain"], 0],
  ] as const)("in '%s' the affirmed findings are %j with %i negated", (notes, affirmed, negated) => {
    expect(read(notes)).toEqual({ affirmed, negated });
  });
});
