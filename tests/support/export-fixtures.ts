import type { DeclineReason, Discipline, ReferralStatus } from "@/lib/generated/prisma/enums";
import type { ExportAttachment, ExportClinic, ExportPart, ExportReferral, ExportService } from "@/lib/referrals/export";
import { triage, type TriageResult } from "@/lib/triage";

/** Referrals as lib/referrals/export.ts loads them, made in memory for the pure builders' tests. */

export const RIVERSIDE: ExportClinic = {
  id: "019ac0de-0000-7000-8000-000000000001",
  name: "Riverside Community Clinic",
  addressLine1: "12 Riverside Walk",
  addressLine2: null,
  city: "Northam",
  postalCode: "NM1 4RS",
};
export const HILLVIEW: ExportClinic = {
  id: "019ac0de-0000-7000-8000-000000000002",
  name: "Hillview Health Centre",
  addressLine1: "3 Hillview Road",
  addressLine2: null,
  city: "Easton",
  postalCode: "ES2 7HV",
};

const UNDESCRIBED = { description: null, eligibilityCriteria: null, exclusions: null, contactPhone: null, contactEmail: null, address: null, closedAt: null };

export const SERVICES: Record<Discipline, ExportService> = {
  OCCUPATIONAL_THERAPY: {
    ...UNDESCRIBED,
    id: "019ac0de-0000-7000-8000-000000000101",
    name: "Riverside Occupational Therapy",
    discipline: "OCCUPATIONAL_THERAPY",
    clinic: RIVERSIDE,
  },
  // Described as an administrator would (lib/services): the HealthcareService carries it.
  PHYSIOTHERAPY: {
    ...UNDESCRIBED,
    id: "019ac0de-0000-7000-8000-000000000202",
    name: "Hillview Physiotherapy",
    discipline: "PHYSIOTHERAPY",
    clinic: HILLVIEW,
    description: "Community physiotherapy for adults: mobility, falls, and recovery after surgery or injury.",
    eligibilityCriteria: "Adults (18+) registered with a GP in Easton.",
    exclusions: "Acute spinal cord injury; children.",
    contactPhone: "01632 960 123",
    contactEmail: "physio@hillview.example",
    address: "3 Hillview Road\nEaston ES2 7HV",
  },
};

const SENT_AT = new Date("2026-11-20T09:30:00.000Z");
let partCounter = 0;

/** A part in `status` with what that status records (a decline's reason, an outcome, a redirect's next service). */
export function part(discipline: Discipline, status: ReferralStatus, overrides: Partial<ExportPart> = {}): ExportPart {
  partCounter += 1;
  const decided = status !== "SENT" && status !== "AWAITING_REFERRER" && status !== "CANCELLED";
  return {
    id: `019ac0de-0000-7000-8000-${String(900000000000 + partCounter)}`,
    discipline,
    status,
    sentAt: SENT_AT,
    decidedAt: decided ? new Date("2026-11-21T10:00:00.000Z") : null,
    completedAt: status === "COMPLETED" ? new Date("2026-11-28T16:00:00.000Z") : null,
    updatedAt: new Date("2026-11-28T16:00:00.000Z"),
    declineReason: status === "DECLINED" ? ("OUTSIDE_SERVICE_AREA" as DeclineReason) : null,
    declineComment: status === "DECLINED" ? "The patient lives outside our area; try the community team." : null,
    outcomeProvided: status === "COMPLETED" ? "Six sessions of gait and balance training." : null,
    outcomeRecommendations: status === "COMPLETED" ? "Keep up the home exercise programme." : null,
    outcomeScore: status === "COMPLETED" ? 3.5 : null,
    outcomeAcknowledgedAt: null,
    service: SERVICES[discipline],
    redirectedTo: status === "REDIRECTED" ? [{ service: { name: "Hillview Physiotherapy" } }] : [],
    ...overrides,
  };
}

// A self-care picture the engine recommends occupational therapy for, so the referral to both is an override.
const NEEDS = { needs: ["SELF_CARE", "HOUSEHOLD_TASKS"], conditions: ["STROKE"], notes: "Since her stroke she cannot get dressed alone or get in and out of the bath. Lives alone; daughter visits weekly." };

/** A patient with no contact details recorded, as every patient was before they could be. */
export const NO_CONTACT = {
  addressLine1: null,
  addressLine2: null,
  city: null,
  postalCode: null,
  phone: null,
  email: null,
  gpPractice: null,
  nextOfKinName: null,
  nextOfKinRelationship: null,
  nextOfKinPhone: null,
  preferredLanguage: null,
  interpreterNeeded: false,
};

/** A patient whose record holds every contact detail. */
export const FULL_CONTACT = {
  addressLine1: "14 Mill Lane",
  addressLine2: "Flat 2",
  city: "Northam",
  postalCode: "NM2 7QP",
  phone: "01632 960 123",
  email: "margaret.ellis@example.org",
  gpPractice: "Riverside Medical Practice",
  nextOfKinName: "Joan Ellis",
  nextOfKinRelationship: "Daughter",
  nextOfKinPhone: "07700 900 456",
  preferredLanguage: "Welsh",
  interpreterNeeded: true,
};

export function exportReferral(parts: ExportPart[], overrides: Partial<ExportReferral> = {}): ExportReferral {
  const result = triage(NEEDS as Parameters<typeof triage>[0]) as TriageResult;
  return {
    id: "019ac0de-0000-7000-8000-00000000a001",
    createdAt: SENT_AT,
    updatedAt: SENT_AT,
    priority: "URGENT",
    needs: NEEDS.needs,
    conditions: NEEDS.conditions,
    notes: NEEDS.notes,
    triage: result,
    disciplines: [...new Set(parts.map((each) => each.discipline))],
    overrideReason: null,
    assessFirst: false,
    clinic: RIVERSIDE,
    patient: {
      id: "019ac0de-0000-7000-8000-00000000b001",
      medicalRecordNumber: "RCC-1001",
      givenName: "Margaret",
      familyName: "Ellis",
      dateOfBirth: new Date("1941-03-14T00:00:00.000Z"),
      ...NO_CONTACT,
    },
    author: { id: "019ac0de-0000-7000-8000-00000000c001", name: "Amara Okafor", workPhone: null },
    parts,
    attachments: [],
    ...overrides,
  };
}

let attachments = 0;

/** An attachment of the referral (the referrer's, unless `partId` names a part), attached the day after sending. */
export function attachment(overrides: Partial<ExportAttachment> = {}): ExportAttachment {
  attachments += 1;
  return {
    id: `019ac0de-0000-7000-8000-0000000e${String(1000 + attachments).padStart(4, "0")}`,
    filename: "discharge letter.pdf",
    contentType: "application/pdf",
    size: 245_760,
    createdAt: new Date("2026-11-27T10:30:00.000Z"),
    partId: null,
    uploadedBy: { id: "019ac0de-0000-7000-8000-00000000c001", name: "Amara Okafor" },
    ...overrides,
  };
}
