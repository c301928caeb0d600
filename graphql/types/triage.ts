import { builder } from "@/graphql/builder";
import { parseInput } from "@/lib/validation";
import {
  CONDITION_CODES,
  DOMAIN_GROUPS,
  NEED_CODES,
  RECOMMENDATIONS,
  conditionEntry,
  needCatalog,
  needEntry,
  needsInputSchema,
  triage,
  type CatalogEntry,
  type Discipline as TriageDiscipline,
  type Evidence,
  type Finding,
  type MatchedRule,
  type TriageResult,
} from "@/lib/triage";

export const NeedCode = builder.enumType("NeedCode", { values: NEED_CODES });
export const ConditionCode = builder.enumType("ConditionCode", { values: CONDITION_CODES });
export const Recommendation = builder.enumType("Recommendation", { values: RECOMMENDATIONS });

const SIDES: Record<TriageDiscipline, "OCCUPATIONAL_THERAPY" | "PHYSIOTHERAPY" | "SHARED"> = {
  OT: "OCCUPATIONAL_THERAPY",
  PT: "PHYSIOTHERAPY",
  SHARED: "SHARED",
};
const TriageSide = builder.enumType("TriageSide", {
  description: "Which discipline a rule supports; SHARED evidence the seed gives to both, and it decides nothing.",
  values: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY", "SHARED"] as const,
});
const EvidenceKind = builder.enumType("EvidenceKind", { values: ["NEED", "CONDITION", "NOTES"] as const });

const CatalogEntryRef = builder.objectRef<CatalogEntry<string>>("CatalogEntry").implement({
  description: "A need or condition code with its label, description, domain group and the seed sentence behind it.",
  fields: (t) => ({
    code: t.exposeString("code"),
    label: t.exposeString("label"),
    description: t.exposeString("description"),
    group: t.exposeString("group"),
    source: t.exposeString("source", { description: "The sentence of the source document, verbatim." }),
  }),
});

const NeedCatalogRef = builder.objectRef<typeof needCatalog>("NeedCatalog").implement({
  fields: (t) => ({
    needs: t.field({ type: [CatalogEntryRef], resolve: (catalog) => [...catalog.needs] }),
    conditions: t.field({ type: [CatalogEntryRef], resolve: (catalog) => [...catalog.conditions] }),
    groups: t.stringList({ description: "Domain groups in display order.", resolve: () => [...DOMAIN_GROUPS] }),
  }),
});

const TriageScores = builder.objectRef<TriageResult["scores"]>("TriageScores").implement({
  fields: (t) => ({
    occupationalTherapy: t.float({ resolve: (scores) => scores.OT }),
    physiotherapy: t.float({ resolve: (scores) => scores.PT }),
    shared: t.float({ resolve: (scores) => scores.SHARED }),
  }),
});

const TriageEvidence = builder.objectRef<Evidence>("TriageEvidence").implement({
  description: "What in the referral matched a rule: a logged code, or a span of the notes.",
  fields: (t) => ({
    kind: t.field({ type: EvidenceKind, resolve: (evidence) => evidence.kind }),
    code: t.string({ nullable: true, resolve: (evidence) => (evidence.kind === "NOTES" ? null : evidence.code) }),
    label: t.string({
      nullable: true,
      resolve: (evidence) =>
        evidence.kind === "NEED" ? needEntry(evidence.code).label : evidence.kind === "CONDITION" ? conditionEntry(evidence.code).label : null,
    }),
    text: t.string({ nullable: true, resolve: (evidence) => (evidence.kind === "NOTES" ? evidence.text : null) }),
    start: t.int({ nullable: true, resolve: (evidence) => (evidence.kind === "NOTES" ? evidence.start : null) }),
    end: t.int({ nullable: true, resolve: (evidence) => (evidence.kind === "NOTES" ? evidence.end : null) }),
  }),
});

const FindingAssertion = builder.enumType("FindingAssertion", {
  description:
    "Whether a finding is the patient's present problem, or why it is set aside: named as history, denied, a normal finding, resolved, possible or feared (or not yet examined), or someone else's.",
  values: ["PRESENT", "HISTORICAL", "ABSENT", "NORMAL", "RESOLVED", "HYPOTHETICAL", "SOMEONE_ELSE"] as const,
});
const FindingKind = builder.enumType("FindingKind", {
  description: "What a rule names: something the person cannot do (FUNCTION), an injury, a condition (DIAGNOSIS), or circumstances (CONTEXT).",
  values: ["FUNCTION", "INJURY", "DIAGNOSIS", "CONTEXT"] as const,
});

const TriageFindingRef = builder.objectRef<Finding>("TriageFinding").implement({
  description: "A rule's match in the referral (a logged code or a span of the notes), present or set aside, and why.",
  fields: (t) => ({
    ruleId: t.exposeString("ruleId"),
    supports: t.field({ type: TriageSide, resolve: (finding) => SIDES[finding.supports] }),
    kind: t.field({ type: FindingKind, resolve: (finding) => finding.kind }),
    assertion: t.field({ type: FindingAssertion, resolve: (finding) => finding.assertion }),
    problem: t.exposeBoolean("problem", { description: "It names a problem, stands with a difficulty, or is a logged need." }),
    counted: t.exposeBoolean("counted", { description: "It carries the recommendation." }),
    evidence: t.field({ type: TriageEvidence, resolve: (finding) => finding.evidence }),
  }),
});

const MatchedRuleRef = builder.objectRef<MatchedRule>("MatchedRule").implement({
  fields: (t) => ({
    ruleId: t.exposeString("ruleId"),
    supports: t.field({ type: TriageSide, resolve: (rule) => SIDES[rule.supports] }),
    weight: t.exposeFloat("weight"),
    distinction: t.exposeString("distinction", { description: "The words of the source sentence the rule rests on." }),
    source: t.exposeString("source", { description: "The sentence of the source document, verbatim." }),
    evidence: t.field({ type: [TriageEvidence], resolve: (rule) => [...rule.evidence] }),
  }),
});

export const TriageResultRef = builder.objectRef<TriageResult>("TriageResult").implement({
  description: "A recommendation with the rules it rests on and the ruleset version that produced it.",
  fields: (t) => ({
    recommendation: t.field({ type: Recommendation, resolve: (result) => result.recommendation }),
    scores: t.field({ type: TriageScores, resolve: (result) => result.scores }),
    confidence: t.exposeFloat("confidence"),
    reason: t.exposeString("reason"),
    decisionSource: t.exposeString("decisionSource", { nullable: true }),
    matchedRules: t.field({ type: [MatchedRuleRef], resolve: (result) => [...result.matchedRules] }),
    findings: t.field({
      type: [TriageFindingRef],
      description: "Every finding, present or set aside; empty for results of rulesets before 2026-12-07.1, which kept none.",
      // Results stored before findings existed have none.
      resolve: (result) => [...(result.findings ?? [])],
    }),
    hint: t.field({
      type: Recommendation,
      nullable: true,
      description: "For assess first: the discipline the seed associates with the conditions named, when that is all the notes say.",
      resolve: (result) => result.hint ?? null,
    }),
    rulesetVersion: t.exposeString("rulesetVersion"),
  }),
});

export const NeedsInput = builder.inputType("NeedsInput", {
  fields: (t) => ({
    needs: t.field({ type: [NeedCode], required: false }),
    conditions: t.field({ type: [ConditionCode], required: false }),
    notes: t.string({ required: false }),
  }),
});

builder.queryFields((t) => ({
  needCatalog: t.field({
    type: NeedCatalogRef,
    description: "The need and condition codes, grouped by domain, with the seed sentence behind each.",
    resolve: () => needCatalog,
  }),
  triage: t.field({
    type: TriageResultRef,
    description: "A preview of the recommendation for these needs; writes nothing.",
    args: { input: t.arg({ type: NeedsInput, required: true }) },
    resolve: (_root, args) => triage(parseInput(needsInputSchema, args.input, ["input"])),
  }),
}));
