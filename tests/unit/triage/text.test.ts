import { describe, expect, it } from "vitest";
import { NOTES_MAX_LENGTH, triage } from "@/lib/triage";
import { compileNotesMatcher, type NotesVocabulary } from "@/lib/triage/text";

const VOCABULARY: readonly NotesVocabulary[] = [
  { phrases: ["pain", "self care", "walking stick", "status"], abbreviations: [] },
  { phrases: ["behaviour", "mobilising", "exercise programme", "s/p op", "#NOF"], abbreviations: ["MS"] },
];
const matcher = compileNotesMatcher(VOCABULARY);

function spans(notes: string): { target: number; text: string }[] {
  const found: { target: number; text: string }[] = [];
  matcher.scan(notes, (target, start, end) => found.push({ target, text: notes.slice(start, end) }));
  return found;
}

describe("reading notes", () => {
  it("matches whole words only", () => {
    expect(spans("paint, spain, painter")).toEqual([]);
    expect(spans("(pain)")).toEqual([{ target: 0, text: "pain" }]);
  });

  it("matches every inflection of a phrase's words by their stems", () => {
    expect(spans("pains, painful, mobilised, mobilises").map((span) => span.text)).toEqual([
      "pains",
      "painful",
      "mobilised",
      "mobilises",
    ]);
  });

  it("matches in any case", () => {
    expect(spans("PAIN Pain pAiN")).toHaveLength(3);
  });

  it("matches abbreviations only in the case written", () => {
    expect(spans("MS, Ms, ms, mS")).toEqual([{ target: 1, text: "MS" }]);
  });

  it("reads hyphens as spaces and commas as separators", () => {
    expect(spans("self-care")).toEqual([{ target: 0, text: "self-care" }]);
    expect(spans("walking, stick")).toEqual([]);
    expect(spans("walking  stick")).toEqual([{ target: 0, text: "walking  stick" }]);
  });

  it("keeps slashed single-letter shorthand and #NOF as one word", () => {
    expect(spans("s/p op; #NOF")).toEqual([
      { target: 1, text: "s/p op" },
      { target: 1, text: "#NOF" },
    ]);
    expect(spans("status/pain")).toEqual([
      { target: 0, text: "status" },
      { target: 0, text: "pain" },
    ]);
  });

  it("matches British and American spellings both ways", () => {
    expect(spans("behavior, mobilizing, exercise program").map((span) => span.target)).toEqual([1, 1, 1]);
  });

  it("keeps offsets right after characters that change length in lower case", () => {
    const notes = "İİİ pain";
    expect(spans(notes)).toEqual([{ target: 0, text: "pain" }]);
  });

  it.each([
    "no pain",
    "No pain",
    "denies pain",
    "pain free",
    "pain-free",
    "PAIN-FREE",
    "pain resolved",
    "without pain",
    "nil pain",
    "negative for pain",
    "free from pain",
    "no difficulty with mobilising, self care or walking stick use",
  ])("'%s' counts for nothing", (notes) => {
    expect(spans(notes)).toEqual([]);
  });

  it.each([
    ["no pain. Pain on walking", "Pain"],
    ["no pain; pain later", "pain"],
    ["no pain but pain on stairs", "pain"],
    ["denies pain, however reports pain", "pain"],
    ["no walking stick although pain", "pain"],
    ["no falls\npain", "pain"],
    ["pain free, pain on stairs", "pain"],
  ])("in '%s' the negation ends before the last phrase", (notes, text) => {
    expect(spans(notes)).toEqual([{ target: 0, text }]);
  });

  it("reads 'no longer' as a loss, not a negation", () => {
    expect(spans("no longer manages, pain on stairs")).toEqual([{ target: 0, text: "pain" }]);
  });

  it("reads 'c/o' and 'hx' as context: no evidence of their own, and no break in matching", () => {
    expect(triage({ notes: "c/o hx" }).findings).toEqual([]);
    expect(triage({ notes: "c/o pain, hx of stroke" }).findings.map((finding) => `${finding.ruleId}:${finding.assertion}`)).toEqual([
      "pt.pain:PRESENT",
      "ot.stroke:HISTORICAL",
    ]);
  });

  it("finds every mention in a long note, in text order", () => {
    const notes = "Pain in knee. ".repeat(NOTES_MAX_LENGTH / 14);
    const evidence = triage({ notes }).matchedRules[0]?.evidence ?? [];
    expect(evidence).toHaveLength(Math.floor(NOTES_MAX_LENGTH / 14));
    expect(evidence[1]).toEqual({ kind: "NOTES", start: 14, end: 18, text: "Pain" });
  });

  it("reads a long negated note as no evidence", () => {
    const notes = "No pain, stiffness, weakness, falls, dizziness or difficulty dressing. ".repeat(140);
    expect(notes.length).toBeLessThanOrEqual(NOTES_MAX_LENGTH);
    expect(triage({ notes }).matchedRules).toEqual([]);
  });
});
