import { z } from "zod";
import { calendarDate, latestToday } from "@/lib/dates";
import { requiredText } from "@/lib/validation";

/** Zod schemas for the patient inputs; the new-patient form can use the same ones. */

/**
 * A record number as stored and compared: trimmed and upper-cased, so " rcc-1001 "
 * and "RCC-1001" are one number (the clinic's unique index is on this form). Record
 * numbers are ASCII (the rule below), so upper-casing agrees with PostgreSQL's upper().
 */
export const normaliseRecordNumber = (recordNumber: string) => recordNumber.trim().toUpperCase();

export const createPatientSchema = z.object({
  medicalRecordNumber: requiredText("Medical record number", 40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]*$/, "Medical record number may contain letters, digits, '-', '/' and '.'")
    .transform(normaliseRecordNumber),
  givenName: requiredText("Given name", 100),
  familyName: requiredText("Family name", 100),
  dateOfBirth: calendarDate
    .refine((value) => value <= latestToday(), "Date of birth cannot be in the future")
    .refine((value) => value >= "1900-01-01", "Date of birth must be after 1900"),
});

export type NewPatient = z.output<typeof createPatientSchema>;

export const patientSearchSchema = z.string().trim().max(100, "search must be at most 100 characters").nullish();
