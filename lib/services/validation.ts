import { z } from "zod";
import { Discipline, ReferralPriority } from "@/lib/generated/prisma/enums";
import { optionalText, requiredText } from "@/lib/validation";

export const serviceFilterSchema = z.object({
  discipline: z.enum(Discipline).nullish(),
  search: z.string().trim().max(100, "search must be at most 100 characters").nullish(),
});

/** Longest description, eligibility criteria or exclusions: about two pages of text. */
export const SERVICE_TEXT_MAX = 4000;

const phone = z
  .string()
  .trim()
  .max(40, "Phone must be at most 40 characters")
  .regex(/^$|^\+?[0-9][0-9 ()./-]{4,}$/, "Phone may hold digits, spaces, brackets, dots, dashes and a leading +, e.g. 020 7946 0000")
  .nullish()
  .transform((text) => text || null);

const email = z
  .string()
  .trim()
  .max(320, "Email must be at most 320 characters")
  .refine((text) => text === "" || z.email().safeParse(text).success, "Email is not a valid address")
  .nullish()
  .transform((text) => text?.toLowerCase() || null);

/** Working days per priority; a priority left out (or null) keeps the portal's default. */
const responseTargets = z
  .object(
    Object.fromEntries(
      Object.values(ReferralPriority).map((priority) => [
        priority,
        z.number().int(`${priority} must be a whole number of working days`).min(1, `${priority} must be at least 1 working day`).max(365, `${priority} must be at most 365 working days`).nullish(),
      ]),
    ) as unknown as Record<ReferralPriority, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>,
  )
  .strict()
  .nullish()
  .transform((targets) => {
    const given = Object.entries(targets ?? {}).filter(([, days]) => typeof days === "number");
    return given.length ? (Object.fromEntries(given) as Partial<Record<ReferralPriority, number>>) : null;
  });

const describing = {
  description: optionalText("Description", SERVICE_TEXT_MAX),
  eligibilityCriteria: optionalText("Eligibility criteria", SERVICE_TEXT_MAX),
  exclusions: optionalText("Exclusions", SERVICE_TEXT_MAX),
  contactPhone: phone,
  contactEmail: email,
  address: optionalText("Address", 500),
  acceptsExternalReferrals: z.boolean().nullish(),
  responseTargets,
};

export const newServiceSchema = z.object({
  name: requiredText("Name", 100),
  discipline: z.enum(Discipline, "Choose occupational therapy or physiotherapy"),
  ...describing,
});

/**
 * Every field optional: what is left out stays as it is; an optional text given
 * as null or empty is cleared. The name, when given, cannot be empty.
 */
export const serviceChangeSchema = z.object({
  name: requiredText("Name", 100).optional(),
  discipline: z.enum(Discipline, "Choose occupational therapy or physiotherapy").optional(),
  description: describing.description.optional(),
  eligibilityCriteria: describing.eligibilityCriteria.optional(),
  exclusions: describing.exclusions.optional(),
  contactPhone: describing.contactPhone.optional(),
  contactEmail: describing.contactEmail.optional(),
  address: describing.address.optional(),
  acceptsExternalReferrals: z.boolean().optional(),
  responseTargets: describing.responseTargets.optional(),
  /** Closed to new referrals (true) or open again (false). */
  closed: z.boolean().optional(),
});

export type NewService = z.output<typeof newServiceSchema>;
export type ServiceChange = z.output<typeof serviceChangeSchema>;
