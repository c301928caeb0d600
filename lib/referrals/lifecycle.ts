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

export function followsRecommendation(recommendation: Recommendation, disciplines: readonly Discipline[]): boolean {
  const recommended = recommendedDisciplines(recommendation);
  return recommended.length === disciplines.length && recommended.every((discipline) => disciplines.includes(discipline));
}
