/** The triage engine's public API: the GraphQL layer, the UI and the scripts import from here only. */
export { triage } from "./engine";
export type { Assertion, Evidence, Finding, MatchedRule, TriageInput, TriageResult } from "./engine";
export { RULESET_VERSION } from "./rules";
export type { Discipline } from "./rules";
export { RECOMMENDATIONS } from "./policy";
export type { Recommendation, TriageScores } from "./policy";
export {
  CONDITION_CODES,
  DOMAIN_GROUPS,
  NEED_CODES,
  conditionEntry,
  needCatalog,
  needEntry,
} from "./catalog";
export type {
  CatalogEntry,
  ConditionCode,
  ConditionEntry,
  DomainGroup,
  NeedCatalog,
  NeedCode,
  NeedEntry,
  SeedSentence,
} from "./catalog";
export { NOTES_MAX_LENGTH, needsInputSchema } from "./schema";
export type { NeedsInput, ValidNeedsInput } from "./schema";
