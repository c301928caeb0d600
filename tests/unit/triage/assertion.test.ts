import { describe, expect, it } from "vitest";
import { ASSERTION_TRIGGERS, NEW_ASSERTION_STARTS, type AssertionRole } from "@/lib/triage/assertion";
import { compileNotesMatcher, type NotesVocabulary } from "@/lib/triage/text";

const VOCABULARY: readonly NotesVocabulary[] = [
  { phrases: ["pain", "gait", "walk", "stairs", "balance", "range of motion", "falls"], abbreviations: ["ROM"], problems: ["pain", "falls"] },
  { phrases: ["wash", "dress", "cook", "lives alone"], abbreviations: [] },
];
const matcher = compileNotesMatcher(VOCABULARY);

/**
 * What the matcher reads in a note: present findings (historical ones marked "hx:"), and the findings set aside,
 * each as "WHY:words" ("other:" for a denial of every other problem).
 */
function read(notes: string): { present: string[]; setAside: string[] } {
  const present: string[] = [];
  const setAside: string[] = [];
  matcher.scan(
    notes,
    (_target, start, end, historical) => present.push(`${historical ? "hx:" : ""}${notes.slice(start, end)}`),
    (_target, start, end, assertion) => setAside.push(`${assertion}:${start < 0 ? "other" : notes.slice(start, end)}`),
  );
  return { present, setAside };
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
    ["no pain, stairs or balance problems", [], ["ABSENT:pain", "ABSENT:stairs", "ABSENT:balance"]],
    ["denies pain; walks slowly", ["walks"], ["ABSENT:pain"]],
    // Post-negation: the word that says the finding is normal comes after it.
    ["gait unremarkable", [], ["NORMAL:gait"]],
    ["ROM within normal limits", [], ["NORMAL:ROM"]],
    ["balance intact, pain on stairs", ["pain", "stairs"], ["NORMAL:balance"]],
    ["managing stairs without any problems", [], ["ABSENT:stairs"]],
    ["walks independently", [], ["NORMAL:walks"]],
    ["normal gait and balance, pain at night", ["pain"], ["NORMAL:gait", "NORMAL:balance"]],
    // After a colon a normal finding reaches back over the list it labels.
    ["Walking, stairs: independent", [], ["NORMAL:Walking", "NORMAL:stairs"]],
    ["Falls: none", [], ["ABSENT:Falls"]],
    // Either direction: after a finding it looks back, before one it looks forward.
    ["pain nil, walks with frame", ["walks"], ["ABSENT:pain"]],
    ["nil pain, stairs or falls", [], ["ABSENT:pain", "ABSENT:stairs", "ABSENT:falls"]],
    // Affirmation: a normal-finding word describes what cannot be done.
    ["unable to walk independently", ["walk"], []],
    ["needs help to wash normally", ["wash"], []],
    // Pseudo-triggers only look like negations.
    ["no longer able to dress", ["dress"], []],
    ["not only pain but stiff gait", ["pain", "gait"], []],
    ["no improvement in gait", ["gait"], []],
    // Not knowing whether is no denial: the note says it is unclear, and what follows "whether" is only possible.
    ["not certain whether she can cook", [], ["HYPOTHETICAL:not certain", "HYPOTHETICAL:cook"]],
    // Termination ends a negation's reach; so does a new assertion after a comma, also after "and".
    ["no pain but walks slowly", ["walks"], ["ABSENT:pain"]],
    ["no falls, lives alone", ["lives alone"], ["ABSENT:falls"]],
    ["no pain, stairs or wash", [], ["ABSENT:pain", "ABSENT:stairs", "ABSENT:wash"]],
    ["no walking practice, and he can't get to the bath to wash", ["wash"], ["ABSENT:walking"]],
    // Hypothetical findings are neither evidence nor denial: possible, feared or at risk.
    ["review if pain worsens, can't dress", ["dress"], ["HYPOTHETICAL:pain"]],
    ["worried she might fall one day", [], ["HYPOTHETICAL:fall"]],
    ["at risk of pain on stairs", [], ["HYPOTHETICAL:pain", "HYPOTHETICAL:stairs"]],
    // A denial of any other problem is reported once, whatever it names.
    ["cannot dress, no other problems", ["dress"], ["NORMAL:other"]],
    // Historical findings are evidence, marked as past; resolved ones are set aside.
    ["hx of falls, pain; stairs today", ["hx:falls", "hx:pain", "stairs"], []],
    ["PMH: falls. Pain today", ["hx:falls", "Pain"], []],
    ["hx pain, resolved", [], ["RESOLVED:pain"]],
    // A denial closing its segment answers what it follows ("X - denies", "X: no").
    ["Pain - denies. Falls: no", [], ["ABSENT:Pain", "ABSENT:Falls"]],
    // A lone denial after a list answers the list's activities, not a problem.
    ["wash, dress and cook, no problems there", [], ["ABSENT:wash", "ABSENT:dress", "ABSENT:cook"]],
    ["pain, no problems there", ["pain"], []],
    ["family worried about falls, not borne out on visit", [], ["ABSENT:falls"]],
    // Someone else's: a relative after his, her or their, or the person the patient cares for.
    ["cares for his mum who has pain and falls", [], ["SOMEONE_ELSE:pain", "SOMEONE_ELSE:falls"]],
    ["her husband has falls, she has pain on stairs", ["pain", "stairs"], ["SOMEONE_ELSE:falls"]],
    ["needs her husband's help to wash", ["wash"], []],
    ["my husband can't walk", ["walk"], []],
    // An affirmation goes on over the bare items listed after it.
    ["struggling to wash, dress, cook", ["wash", "dress", "cook"], []],
    // A task given up is a need; a problem that has stopped is over.
    ["has stopped cooking", ["cooking"], []],
    ["the falls have stopped", [], ["RESOLVED:falls"]],
  ] as const)("in '%s' the present findings are %j and those set aside %j", (notes, present, setAside) => {
    expect(read(notes)).toEqual({ present, setAside });
  });

  it("counts an affirmed list item as explicit", () => {
    const explicit: string[] = [];
    matcher.scan("struggling to wash, dress, cook. walks; cook", (_target, start, end, _historical, isExplicit) => {
      if (isExplicit) explicit.push(notes(start, end));
    });
    function notes(start: number, end: number): string {
      return "struggling to wash, dress, cook. walks; cook".slice(start, end);
    }
    expect(explicit).toEqual(["wash", "dress", "cook"]);
  });
});
