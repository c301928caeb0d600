import { z } from "zod";
import { createdRange, fromNotAfterTo } from "@/lib/dates";
import { Discipline, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { needsInputSchema } from "@/lib/triage";
import { idSchema, optionalText } from "@/lib/validation";

/** Zod schemas for every input the referral API takes; the forms in the UI can use the same ones. */

export const OVERRIDE_REASON_MAX_LENGTH = 2_000;
export const STATUS_NOTE_MAX_LENGTH = 2_000;

// The enums come from prisma/schema.prisma, as do the GraphQL enums and so the UI's labels.
export const disciplineSchema = z.enum(Discipline);
export const prioritySchema = z.enum(ReferralPriority);
export const statusSchema = z.enum(ReferralStatus);

export const createReferralSchema = z.object({
  idempotencyKey: z.uuid("Idempotency key must be a UUID"),
  patientId: idSchema("patientId"),
  needs: needsInputSchema,
  disciplines: z
    .array(disciplineSchema)
    .min(1, "Choose at least one discipline")
    .transform((disciplines) => [...new Set(disciplines)]),
  overrideReason: optionalText("Override reason", OVERRIDE_REASON_MAX_LENGTH),
  priority: prioritySchema,
});

export const changeStatusSchema = z.object({
  id: idSchema("id"),
  status: statusSchema,
  expectedVersion: z.number().int().min(1, "Expected version must be a positive whole number"),
  note: optionalText("Note", STATUS_NOTE_MAX_LENGTH),
});

export const referralFilterSchema = z
  .object({
    patientId: idSchema("patientId").nullish(),
    discipline: disciplineSchema.nullish(),
    status: statusSchema.nullish(),
    priority: prioritySchema.nullish(),
    author: z.enum(["ME", "ANYONE"]).nullish(),
    ...createdRange,
  })
  .refine(...fromNotAfterTo);

export type ReferralFilter = z.output<typeof referralFilterSchema>;
