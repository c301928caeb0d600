import { z } from "zod";
import { calendarDate, latestToday } from "@/lib/dates";
import { requiredText } from "@/lib/validation";

/** Zod schemas for the patient inputs; the new-patient form can use the same ones. */

export const createPatientSchema = z.object({
  medicalRecordNumber: requiredText("Medical record number", 40).regex(
    /^[A-Za-z0-9][A-Za-z0-9\-/.]*$/,
    "Medical record number may contain letters, digits, '-', '/' and '.'",
  ),
  givenName: requiredText("Given name", 100),
  familyName: requiredText("Family name", 100),
  dateOfBirth: calendarDate
    .refine((value) => value <= latestToday(), "Date of birth cannot be in the future")
    .refine((value) => value >= "1900-01-01", "Date of birth must be after 1900"),
});

export type NewPatient = z.output<typeof createPatientSchema>;

export const patientSearchSchema = z.string().trim().max(100, "search must be at most 100 characters").nullish();
