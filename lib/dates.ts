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

/**
 * The clinic's one way of writing a date, on screen and in inputs: "14 Mar 1941"
 * (day, a three-letter month, the year in full). Typed dates are read day first,
 * never month first, whatever the browser's locale: "14/03/1941", "14.3.1941",
 * "14 Mar 1941", "14 March 1941", and YYYY-MM-DD as pasted from elsewhere.
 */
export const MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const DATE_FORMAT_HINT = "dd/mm/yyyy or 14 Mar 1941";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** "1941-03-14" → "14 Mar 1941". */
export function formatCalendarDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return `${day} ${MONTH_ABBREVIATIONS[month - 1]} ${year}`;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function monthFromName(name: string): number | undefined {
  const word = name.toLowerCase().replace(/\.$/, "");
  const index = MONTH_NAMES.findIndex((month) => month.toLowerCase() === word || (word.length >= 3 && month.toLowerCase().startsWith(word)));
  return index === -1 ? undefined : index + 1;
}

export type TypedDate = { date: string | null; error?: undefined } | { date?: undefined; error: string };

/** A date as a person typed it: YYYY-MM-DD, null when left empty, or the reason it is not a date. */
export function parseTypedDate(text: string): TypedDate {
  const typed = text.trim();
  if (typed === "") return { date: null };
  let parts: [number, number, number] | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)$/.exec(typed);
  const named = /^(\d{1,2})(?:st|nd|rd|th)?[\s/.-]+([A-Za-z]+\.?)[\s/.,-]+(\d+)$/.exec(typed);
  if (iso) parts = [Number(iso[3]), Number(iso[2]), Number(iso[1])];
  else if (numeric) {
    if (numeric[3]!.length !== 4) return { error: "Write the year in full, for example 14/03/1941." };
    parts = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  } else if (named) {
    const month = monthFromName(named[2]!);
    if (!month) return { error: `"${named[2]}" is not a month: write it as a number or a name, for example 14/03/1941 or 14 Mar 1941.` };
    if (named[3]!.length !== 4) return { error: "Write the year in full, for example 14 Mar 1941." };
    parts = [Number(named[1]), month, Number(named[3])];
  }
  if (!parts) return { error: `Write the date as day, month, year: 14/03/1941 or 14 Mar 1941.` };
  const [day, month, year] = parts;
  if (month < 1 || month > 12) return { error: `There is no month ${month}: write the day first, then the month (14/03/1941).` };
  if (year < 1000) return { error: "Write the year in full, for example 14/03/1941." };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { error: `${typed} is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days.` };
  return { date: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** An instant in the reader's time zone, as the clinic writes it: "14 Mar 2026, 09:05", with seconds when asked. */
export function formatInstant(instant: Date, options: { seconds?: boolean } = {}): string {
  const date = `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
  const time = `${pad(instant.getHours())}:${pad(instant.getMinutes())}${options.seconds ? `:${pad(instant.getSeconds())}` : ""}`;
  return `${formatCalendarDate(date)}, ${time}`;
}
