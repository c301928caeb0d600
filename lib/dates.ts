import { z } from "zod";

/**
 * Calendar dates ("YYYY-MM-DD") as the API takes them. A date is a UTC day:
 * filters run from its first instant to the first instant of the next day.
 */

/** A calendar date written YYYY-MM-DD that exists (no 31 February). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a real calendar date");

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first instant of a calendar day, UTC; also how a date of birth is stored. */
export const startOfDay = (date: string) => new Date(`${date}T00:00:00Z`);

/** The condition "created within these days", both ends included; undefined when neither is given. */
export function withinDays(from?: string | null, to?: string | null): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: startOfDay(from) } : {}),
    ...(to ? { lt: new Date(startOfDay(to).getTime() + DAY_MS) } : {}),
  };
}

/** Today in UTC as YYYY-MM-DD, as seen from the earliest time zone (UTC+14): nothing later has happened anywhere. */
export const latestToday = () => new Date(Date.now() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** The optional day range of a list filter; pair it with `.refine(...fromNotAfterTo)`. */
export const createdRange = { createdFrom: calendarDate.nullish(), createdTo: calendarDate.nullish() };

export const fromNotAfterTo: [
  (range: { createdFrom?: string | null; createdTo?: string | null }) => boolean,
  { message: string; path: string[] },
] = [
  (range) => !range.createdFrom || !range.createdTo || range.createdFrom <= range.createdTo,
  { message: "createdFrom must not be after createdTo", path: ["createdFrom"] },
];
