import { z } from "zod";
import { badInput } from "@/lib/errors";

/** Zod pieces every input of the portal shares: ids, text, paging. Each area's own schemas build on these. */

export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;

/** Ids are UUIDs; anything else is refused before it reaches the database. */
export const idSchema = (label: string) => z.uuid(`${label} is not a valid id`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

export const requiredText = (label: string, max: number) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);

/** Free text that may be left out: trimmed, and empty becomes null. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((text) => text || null);

/** A phone number as people write them: digits with spaces, dashes, dots, brackets, a leading + and an extension; at least 6 digits. */
export const optionalPhone = (label: string) =>
  optionalText(label, 40).refine(
    (value) => value === null || (/^\+?[0-9 ()\-.]+(\s*(ext\.?|x)\s*[0-9]{1,6})?$/i.test(value) && value.replace(/\D/g, "").length >= 6),
    `${label} must be a phone number: digits, with spaces, dashes or brackets if you like (at least 6 digits)`,
  );

/** An email address, or nothing. */
export const optionalEmail = (label: string) =>
  optionalText(label, 254).refine((value) => value === null || z.email().safeParse(value).success, `${label} must be an email address`);

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

export type PageRequest = z.output<typeof pageSchema>;

/**
 * Validates an input with its zod schema; the first problem becomes
 * BAD_USER_INPUT with the path of the field, e.g. ["input", "dateOfBirth"].
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  path: (string | number)[] = [],
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [...path, ...issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment))];
  return badInput(issue.message, field);
}

/** An id argument: a UUID, or BAD_USER_INPUT naming the field. */
export function parseId(value: string | number, field: (string | number)[]): string {
  // Lower-cased: PostgreSQL prints uuids so, and an upper-case copy of one's own id must compare equal to it.
  return isUuid(String(value)) ? String(value).toLowerCase() : badInput(`${field.at(-1)} is not a valid id`, field);
}
