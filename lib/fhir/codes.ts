import type { Coding } from "@medplum/fhirtypes";
import type { Discipline, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";

/**
 * The codes of the FHIR export: SNOMED CT for what a receiving system must
 * understand without knowing the portal, and the portal's own code systems
 * and identifier systems (namespaces under one base URL, not addresses to
 * fetch) for its catalogue, decline reasons and states.
 */

export const SNOMED = "http://snomed.info/sct";

/** The namespace of every code system, identifier system and extension the portal defines. */
export const PORTAL_BASE = "https://clinic-referral-portal.example/fhir";

export const SYSTEMS = {
  /** Identifies a referral (ServiceRequest.requisition: the parts of one referral share it). */
  referral: `${PORTAL_BASE}/sid/referral`,
  /** Identifies one discipline's part of a referral (ServiceRequest and Task identifier). */
  referralPart: `${PORTAL_BASE}/sid/referral-part`,
  clinic: `${PORTAL_BASE}/sid/clinic`,
  user: `${PORTAL_BASE}/sid/user`,
  service: `${PORTAL_BASE}/sid/therapy-service`,
  /** Medical record numbers are unique per clinic, so each clinic has a system of its own. */
  medicalRecordNumber: (clinicId: string) => `${PORTAL_BASE}/sid/clinic/${clinicId}/mrn`,
  need: `${PORTAL_BASE}/CodeSystem/need`,
  condition: `${PORTAL_BASE}/CodeSystem/condition`,
  recommendation: `${PORTAL_BASE}/CodeSystem/recommendation`,
  discipline: `${PORTAL_BASE}/CodeSystem/discipline`,
  declineReason: `${PORTAL_BASE}/CodeSystem/decline-reason`,
  referralStatus: `${PORTAL_BASE}/CodeSystem/referral-status`,
  taskReason: `${PORTAL_BASE}/CodeSystem/task-status-reason`,
  outcome: `${PORTAL_BASE}/CodeSystem/outcome`,
} as const;

export const EXTENSIONS = {
  /** On ServiceRequest: the triage recommendation, the rules it matched with their seed sentences, and any override. */
  triage: `${PORTAL_BASE}/StructureDefinition/triage-recommendation`,
  /** FHIR's own core extension on Patient: whether an interpreter is needed. */
  interpreterRequired: "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired",
} as const;

/** Patient.contact.relationship of a next of kin (HL7 v2 table 0131). */
export const NEXT_OF_KIN: Coding = { system: "http://terminology.hl7.org/CodeSystem/v2-0131", code: "N", display: "Next-of-Kin" };

/** DocumentReference.category: what the portal attaches to a referral (LOINC "Referral note"). */
export const REFERRAL_DOCUMENT: Coding = { system: "http://loinc.org", code: "57133-1", display: "Referral note" };

export const PATIENT_REFERRAL: Coding = { system: SNOMED, code: "3457005", display: "Patient referral" };

/** ServiceRequest.code: the procedure asked for. */
export const REFERRAL_PROCEDURE: Readonly<Record<Discipline, Coding>> = {
  OCCUPATIONAL_THERAPY: { system: SNOMED, code: "308453003", display: "Referral to occupational therapist" },
  PHYSIOTHERAPY: { system: SNOMED, code: "308447003", display: "Referral to physiotherapist" },
};

/** ServiceRequest.performerType: the occupation asked to perform it. */
export const PERFORMER_OCCUPATION: Readonly<Record<Discipline, Coding>> = {
  OCCUPATIONAL_THERAPY: { system: SNOMED, code: "80546007", display: "Occupational therapist" },
  PHYSIOTHERAPY: { system: SNOMED, code: "36682004", display: "Physiotherapist" },
};

export const REQUEST_PRIORITY: Readonly<Record<ReferralPriority, "routine" | "urgent" | "asap" | "stat">> = {
  ROUTINE: "routine",
  URGENT: "urgent",
  ASAP: "asap",
  STAT: "stat",
};

/** ServiceRequest.status per part status: the request stands while the service works on it, and is revoked when it will not be done here. */
export const REQUEST_STATUS: Readonly<Record<ReferralStatus, "active" | "completed" | "revoked">> = {
  SENT: "active",
  AWAITING_REFERRER: "active",
  ACCEPTED: "active",
  IN_PROGRESS: "active",
  DECLINED: "revoked",
  REDIRECTED: "revoked",
  COMPLETED: "completed",
  CANCELLED: "revoked",
};

type TaskStatus = "requested" | "on-hold" | "accepted" | "in-progress" | "rejected" | "completed" | "cancelled";

/** Task.status per part status (FHIR's Task state machine, as Medplum uses it for referrals). */
export const TASK_STATUS: Readonly<Record<ReferralStatus, TaskStatus>> = {
  SENT: "requested",
  AWAITING_REFERRER: "on-hold",
  ACCEPTED: "accepted",
  IN_PROGRESS: "in-progress",
  DECLINED: "rejected",
  // The service passed it on: this Task will not be done, a new part's Task carries on.
  REDIRECTED: "cancelled",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
};
