import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONDITION_CODES, NEED_CODES, needCatalog, triage } from "@/lib/triage";
import { SEED_SENTENCES } from "@/lib/triage/catalog";
import { NEEDS_ASSESSMENT_SOURCE } from "@/lib/triage/policy";
import { RULES, RULESET_VERSION, type Discipline } from "@/lib/triage/rules";
import { compileNotesMatcher } from "@/lib/triage/text";

const SEED_URL = new URL("../../../lib/triage/seed.txt", import.meta.url);
const SHARED_SEED_URL = new URL("../../../../shared/seed/000_fc40986c9349b786.txt", import.meta.url);
const seed = readFileSync(SEED_URL, "utf8");

/** The distinctions the seed draws, each with the seed words a rule must rest on. */
const DISTINCTIONS: readonly { readonly distinction: string; readonly seedWords: string; readonly supports: Discipline }[] = [
  { distinction: "returning to everyday activities", seedWords: "return to their everyday activities", supports: "OT" },
  { distinction: "activities of daily living", seedWords: "activities of daily living", supports: "OT" },
  { distinction: "independence", seedWords: "regain their independence", supports: "OT" },
  { distinction: "quality of life with disability or chronic conditions", seedWords: "disabilities or chronic health conditions", supports: "OT" },
  { distinction: "Alzheimer’s disease", seedWords: "Alzheimer’s disease", supports: "OT" },
  { distinction: "cerebral palsy", seedWords: "cerebral palsy", supports: "OT" },
  { distinction: "multiple sclerosis", seedWords: "Multiple Sclerosis", supports: "OT" },
  { distinction: "Parkinson’s disease", seedWords: "Parkinson’s disease", supports: "OT" },
  { distinction: "stroke", seedWords: "stroke", supports: "OT" },
  { distinction: "spinal cord injury", seedWords: "spinal cord injury", supports: "OT" },
  { distinction: "developmental disabilities", seedWords: "developmental disabilities", supports: "OT" },
  { distinction: "mental health conditions", seedWords: "mental health conditions", supports: "OT" },
  { distinction: "cognitive rehabilitation", seedWords: "cognitive rehabilitation", supports: "OT" },
  { distinction: "emotional support", seedWords: "emotional support", supports: "OT" },
  { distinction: "healing and mobility", seedWords: "promote healing and mobility", supports: "PT" },
  { distinction: "exercise and massage", seedWords: "exercises and massage", supports: "PT" },
  { distinction: "sports injuries", seedWords: "sports injuries", supports: "PT" },
  { distinction: "chronic pain", seedWords: "chronic pain", supports: "PT" },
  { distinction: "reducing pain", seedWords: "reduce pain", supports: "PT" },
  { distinction: "range of motion", seedWords: "range of motion", supports: "PT" },
  { distinction: "overall function", seedWords: "overall function", supports: "PT" },
  { distinction: "stretching", seedWords: "stretching", supports: "PT" },
  { distinction: "strength training", seedWords: "strength training", supports: "PT" },
  { distinction: "electrical stimulation", seedWords: "electrical stimulation", supports: "PT" },
  { distinction: "heat or cold", seedWords: "heat or cold therapy", supports: "PT" },
  { distinction: "ultrasound", seedWords: "ultrasound", supports: "PT" },
  { distinction: "hydrotherapy", seedWords: "hydrotherapy", supports: "PT" },
  { distinction: "recovery alongside medication or surgery", seedWords: "medication or surgery", supports: "PT" },
  { distinction: "physical impairments", seedWords: "physical impairments", supports: "PT" },
  { distinction: "injury or chronic physical condition", seedWords: "suffered an injury or have a chronic physical condition", supports: "PT" },
  { distinction: "exercise and manual techniques", seedWords: "physical exercises and manual techniques", supports: "PT" },
  { distinction: "injury, on both sides", seedWords: "injury or illness", supports: "SHARED" },
];

describe("seed text", () => {
  it("the local copy is non-empty and, where the shared seed is present, byte-identical to it", () => {
    const local = readFileSync(SEED_URL);
    expect(local.length).toBeGreaterThan(0);
    if (existsSync(SHARED_SEED_URL)) expect(local.equals(readFileSync(SHARED_SEED_URL))).toBe(true);
  });

  it("every seed sentence the engine quotes occurs verbatim", () => {
    for (const sentence of Object.values(SEED_SENTENCES)) expect(seed).toContain(sentence);
    expect(seed).toContain(NEEDS_ASSESSMENT_SOURCE);
  });
});

describe("rules", () => {
  it("every rule's source occurs verbatim in the seed", () => {
    for (const rule of RULES) expect(seed, rule.id).toContain(rule.source);
  });

  it("every rule's distinction is words of its own source", () => {
    for (const rule of RULES) expect(rule.source, rule.id).toContain(rule.distinction);
  });

  it.each(DISTINCTIONS)("the distinction '$distinction' has a $supports rule", ({ seedWords, supports }) => {
    expect(seed).toContain(seedWords);
    const resting = RULES.filter((rule) => rule.supports === supports && rule.distinction.includes(seedWords));
    expect(resting.length).toBeGreaterThan(0);
  });

  it("rule ids are unique", () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every rule matches something and has a positive weight", () => {
    for (const rule of RULES) {
      const matches = rule.needs.length + rule.conditions.length + rule.phrases.length + rule.abbreviations.length;
      expect(matches, rule.id).toBeGreaterThan(0);
      expect(rule.weight, rule.id).toBeGreaterThan(0);
    }
  });

  it("every need and condition code has a rule resting on the code's own seed sentence", () => {
    for (const entry of needCatalog.needs) {
      const rules = RULES.filter((rule) => rule.needs.includes(entry.code));
      expect(rules.map((rule) => rule.source), entry.code).toContain(entry.source);
    }
    for (const entry of needCatalog.conditions) {
      const rules = RULES.filter((rule) => rule.conditions.includes(entry.code));
      expect(rules.map((rule) => rule.source), entry.code).toContain(entry.source);
    }
  });

  it("the catalogue lists every code once, in code order, with a label, description and group", () => {
    expect(needCatalog.needs.map((entry) => entry.code)).toEqual([...NEED_CODES]);
    expect(needCatalog.conditions.map((entry) => entry.code)).toEqual([...CONDITION_CODES]);
    for (const entry of [...needCatalog.needs, ...needCatalog.conditions]) {
      expect(entry.label.length, entry.code).toBeGreaterThan(0);
      expect(entry.description.length, entry.code).toBeGreaterThan(0);
      expect(entry.group.length, entry.code).toBeGreaterThan(0);
    }
  });

  it("injury alone is shared evidence with no effect on the decision", () => {
    const injury = RULES.find((rule) => rule.phrases.includes("injury"));
    expect(injury?.supports).toBe("SHARED");
    const result = triage({ notes: "Injury last week." });
    expect(result.scores).toMatchObject({ OT: 0, PT: 0 });
    expect(result.recommendation).toBe("NEEDS_ASSESSMENT");
  });

  it("the ruleset version is a date and a counter", () => {
    expect(RULESET_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
  });

  it("refuses a phrase claimed by two rules, or by a rule and the language", () => {
    const vocabulary = (phrases: string[]) => ({ phrases, abbreviations: [] });
    expect(() => compileNotesMatcher([vocabulary(["knee pain"]), vocabulary(["Knee-pain"])])).toThrow(/two meanings/);
    expect(() => compileNotesMatcher([vocabulary(["denies"])])).toThrow(/two meanings/);
  });
});
