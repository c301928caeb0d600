import { z } from "zod";
import { createdRange, fromNotAfterTo } from "@/lib/dates";
import { CancelReason, DeclineReason, Discipline, PartAction, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { needsInputSchema } from "@/lib/triage";
import { idSchema, optionalText } from "@/lib/validation";

/** Zod schemas for every input the referral API takes; the forms in the UI can use the same ones. */

export const OVERRIDE_REASON_MAX_LENGTH = 2_000;
export const DUPLICATE_REASON_MAX_LENGTH = 2_000;

// The enums come from prisma/schema.prisma, as do the GraphQL enums and so the UI's labels.
export const disciplineSchema = z.enum(Discipline);
export const prioritySchema = z.enum(ReferralPriority);
export const statusSchema = z.enum(ReferralStatus);

export const createReferralSchema = z
  .object({
    idempotencyKey: z.uuid("Idempotency key must be a UUID"),
    patientId: idSchema("patientId"),
    needs: needsInputSchema,
    disciplines: z
      .array(disciplineSchema)
      .min(1, "Choose at least one discipline")
      .max(2, "Choose each discipline at most once")
      .transform((disciplines) => [...new Set(disciplines)]),
    overrideReason: optionalText("Override reason", OVERRIDE_REASON_MAX_LENGTH),
    duplicateReason: optionalText("Reason for sending anyway", DUPLICATE_REASON_MAX_LENGTH),
    assessFirst: z
      .boolean()
      .nullish()
      .transform((assessFirst) => assessFirst ?? false),
    priority: prioritySchema,
    serviceIds: z
      .array(idSchema("serviceId"))
      .max(2, "Choose at most one service per discipline")
      .nullish()
      .transform((ids) => ids ?? []),
  })
  // Assessing first goes to one service, whose discipline is the one named.
  .refine((referral) => !referral.assessFirst || referral.disciplines.length === 1, {
    message: "Choose one service to assess the patient",
    path: ["disciplines"],
  });

export const NOTE_MAX_LENGTH = 4_000;

const needsNote = (what: string) => ({ message: `${what} is required`, path: ["note"] });

/** One action on a referral part; what each action must carry (a coded reason, a question, an outcome) is checked here. */
export const changePartSchema = z
  .object({
    id: idSchema("id"),
    expectedVersion: z.number().int().min(1, "Expected version must be a positive whole number"),
    action: z.enum(PartAction).exclude(["SEND"]),
    note: optionalText("Note", NOTE_MAX_LENGTH),
    declineReason: z.enum(DeclineReason).nullish(),
    cancelReason: z.enum(CancelReason).nullish(),
    serviceId: idSchema("serviceId").nullish(),
    outcome: z
      .object({
        provided: optionalText("What was provided", NOTE_MAX_LENGTH),
        recommendations: optionalText("Recommendations", NOTE_MAX_LENGTH),
        score: z
          .number()
          .min(0, "The Therapy Outcome Measures score is from 0 to 5")
          .max(5, "The Therapy Outcome Measures score is from 0 to 5")
          .refine((score) => Number.isInteger(score * 2), "The Therapy Outcome Measures score goes in half points")
          .nullish()
          .transform((score) => score ?? null),
      })
      .nullish(),
  })
  .refine((change) => change.action !== "DECLINE" || change.declineReason, { message: "Choose a reason for declining", path: ["declineReason"] })
  .refine((change) => change.action !== "DECLINE" || change.note, needsNote("A comment on the decline"))
  .refine((change) => change.action !== "CANCEL" || change.cancelReason, { message: "Choose a reason for cancelling", path: ["cancelReason"] })
  .refine((change) => change.action !== "CANCEL" || change.cancelReason !== "OTHER" || change.note, needsNote("A comment saying why"))
  .refine((change) => change.action !== "ASK_QUESTION" || change.note, needsNote("The question"))
  .refine((change) => change.action !== "ANSWER_QUESTION" || change.note, needsNote("The answer"))
  .refine((change) => change.action !== "REDIRECT" || change.serviceId, { message: "Choose the service to redirect to", path: ["serviceId"] })
  .refine((change) => change.action !== "COMPLETE" || change.outcome?.provided, {
    message: "Say what was provided",
    path: ["outcome", "provided"],
  })
  .transform((change) => ({
    ...change,
    outcome: change.outcome ? { provided: change.outcome.provided ?? "", recommendations: change.outcome.recommendations ?? "", score: change.outcome.score } : null,
  }));

export const worklistFilterSchema = z.object({
  status: statusSchema.nullish().transform((status) => status ?? "SENT"),
  priority: prioritySchema.nullish(),
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
