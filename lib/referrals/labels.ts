import type { DeclineReason, Discipline, Recommendation, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";

/**
 * The referral's enums in words, for what leaves the portal (the FHIR
 * export's displays, the letter). The UI keeps its own in components/labels.ts.
 */

export const DISCIPLINE_NAMES: Readonly<Record<Discipline, string>> = {
  OCCUPATIONAL_THERAPY: "Occupational therapy",
  PHYSIOTHERAPY: "Physiotherapy",
};

export const RECOMMENDATION_NAMES: Readonly<Record<Recommendation, string>> = {
  OCCUPATIONAL_THERAPY: "Occupational therapy",
  PHYSIOTHERAPY: "Physiotherapy",
  BOTH: "Both occupational therapy and physiotherapy",
  NEEDS_ASSESSMENT: "Assess first",
};

/** What a referral sent to assess first asks of its service, in the Bundle and the letter alike. */
export const ASSESS_FIRST_REQUEST = "Assess first: please assess which therapy would be best, and redirect to the other discipline if that is the one.";

export const PRIORITY_NAMES: Readonly<Record<ReferralPriority, string>> = {
  ROUTINE: "Routine",
  URGENT: "Urgent",
  ASAP: "ASAP",
  STAT: "Stat (immediately)",
};

export const STATUS_NAMES: Readonly<Record<ReferralStatus, string>> = {
  SENT: "Sent",
  AWAITING_REFERRER: "Awaiting the referrer's answer",
  ACCEPTED: "Accepted",
  IN_PROGRESS: "In progress",
  DECLINED: "Declined",
  REDIRECTED: "Redirected",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
};

export const DECLINE_REASON_NAMES: Readonly<Record<DeclineReason, string>> = {
  NOT_ELIGIBLE: "Not eligible for the service",
  OUTSIDE_SERVICE_AREA: "Outside the service area",
  WRONG_DISCIPLINE: "Wrong discipline",
  NEEDS_MEDICAL_REVIEW: "Needs medical review first",
  DUPLICATE: "Duplicate referral",
  PATIENT_DECLINED: "Patient declined",
  OTHER: "Other",
};
