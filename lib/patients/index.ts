import { startOfDay } from "@/lib/dates";
import { isUniqueViolation } from "@/lib/db/errors";
import { badInput, notFound } from "@/lib/errors";
import type { Patient, Prisma } from "@/lib/generated/prisma/client";
import { normaliseRecordNumber, type NewPatient } from "@/lib/patients/validation";
import { assertCan } from "@/lib/permissions";
import { viewerOf, writeAudited, type RequestContext } from "@/lib/request/context";

export { createPatientSchema, normaliseRecordNumber, patientSearchSchema, type NewPatient } from "@/lib/patients/validation";

/** What to load with each patient: the API passes the selection it was asked for. */
export type PatientQuery = { include?: Prisma.PatientInclude; select?: Prisma.PatientSelect };

/** The sort key of the patient list, and of its cursors. */
export interface PatientKey {
  familyName: string;
  givenName: string;
  id: string;
}

/**
 * Search finds a part anywhere, ignoring case: every word must occur in the given
 * or family name ("marg ell", "llis"), or the whole term in the record number
 * ("1001" finds RCC-1001). ILIKE '%…%', served by the trigram index of the
 * migration 20261201110000_patient_record_numbers once a term has three characters.
 */
function searchFilter(search: string): Prisma.PatientWhereInput {
  // Prisma passes `contains` to ILIKE as written: escape its wildcards so "%" is a percent sign.
  const literal = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
  const words = search.split(/\s+/).filter(Boolean).map(literal);
  const byName: Prisma.PatientWhereInput = {
    AND: words.map((word) => ({
      OR: [
        { givenName: { contains: word, mode: "insensitive" } },
        { familyName: { contains: word, mode: "insensitive" } },
      ],
    })),
  };
  return { OR: [byName, { medicalRecordNumber: { contains: literal(search), mode: "insensitive" } }] };
}

/** One page (`first` + 1 rows) of the clinic's patients by family name, then given name, optionally searched. */
export async function listPatients(
  context: RequestContext,
  options: { search?: string | null; first: number; after: PatientKey | null },
  query: PatientQuery = {},
): Promise<Patient[]> {
  assertCan(viewerOf(context), "READ_PATIENTS");
  const where: Prisma.PatientWhereInput[] = options.search ? [searchFilter(options.search)] : [];
  const after = options.after;
  if (after) {
    where.push({
      OR: [
        { familyName: { gt: after.familyName } },
        { familyName: after.familyName, givenName: { gt: after.givenName } },
        { familyName: after.familyName, givenName: after.givenName, id: { gt: after.id } },
      ],
    });
  }
  return context.db.patient.findMany({
    ...query,
    where: { AND: where },
    orderBy: [{ familyName: "asc" }, { givenName: "asc" }, { id: "asc" }],
    take: options.first + 1,
  }) as Promise<Patient[]>;
}

export async function findPatient(context: RequestContext, id: string, query: PatientQuery = {}): Promise<Patient> {
  assertCan(viewerOf(context), "READ_PATIENTS");
  const patient = (await context.db.patient.findFirst({ ...query, where: { id } })) as Patient | null;
  return patient ?? notFound("Patient");
}

export async function createPatient(context: RequestContext, patient: NewPatient, query: PatientQuery = {}): Promise<Patient> {
  const viewer = viewerOf(context);
  assertCan(viewer, "CREATE_PATIENTS");
  try {
    return await writeAudited(
      context,
      { action: "patient.create", entityType: "Patient" },
      async (db) =>
        (await db.patient.create({
          ...query,
          data: {
            ...patient,
            medicalRecordNumber: normaliseRecordNumber(patient.medicalRecordNumber),
            dateOfBirth: startOfDay(patient.dateOfBirth),
            clinicId: viewer.clinicId,
          },
        })) as Patient,
      (created) => [created.id],
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      badInput("A patient with this medical record number already exists in your clinic.", ["input", "medicalRecordNumber"]);
    }
    throw error;
  }
}
