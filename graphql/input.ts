import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Validates a GraphQL argument with its zod schema; the first problem becomes
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

export function badInput(message: string, field: (string | number)[]): never {
  throw new AppError("BAD_USER_INPUT", message, { field });
}

export function notFound(what: string): never {
  throw new AppError("NOT_FOUND", `${what} was not found.`);
}

const idSchema = z.uuid("is not a valid id");

/** Ids are UUIDs; anything else is refused before it reaches the database. */
export function parseId(value: string | number, field: (string | number)[]): string {
  const result = idSchema.safeParse(String(value));
  return result.success ? result.data : badInput(`${field.at(-1)} is not a valid id`, field);
}
