import type { Discipline, ReferralStatus, Role } from "@/lib/generated/prisma/enums";
import type { Recommendation } from "@/lib/triage";

/** DESIGN.md: SENT → ACCEPTED | DECLINED | CANCELLED; ACCEPTED → COMPLETED | CANCELLED; nothing else. */
export const TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  SENT: ["ACCEPTED", "DECLINED", "CANCELLED"],
  ACCEPTED: ["COMPLETED", "CANCELLED"],
  DECLINED: [],
  COMPLETED: [],
  CANCELLED: [],
};

/** Accepting, declining and completing act for the therapy service: an ADMIN of the clinic in this version. */
const SERVICE_STATUSES: readonly ReferralStatus[] = ["ACCEPTED", "DECLINED", "COMPLETED"];

export function isAllowedTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether this viewer may make this (valid) transition: the author cancels, an ADMIN does the rest. */
export function mayChangeStatus(
  viewer: { id: string; role: Role },
  referral: { authorId: string },
  to: ReferralStatus,
): boolean {
  if (to === "CANCELLED") return viewer.id === referral.authorId;
  return SERVICE_STATUSES.includes(to) && viewer.role === "ADMIN";
}

export function allowedTransitions(
  viewer: { id: string; role: Role },
  referral: { authorId: string; status: ReferralStatus },
): ReferralStatus[] {
  return TRANSITIONS[referral.status].filter((to) => mayChangeStatus(viewer, referral, to));
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
