import { z } from "zod";
import { needsInputSchema } from "@/lib/triage";

/** Zod schemas for every input the referral API takes; the forms in the UI can use the same ones. */

export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;

const requiredText = (label: string, max: number) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);

/** A calendar date written YYYY-MM-DD that exists (no 31 February). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a real calendar date");

/** Today in UTC as YYYY-MM-DD; a date of birth after it is in the future wherever the clinic is. */
const latestPossibleBirthDate = () => new Date(Date.now() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);

export const createPatientSchema = z.object({
  medicalRecordNumber: requiredText("Medical record number", 40).regex(
    /^[A-Za-z0-9][A-Za-z0-9\-/.]*$/,
    "Medical record number may contain letters, digits, '-', '/' and '.'",
  ),
  givenName: requiredText("Given name", 100),
  familyName: requiredText("Family name", 100),
  dateOfBirth: calendarDate
    .refine((value) => value <= latestPossibleBirthDate(), "Date of birth cannot be in the future")
    .refine((value) => value >= "1900-01-01", "Date of birth must be after 1900"),
});

export const disciplineSchema = z.enum(["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"]);
export const prioritySchema = z.enum(["ROUTINE", "URGENT", "ASAP", "STAT"]);
export const statusSchema = z.enum(["SENT", "ACCEPTED", "DECLINED", "COMPLETED", "CANCELLED"]);

export const OVERRIDE_REASON_MAX_LENGTH = 2_000;
export const STATUS_NOTE_MAX_LENGTH = 2_000;

export const createReferralSchema = z.object({
  idempotencyKey: z.uuid("Idempotency key must be a UUID"),
  patientId: z.uuid("Patient id is not valid"),
  needs: needsInputSchema,
  disciplines: z
    .array(disciplineSchema)
    .min(1, "Choose at least one discipline")
    .transform((disciplines) => [...new Set(disciplines)]),
  overrideReason: z
    .string()
    .trim()
    .max(OVERRIDE_REASON_MAX_LENGTH, `Override reason must be at most ${OVERRIDE_REASON_MAX_LENGTH} characters`)
    .nullish()
    .transform((reason) => reason || null),
  priority: prioritySchema,
});

export const changeStatusSchema = z.object({
  id: z.uuid("Referral id is not valid"),
  status: statusSchema,
  expectedVersion: z.number().int().min(1, "Expected version must be a positive whole number"),
  note: z
    .string()
    .trim()
    .max(STATUS_NOTE_MAX_LENGTH, `Note must be at most ${STATUS_NOTE_MAX_LENGTH} characters`)
    .nullish()
    .transform((note) => note || null),
});

export const pageSchema = z.object({
  first: z
    .number()
    .int()
    .min(1, "first must be at least 1")
    .max(MAX_PAGE_SIZE, `first must be at most ${MAX_PAGE_SIZE}`)
    .nullish()
    .transform((first) => first ?? DEFAULT_PAGE_SIZE),
  after: z.string().max(500, "after is not a cursor this API gave out").nullish(),
});

export const referralFilterSchema = z
  .object({
    patientId: z.uuid("Patient id is not valid").nullish(),
    discipline: disciplineSchema.nullish(),
    status: statusSchema.nullish(),
    priority: prioritySchema.nullish(),
    author: z.enum(["ME", "ANYONE"]).nullish(),
    createdFrom: calendarDate.nullish(),
    createdTo: calendarDate.nullish(),
  })
  .refine(
    (filter) => !filter.createdFrom || !filter.createdTo || filter.createdFrom <= filter.createdTo,
    { message: "createdFrom must not be after createdTo", path: ["createdFrom"] },
  );

export const patientSearchSchema = z
  .string()
  .trim()
  .max(100, "search must be at most 100 characters")
  .nullish();
