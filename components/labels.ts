/**
 * The words the portal shows for the API's enum values, in one place so every page says the same thing.
 * Each record is keyed by the enum type generated from the schema: a new value fails typecheck until it
 * has words here, and the lists the filters offer are the records' keys, in the order written here.
 */
import type {
  AuditOutcome,
  Discipline,
  Recommendation,
  ReferralPriority,
  ReferralStatus,
  Role,
  TriageSide,
} from "@/lib/generated/graphql/graphql";

export type { AuditOutcome, Discipline, Recommendation, ReferralPriority, ReferralStatus, Role, TriageSide };

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

export const SIDE_LABELS: Record<TriageSide, string> = {
  OCCUPATIONAL_THERAPY: "Occupational therapy",
  PHYSIOTHERAPY: "Physiotherapy",
  SHARED: "Shared by both",
};

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  SENT: "Sent",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
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
export const TRIAGE_SIDES = valuesOf(SIDE_LABELS);

export function disciplinesLabel(disciplines: readonly Discipline[]): string {
  return disciplines.length === 0 ? "None yet" : disciplines.map((discipline) => DISCIPLINE_LABELS[discipline]).join(" and ");
}

export function personName(person: { givenName: string; familyName: string }): string {
  return `${person.givenName} ${person.familyName}`;
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A DateTime from the API, in the reader's own time zone. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** A calendar Date ("YYYY-MM-DD") from the API; read as UTC so no time zone can move it a day. */
export function formatDate(date: string): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
