import type { Discipline } from "@/lib/generated/prisma/enums";
import type { Recommendation } from "@/lib/triage";

/** The disciplines a recommendation itself names; choosing any other set is an override. */
export function recommendedDisciplines(recommendation: Recommendation): Discipline[] {
  switch (recommendation) {
    case "OCCUPATIONAL_THERAPY":
      return ["OCCUPATIONAL_THERAPY"];
    case "PHYSIOTHERAPY":
      return ["PHYSIOTHERAPY"];
    case "BOTH":
      return ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"];
    case "NEEDS_ASSESSMENT":
      return [];
  }
}

/**
 * Whether the referral as sent follows the recommendation. Assessing first is
 * sent to one service chosen to assess: it follows an assess-first
 * recommendation and overrides any other.
 */
export function followsRecommendation(recommendation: Recommendation, disciplines: readonly Discipline[], assessFirst = false): boolean {
  if (assessFirst) return recommendation === "NEEDS_ASSESSMENT";
  const recommended = recommendedDisciplines(recommendation);
  return recommended.length === disciplines.length && recommended.every((discipline) => disciplines.includes(discipline));
}
