import type { DashboardDecision, DashboardDirection, DeclineReason } from "@/lib/generated/graphql/graphql";

export const DIRECTION_LABELS: Record<DashboardDirection, string> = {
  SENT: "Sent",
  RECEIVED: "Received",
};

export const DECISION_LABELS: Record<DashboardDecision, string> = {
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  REDIRECTED: "Redirected",
  QUESTION_ASKED: "Question asked",
  UNDECIDED: "No decision yet",
};

export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  NOT_ELIGIBLE: "not eligible",
  OUTSIDE_SERVICE_AREA: "outside the service area",
  WRONG_DISCIPLINE: "wrong discipline",
  NEEDS_MEDICAL_REVIEW: "needs medical review",
  DUPLICATE: "duplicate",
  PATIENT_DECLINED: "patient declined",
  OTHER: "other reason",
};

export const percent = (rate: number | null) => (rate === null ? "–" : `${(rate * 100).toFixed(1)}%`);
export const days = (value: number | null) => (value === null ? "–" : String(value));

/** A waiting-list band: "0–1 weeks", …, "18–52 weeks", "52+ weeks". */
export const bandLabel = (band: { fromWeeks: number; toWeeks: number | null }) =>
  band.toWeeks === null ? `${band.fromWeeks}+ weeks` : `${band.fromWeeks}–${band.toWeeks} weeks`;
