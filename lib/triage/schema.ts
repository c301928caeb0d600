/**
 * Validation of a patient's logged needs at the boundary (API and form).
 * The output is ready for triage(): codes deduplicated, notes a string.
 */
import { z } from "zod";
import { CONDITION_CODES, NEED_CODES } from "./catalog";

export const NOTES_MAX_LENGTH = 10_000;

function once<Code>(codes: readonly Code[] | null | undefined): Code[] {
  return [...new Set(codes ?? [])];
}

export const needsInputSchema = z
  .object({
    // GraphQL sends null for an omitted list, so null reads as empty.
    // At most every code once: a longer list can only be an attack on the server's time.
    needs: z
      .array(z.enum(NEED_CODES))
      .max(NEED_CODES.length, `At most ${NEED_CODES.length} needs`)
      .nullish()
      .transform(once),
    conditions: z
      .array(z.enum(CONDITION_CODES))
      .max(CONDITION_CODES.length, `At most ${CONDITION_CODES.length} conditions`)
      .nullish()
      .transform(once),
    notes: z
      .string()
      .max(NOTES_MAX_LENGTH, { error: `Notes must be at most ${NOTES_MAX_LENGTH} characters` })
      .nullish()
      .transform((notes) => notes ?? ""),
  })
  .superRefine((input, context) => {
    if (input.needs.length === 0 && input.conditions.length === 0 && input.notes.trim() === "") {
      context.addIssue({ code: "custom", path: ["needs"], message: "Record at least one need, condition or note" });
    }
  });

/** What a client may send. */
export type NeedsInput = z.input<typeof needsInputSchema>;
/** What triage() receives after validation. */
export type ValidNeedsInput = z.output<typeof needsInputSchema>;
