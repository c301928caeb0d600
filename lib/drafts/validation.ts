import { z } from "zod";
import { Discipline, Recommendation, ReferralPriority } from "@/lib/generated/prisma/enums";
import { CONDITION_CODES, NEED_CODES, NOTES_MAX_LENGTH } from "@/lib/triage";
import { idSchema } from "@/lib/validation";
import { OVERRIDE_REASON_MAX_LENGTH } from "@/lib/referrals/validation";

/** A draft may hold notes this far over what can be sent, so pasted work is never lost; the form says what to cut. */
export const DRAFT_NOTES_MAX_LENGTH = 2 * NOTES_MAX_LENGTH;
/** A draft is deleted after this many days without a change. */
export const DRAFT_KEPT_DAYS = 14;

/** The new-referral form as it stands, as the browser saves it. */
export const draftInputSchema = z.object({
  patientId: idSchema("patientId"),
  needs: z.array(z.enum(NEED_CODES)).max(NEED_CODES.length, `At most ${NEED_CODES.length} needs`).transform((codes) => [...new Set(codes)]),
  conditions: z
    .array(z.enum(CONDITION_CODES))
    .max(CONDITION_CODES.length, `At most ${CONDITION_CODES.length} conditions`)
    .transform((codes) => [...new Set(codes)]),
  notes: z.string().max(DRAFT_NOTES_MAX_LENGTH, `A draft's notes must be at most ${DRAFT_NOTES_MAX_LENGTH} characters`),
  decision: z.enum(["ACCEPT", "OVERRIDE"]).nullish().transform((decision) => decision ?? null),
  choice: z.enum(Recommendation).nullish().transform((choice) => choice ?? null),
  overrideReason: z.string().max(OVERRIDE_REASON_MAX_LENGTH, `Override reason must be at most ${OVERRIDE_REASON_MAX_LENGTH} characters`),
  priority: z.enum(ReferralPriority),
  services: z
    .array(z.object({ discipline: z.enum(Discipline), serviceId: idSchema("serviceId") }))
    .max(2, "At most one service per discipline"),
  assessment: z
    .object({ discipline: z.enum(Discipline), serviceId: idSchema("serviceId") })
    .nullish()
    .transform((assessment) => assessment ?? null),
});

export type DraftInput = z.output<typeof draftInputSchema>;

/** What a draft row's content holds: the input without its patient. */
export type DraftContent = Omit<DraftInput, "patientId">;

/** A stored draft's content, read defensively: a row written by an older form may lack a field. */
export const storedContentSchema = draftInputSchema.omit({ patientId: true }).partial();
