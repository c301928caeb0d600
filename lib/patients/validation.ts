import { z } from "zod";
import { calendarDate, latestToday } from "@/lib/dates";
import { idSchema, optionalEmail, optionalPhone, optionalText, requiredText } from "@/lib/validation";

/** Zod schemas for the patient inputs; the new-patient form can use the same ones. */

/**
 * A record number as stored and compared: trimmed and upper-cased, so " rcc-1001 "
 * and "RCC-1001" are one number (the clinic's unique index is on this form). Record
 * numbers are ASCII (the rule below), so upper-casing agrees with PostgreSQL's upper().
 */
export const normaliseRecordNumber = (recordNumber: string) => recordNumber.trim().toUpperCase();

export const DUPLICATE_REASON_MAX_LENGTH = 2_000;

/** What a patient's record holds beside their identity, every part optional: shown to the services a referral goes to. */
export const patientContactShape = {
  addressLine1: optionalText("Address line 1", 200),
  addressLine2: optionalText("Address line 2", 200),
  city: optionalText("Town or city", 100),
  postalCode: optionalText("Postcode", 20),
  phone: optionalPhone("Phone"),
  email: optionalEmail("Email"),
  gpPractice: optionalText("GP practice", 200),
  nextOfKinName: optionalText("Next of kin", 200),
  nextOfKinRelationship: optionalText("Relationship to the patient", 100),
  nextOfKinPhone: optionalPhone("Next of kin's phone"),
  preferredLanguage: optionalText("Preferred language", 100),
  interpreterNeeded: z
    .boolean()
    .nullish()
    .transform((needed) => needed ?? false),
};

const identityShape = {
  givenName: requiredText("Given name", 100),
  familyName: requiredText("Family name", 100),
  dateOfBirth: calendarDate
    .refine((value) => value <= latestToday(), "Date of birth cannot be in the future")
    .refine((value) => value >= "1900-01-01", "Date of birth must be after 1900"),
};

export const createPatientSchema = z.object({
  medicalRecordNumber: requiredText("Medical record number", 40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]*$/, "Medical record number may contain letters, digits, '-', '/' and '.'")
    .transform(normaliseRecordNumber),
  ...identityShape,
  ...patientContactShape,
  /** Given when the clinic already has a patient of this name and date of birth: why this is another person. */
  duplicateReason: optionalText("Reason", DUPLICATE_REASON_MAX_LENGTH),
});

type CreatePatientOutput = z.output<typeof createPatientSchema>;
/** A new patient as the domain takes it: the identity required, the contact details and the duplicate reason optional. */
export type NewPatient = Pick<CreatePatientOutput, "medicalRecordNumber" | "givenName" | "familyName" | "dateOfBirth"> & Partial<CreatePatientOutput>;

/** An edit of a patient: the whole record but its number, and the version the editor saw. */
export const updatePatientSchema = z.object({
  id: idSchema("id"),
  expectedVersion: z.number().int().min(1, "Expected version must be a positive whole number"),
  ...identityShape,
  ...patientContactShape,
});

export type PatientUpdate = z.output<typeof updatePatientSchema>;

export const patientSearchSchema = z.string().trim().max(100, "search must be at most 100 characters").nullish();
