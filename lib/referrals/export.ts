import { visibleAttachments } from "@/lib/attachments";
import type { AuditOutcome } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { visibleTo, type TenantScope } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { DeclineReason, Discipline, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { findReferral } from "@/lib/referrals/service";
import { scopeOf, viewerOf, type RequestContext } from "@/lib/request/context";
import type { TriageResult } from "@/lib/triage";
import { isUuid } from "@/lib/validation";

/**
 * A referral as it leaves the portal (FHIR Bundle, letter): loaded once with
 * everything an export prints, and only what the viewer may see of it (the
 * referring clinic: every part; a receiving clinic: its own parts). The
 * builders in lib/fhir and lib/letters are pure functions of this shape.
 */

export interface ExportClinic {
  id: string;
  name: string;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  postalCode: string | null;
}

/** A receiving service as it describes itself (lib/services): the FHIR HealthcareService carries it. */
export interface ExportService {
  id: string;
  name: string;
  discipline: Discipline;
  description: string | null;
  eligibilityCriteria: string | null;
  exclusions: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
  /** Set when it closed to new referrals. */
  closedAt: Date | null;
  clinic: ExportClinic;
}

export interface ExportPart {
  id: string;
  discipline: Discipline;
  status: ReferralStatus;
  sentAt: Date;
  decidedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
  declineReason: DeclineReason | null;
  declineComment: string | null;
  outcomeProvided: string | null;
  outcomeRecommendations: string | null;
  outcomeScore: number | null;
  outcomeAcknowledgedAt: Date | null;
  service: ExportService;
  /** Where a REDIRECTED part went on to, when the viewer may see that part. */
  redirectedTo: { service: { name: string } }[];
}

/** A patient as an export prints them: identity and the contact details the services need. */
export interface ExportPatient {
  id: string;
  medicalRecordNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: Date;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  postalCode: string | null;
  phone: string | null;
  email: string | null;
  gpPractice: string | null;
  nextOfKinName: string | null;
  nextOfKinRelationship: string | null;
  nextOfKinPhone: string | null;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
}

/** An attachment the viewer may see, as a DocumentReference and a line of the letter. */
export interface ExportAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
  /** The part it belongs to (a service's outcome), or null: the referral's own. */
  partId: string | null;
  uploadedBy: { id: string; name: string };
}

export interface ExportReferral {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  priority: ReferralPriority;
  needs: string[];
  conditions: string[];
  notes: string;
  triage: TriageResult;
  disciplines: Discipline[];
  overrideReason: string | null;
  /** Sent to its one service to assess the patient first. */
  assessFirst: boolean;
  clinic: ExportClinic;
  patient: ExportPatient;
  author: { id: string; name: string; workPhone: string | null };
  /** Oldest first; only the parts the viewer may see. */
  parts: ExportPart[];
  /** Oldest first; only those the viewer may see. */
  attachments: ExportAttachment[];
}

export type ExportAction = "referral.export_fhir" | "referral.export_letter";

const CLINIC = { select: { id: true, name: true, addressLine1: true, addressLine2: true, city: true, postalCode: true } } as const;
const SERVICE_DESCRIPTION = {
  id: true,
  name: true,
  discipline: true,
  description: true,
  eligibilityCriteria: true,
  exclusions: true,
  contactPhone: true,
  contactEmail: true,
  address: true,
  closedAt: true,
} as const;

const PATIENT = {
  select: {
    id: true,
    medicalRecordNumber: true,
    givenName: true,
    familyName: true,
    dateOfBirth: true,
    addressLine1: true,
    addressLine2: true,
    city: true,
    postalCode: true,
    phone: true,
    email: true,
    gpPractice: true,
    nextOfKinName: true,
    nextOfKinRelationship: true,
    nextOfKinPhone: true,
    preferredLanguage: true,
    interpreterNeeded: true,
  },
} as const;

function exportQuery(scope: TenantScope, viewer: Viewer) {
  const visible = visibleTo(scope);
  return {
    select: {
      id: true,
      createdAt: true,
      updatedAt: true,
      priority: true,
      needs: true,
      conditions: true,
      notes: true,
      triage: true,
      disciplines: true,
      overrideReason: true,
      assessFirst: true,
      clinic: CLINIC,
      patient: PATIENT,
      author: { select: { id: true, name: true, workPhone: true } },
      // Nested relations escape the clinic scope of lib/db/tenant.ts: filtered here with the same conditions.
      parts: {
        where: visible.part,
        orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
        select: {
          id: true,
          discipline: true,
          status: true,
          sentAt: true,
          decidedAt: true,
          completedAt: true,
          updatedAt: true,
          declineReason: true,
          declineComment: true,
          outcomeProvided: true,
          outcomeRecommendations: true,
          outcomeScore: true,
          outcomeAcknowledgedAt: true,
          service: { select: { ...SERVICE_DESCRIPTION, clinic: CLINIC } },
          redirectedTo: { where: visible.part, select: { service: { select: { name: true } } } },
        },
      },
      attachments: {
        where: visibleAttachments(viewer),
        orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
        select: { id: true, filename: true, contentType: true, size: true, createdAt: true, partId: true, uploadedBy: { select: { id: true, name: true } } },
      },
    },
  };
}

const outcomeOf = (error: unknown): AuditOutcome =>
  error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN") ? "DENIED" : "FAILURE";

/**
 * Loads a referral for an export and records the export in the audit trail:
 * the export itself (an action of its own) and the patient whose data leaves,
 * so a search of the trail by patient finds it. A refused id is recorded as
 * DENIED before the refusal goes on (as NOT_FOUND: another clinic's referral
 * looks like none).
 */
export async function loadReferralForExport(context: RequestContext, id: string, action: ExportAction): Promise<ExportReferral> {
  const scope = scopeOf(context);
  try {
    const referral = (await findReferral(context, id, exportQuery(scope, viewerOf(context)))) as unknown as ExportReferral;
    context.audit.record(action, "Referral", [referral.id], "SUCCESS");
    context.audit.record("patient.read", "Patient", [referral.patient.id], "SUCCESS");
    return referral;
  } catch (error) {
    context.audit.record(action, "Referral", isUuid(id) ? [id] : [], outcomeOf(error));
    throw error;
  }
}
