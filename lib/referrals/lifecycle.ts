import type { Discipline, ReferralStatus, Role } from "@/lib/generated/prisma/enums";
import { mayChangeReferralStatus } from "@/lib/permissions";
import type { Recommendation } from "@/lib/triage";

/** The referral lifecycle (README, "What a clinician sees"): SENT → ACCEPTED | DECLINED | CANCELLED; ACCEPTED → COMPLETED | CANCELLED; nothing else. */
export const TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  SENT: ["ACCEPTED", "DECLINED", "CANCELLED"],
  ACCEPTED: ["COMPLETED", "CANCELLED"],
  DECLINED: [],
  COMPLETED: [],
  CANCELLED: [],
};

export function isAllowedTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses this viewer may move this referral to now: the lifecycle's transitions the permissions allow them. */
export function allowedTransitions(
  viewer: { id: string; role: Role },
  referral: { authorId: string; status: ReferralStatus },
): ReferralStatus[] {
  return TRANSITIONS[referral.status].filter((to) => mayChangeReferralStatus(viewer, referral, to));
}

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
