import { formatCalendarDate, parseTypedDate, startOfDay } from "@/lib/dates";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, badInput, notFound } from "@/lib/errors";
import type { Patient, Prisma } from "@/lib/generated/prisma/client";
import { appendAuditEvents, type AuditWriter } from "@/lib/audit";
import { normaliseRecordNumber, type NewPatient, type PatientUpdate } from "@/lib/patients/validation";
import { assertCan } from "@/lib/permissions";
import { auditEventOf, viewerOf, writeAudited, type RequestContext } from "@/lib/request/context";

export {
  createPatientSchema,
  normaliseRecordNumber,
  patientContactShape,
  patientSearchSchema,
  updatePatientSchema,
  type NewPatient,
  type PatientUpdate,
} from "@/lib/patients/validation";

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
 * or family name ("marg ell", "llis", "Ellis, Margaret": commas separate words as
 * spaces do), or the whole term in the record number ("1001" finds RCC-1001), or,
 * when the term is a date as the date boxes read it ("14/03/1941", "14 Mar 1941",
 * "1941-03-14"), the date of birth. ILIKE '%…%', served by the trigram index of the
 * migration 20261201110000_patient_record_numbers once a term has three characters;
 * the date by the (clinicId, dateOfBirth) index.
 */
function searchFilter(search: string): Prisma.PatientWhereInput {
  // Prisma passes `contains` to ILIKE as written: escape its wildcards so "%" is a percent sign.
  const literal = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
  const words = search.split(/[\s,;]+/).filter(Boolean).map(literal);
  const byName: Prisma.PatientWhereInput = {
    AND: words.map((word) => ({
      OR: [
        { givenName: { contains: word, mode: "insensitive" } },
        { familyName: { contains: word, mode: "insensitive" } },
      ],
    })),
  };
  const anyOf: Prisma.PatientWhereInput[] = [byName, { medicalRecordNumber: { contains: literal(search), mode: "insensitive" } }];
  const asDate = /\d/.test(search) ? parseTypedDate(search) : null;
  if (asDate?.date) anyOf.push({ dateOfBirth: startOfDay(asDate.date) });
  return { OR: anyOf };
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

/** The clinic's patients with this name (ignoring case and surrounding spaces) and date of birth. */
function sameNameAndBirth(context: RequestContext, patient: Pick<NewPatient, "givenName" | "familyName" | "dateOfBirth">) {
  return context.db.patient.findMany({
    where: {
      givenName: { equals: patient.givenName.trim(), mode: "insensitive" },
      familyName: { equals: patient.familyName.trim(), mode: "insensitive" },
      dateOfBirth: startOfDay(patient.dateOfBirth),
    },
    select: { id: true, givenName: true, familyName: true, medicalRecordNumber: true, dateOfBirth: true },
    orderBy: { createdAt: "asc" },
    take: 5,
  });
}

const RECORD_NUMBER_TAKEN = "A patient with this medical record number already exists in your clinic.";

/**
 * Adds a patient to the viewer's clinic. When the clinic already has a patient
 * of the same name and date of birth, it is refused (CONFLICT, naming them)
 * unless a reason says why this is another person; the reason is kept on the
 * record and the trail names both.
 */
export async function createPatient(context: RequestContext, patient: NewPatient, query: PatientQuery = {}): Promise<Patient> {
  const viewer = viewerOf(context);
  assertCan(viewer, "CREATE_PATIENTS");
  const medicalRecordNumber = normaliseRecordNumber(patient.medicalRecordNumber);
  // A number in use is a mistake to fix, not a warning to answer: it is said first.
  const [numberTaken, matches] = await Promise.all([
    context.db.patient.count({ where: { medicalRecordNumber } }),
    sameNameAndBirth(context, patient),
  ]);
  if (numberTaken) badInput(RECORD_NUMBER_TAKEN, ["input", "medicalRecordNumber"]);
  if (matches.length > 0 && !patient.duplicateReason) {
    const named = matches.map((match) => `${match.givenName} ${match.familyName}, record ${match.medicalRecordNumber}, born ${formatCalendarDate(match.dateOfBirth.toISOString().slice(0, 10))}`);
    throw new AppError("CONFLICT", `Already in your clinic: ${named.join("; ")}. Add this patient anyway? Say why they are another person.`, {
      field: ["input", "duplicateReason"],
    });
  }
  try {
    return await writeAudited(
      context,
      { action: "patient.create", entityType: "Patient" },
      async (db) => {
        const created = (await db.patient.create({
          ...query,
          data: {
            ...patient,
            duplicateReason: matches.length > 0 ? patient.duplicateReason : null,
            medicalRecordNumber,
            dateOfBirth: startOfDay(patient.dateOfBirth),
            clinicId: viewer.clinicId,
          },
        })) as Patient;
        if (matches.length > 0) {
          await appendAuditEvents(db as unknown as AuditWriter, [
            auditEventOf(context, { action: "patient.duplicate_confirmed", entityType: "Patient", entityIds: [created.id, ...matches.map((match) => match.id)] }),
          ]);
        }
        return created;
      },
      (created) => [created.id],
    );
  } catch (error) {
    if (isUniqueViolation(error)) badInput(RECORD_NUMBER_TAKEN, ["input", "medicalRecordNumber"]);
    throw error;
  }
}

const staleVersion = () =>
  new AppError("CONFLICT", "Someone else changed this patient's details since you loaded them; reload to see the latest.");

/**
 * Changes a patient's details if the editor saw the current version: the
 * row moves to the next version and the audit event commits with it, or
 * nothing changes (CONFLICT for a stale version, NOT_FOUND for a patient the
 * clinic does not have).
 */
export async function updatePatient(context: RequestContext, update: PatientUpdate, query: PatientQuery = {}): Promise<Patient> {
  const viewer = viewerOf(context);
  assertCan(viewer, "CREATE_PATIENTS");
  const { id, expectedVersion, dateOfBirth, ...fields } = update;
  await writeAudited(
    context,
    { action: "patient.update", entityType: "Patient" },
    async (db) => {
      const { count } = await db.patient.updateMany({
        where: { id, version: expectedVersion },
        data: { ...fields, dateOfBirth: startOfDay(dateOfBirth), version: { increment: 1 } },
      });
      if (count === 0) {
        if (!(await db.patient.count({ where: { id } }))) notFound("Patient");
        throw staleVersion();
      }
      return id;
    },
    (changed) => [changed],
  );
  return findPatient(context, id, query);
}
