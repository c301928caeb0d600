/**
 * The words the portal shows for the API's enum values, in one place so every page says the same thing.
 * Each record is keyed by the enum type generated from the schema: a new value fails typecheck until it
 * has words here, and the lists the filters offer are the records' keys, in the order written here.
 */
import type {
  AuditOutcome,
  CancelReason,
  DeclineReason,
  Discipline,
  FindingAssertion,
  PartAction,
  Recommendation,
  ReferralPriority,
  ReferralStatus,
  Role,
  TriageSide,
} from "@/lib/generated/graphql/graphql";

import { formatCalendarDate, formatInstant } from "@/lib/dates";

export type {
  AuditOutcome,
  CancelReason,
  DeclineReason,
  Discipline,
  FindingAssertion,
  PartAction,
  Recommendation,
  ReferralPriority,
  ReferralStatus,
  Role,
  TriageSide,
};

/** The values of an enum, in the order its label record lists them. */
function valuesOf<Value extends string>(labels: Record<Value, string>): readonly Value[] {
  return Object.keys(labels) as Value[];
}

export const DISCIPLINE_LABELS: Record<Discipline, string> = {
  OCCUPATIONAL_THERAPY: "Occupational therapy",
  PHYSIOTHERAPY: "Physiotherapy",
};

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  OCCUPATIONAL_THERAPY: "Occupational therapy",
  PHYSIOTHERAPY: "Physiotherapy",
  BOTH: "Both occupational therapy and physiotherapy",
  NEEDS_ASSESSMENT: "Assess first",
};

/** Why a finding of the notes does not count as the patient's present problem, in a word or two. */
export const ASSERTION_LABELS: Record<FindingAssertion, string> = {
  PRESENT: "present",
  HISTORICAL: "in the past",
  ABSENT: "denied",
  NORMAL: "normal",
  RESOLVED: "resolved",
  HYPOTHETICAL: "possible or feared, not present",
  SOMEONE_ELSE: "someone else's",
};

/** Below this confidence the portal says "check this": answers above it agreed with readers 97% of the time (lib/triage/README.md). */
export const CHECK_THIS_BELOW = 0.8;

export const SIDE_LABELS: Record<TriageSide, string> = {
  OCCUPATIONAL_THERAPY: "Occupational therapy",
  PHYSIOTHERAPY: "Physiotherapy",
  SHARED: "Shared by both",
};

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  SENT: "Sent",
  AWAITING_REFERRER: "Question for the referrer",
  ACCEPTED: "Accepted",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  DECLINED: "Declined",
  REDIRECTED: "Redirected",
  CANCELLED: "Cancelled",
};

/** The coded reasons a service gives for declining (NHS e-RS style). */
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  NOT_ELIGIBLE: "Not eligible",
  OUTSIDE_SERVICE_AREA: "Outside the service area",
  WRONG_DISCIPLINE: "Wrong discipline: redirect",
  NEEDS_MEDICAL_REVIEW: "Needs medical review first",
  DUPLICATE: "Duplicate",
  PATIENT_DECLINED: "Patient declined",
  OTHER: "Other",
};

/** The coded reasons a referrer gives for cancelling. */
export const CANCEL_REASON_LABELS: Record<CancelReason, string> = {
  NO_LONGER_NEEDED: "No longer needed",
  PATIENT_WITHDREW: "Patient withdrew",
  REFERRED_ELSEWHERE: "Referred elsewhere",
  SENT_IN_ERROR: "Sent in error",
  DUPLICATE: "Duplicate",
  OTHER: "Other (say why)",
};

/** What an event of a part's timeline says happened. */
export const ACTION_LABELS: Record<PartAction, string> = {
  SEND: "Sent",
  ACCEPT: "Accepted",
  DECLINE: "Declined",
  REDIRECT: "Redirected",
  ASK_QUESTION: "Asked a question",
  ANSWER_QUESTION: "Answered the question",
  START: "Started",
  COMPLETE: "Completed with an outcome",
  ACKNOWLEDGE_OUTCOME: "Acknowledged the outcome",
  CANCEL: "Cancelled",
};

export const PRIORITY_LABELS: Record<ReferralPriority, string> = {
  ROUTINE: "Routine",
  URGENT: "Urgent",
  ASAP: "ASAP",
  STAT: "Stat",
};

export const ROLE_LABELS: Record<Role, string> = {
  CLINICIAN: "Clinician",
  ADMIN: "Administrator",
  THERAPIST: "Therapist",
};

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  SUCCESS: "Done",
  FAILURE: "Failed",
  DENIED: "Refused",
};

export const DISCIPLINES = valuesOf(DISCIPLINE_LABELS);
export const REFERRAL_STATUSES = valuesOf(STATUS_LABELS);
export const REFERRAL_PRIORITIES = valuesOf(PRIORITY_LABELS);
export const ROLES = valuesOf(ROLE_LABELS);
export const DECLINE_REASONS = valuesOf(DECLINE_REASON_LABELS);
export const CANCEL_REASONS = valuesOf(CANCEL_REASON_LABELS);
export const TRIAGE_SIDES = valuesOf(SIDE_LABELS);

export function disciplinesLabel(disciplines: readonly Discipline[]): string {
  return disciplines.length === 0 ? "None yet" : disciplines.map((discipline) => DISCIPLINE_LABELS[discipline]).join(" and ");
}

export function personName(person: { givenName: string; familyName: string }): string {
  return `${person.givenName} ${person.familyName}`;
}

/** A DateTime from the API, in the reader's own time zone: "14 Mar 2026, 09:05". */
export function formatDateTime(iso: string): string {
  return formatInstant(new Date(iso));
}

/** The same to the second, where the order of events matters (the audit trail): "14 Mar 2026, 09:05:31". */
export function formatFullDateTime(iso: string): string {
  return formatInstant(new Date(iso), { seconds: true });
}

/** A calendar Date ("YYYY-MM-DD") from the API, as the clinic writes it: "14 Mar 1941"; no time zone can move it a day. */
export function formatDate(date: string): string {
  return formatCalendarDate(date);
}

/** A working-day count, e.g. "1 working day". */
export function workingDays(count: number): string {
  return `${count} working ${count === 1 ? "day" : "days"}`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
