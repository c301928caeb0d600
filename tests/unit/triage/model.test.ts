import { describe, expect, it } from "vitest";
import { RULESET_VERSION } from "@/lib/triage";
import { readForModel } from "@/lib/triage/engine";
import { CLASSES, encode, FEATURE_NAMES, logits, maskedSoftmax, triageModel } from "@/lib/triage/learned";
import MODEL from "@/lib/triage/model.json";
import { sha256Of } from "@/scripts/support/triage-evaluation";
import { EVALUATION_FOLDER, loadTuningSets, setFiles } from "@/scripts/support/triage-sets";
import { train, type Example } from "@/scripts/support/triage-training";

describe("the committed model (lib/triage/model.json)", () => {
  it("was trained on the features and ruleset the rules give now", () => {
    expect(MODEL.features).toEqual(FEATURE_NAMES);
    expect(MODEL.rulesetVersion).toBe(RULESET_VERSION);
    expect(MODEL.weights).toHaveLength(CLASSES.length);
    for (const row of MODEL.weights) expect(row).toHaveLength(FEATURE_NAMES.length);
  });

  it("was trained on exactly the tuning sets as committed, and on no evaluation set", () => {
    const trainedOn = MODEL.trainedOn.filter((set) => set.set !== "written-cases");
    expect(trainedOn).toEqual(loadTuningSets().map((set) => ({ set: set.name, sha256: sha256Of(set.file), notes: set.cases.length })));
    const evaluation = new Set(setFiles(EVALUATION_FOLDER).map((file) => file.replace(/\.json$/, "")));
    expect(trainedOn.filter((set) => evaluation.has(set.set))).toEqual([]);
  });

  it("has a calibration temperature chosen on held-out sets", () => {
    expect(MODEL.temperature).toBeGreaterThan(0);
    expect(MODEL.crossValidation.method).toBe("leave one tuning set out");
    expect(MODEL.crossValidation.notes).toBeGreaterThan(1000);
    expect(triageModel().temperature).toBe(MODEL.temperature);
  });
});

describe("the masked softmax", () => {
  it("gives a disallowed answer no probability and the allowed ones all of it", () => {
    const out = new Float64Array(CLASSES.length);
    maskedSoftmax(Float64Array.from([5, 1, 9, 2]), [true, true, false, true], 1, out);
    expect(out[2]).toBe(0);
    expect(out[0]! + out[1]! + out[3]!).toBeCloseTo(1, 12);
    expect(out[0]).toBeGreaterThan(out[3]!);
  });

  it("flattens with a higher temperature and sharpens with a lower one", () => {
    const scores = Float64Array.from([2, 1, 0, 0]);
    const allowed = [true, true, true, true];
    const hot = maskedSoftmax(scores, allowed, 4, new Float64Array(4))[0]!;
    const cold = maskedSoftmax(scores, allowed, 0.5, new Float64Array(4))[0]!;
    expect(cold).toBeGreaterThan(hot);
  });
});

describe("training (scripts/support/triage-training.ts)", () => {
  const notes: [string, number][] = [
    ["Struggling to dress and cook since her stroke; needs help in the shower.", CLASSES.indexOf("OCCUPATIONAL_THERAPY")],
    ["Knee pain after a fall, walking with a limp, wants to get back to running.", CLASSES.indexOf("PHYSIOTHERAPY")],
    ["Cannot get washed or make meals, and falls walking to the kitchen with a painful hip.", CLASSES.indexOf("BOTH")],
    ["Known COPD.", CLASSES.indexOf("NEEDS_ASSESSMENT")],
  ];
  const examples: Example[] = notes.map(([text, label]) => {
    const features = encode(readForModel({ notes: text }).reading);
    return {
      set: "written",
      columns: features.columns.slice(0, features.count),
      values: features.values.slice(0, features.count),
      allowed: CLASSES.map(() => true),
      label,
    };
  });

  it("gives the same weights from the same examples", () => {
    const first = train(examples, 30);
    const second = train(examples, 30);
    expect(first.map((row) => [...row])).toEqual(second.map((row) => [...row]));
  });

  it("learns the examples it is given", () => {
    const weights = train(examples, 200);
    const out = new Float64Array(CLASSES.length);
    for (const example of examples) {
      const features = { columns: example.columns, values: example.values, count: example.columns.length };
      maskedSoftmax(logits({ weights }, features, out), example.allowed, 1, out);
      expect(out.indexOf(Math.max(...out))).toBe(example.label);
    }
  });
});
