import { z } from "zod";
import { calendarDate, startOfDay } from "@/lib/dates";
import { Discipline, ReferralPriority } from "@/lib/generated/prisma/enums";
import { idSchema } from "@/lib/validation";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Twelve weeks, both ends included, when the range is not given. */
export const DEFAULT_RANGE_DAYS = 84;
/** Two years and a day: anything longer is refused (the figures are meant for recent flow, and it bounds the work). */
export const MAX_RANGE_DAYS = 732;

const addDays = (date: string, days: number) => new Date(startOfDay(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The dashboard's filter: a range of sending days (both ends included; the last
 * 12 weeks when left out), and optionally one discipline, priority and
 * receiving service. `today` is injectable so tests pin the default range.
 */
export function dashboardFilterSchema(today: string = todayUtc()) {
  return z
    .object({
      from: calendarDate.nullish(),
      to: calendarDate.nullish(),
      discipline: z.enum(Discipline).nullish(),
      priority: z.enum(ReferralPriority).nullish(),
      serviceId: idSchema("serviceId").nullish(),
    })
    .transform((filter) => {
      const to = filter.to ?? (filter.from && filter.from > today ? filter.from : today);
      const from = filter.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
      return {
        from,
        to,
        discipline: filter.discipline ?? null,
        priority: filter.priority ?? null,
        serviceId: filter.serviceId ?? null,
      };
    })
    .refine((filter) => filter.from <= filter.to, { message: "from must not be after to", path: ["from"] })
    .refine((filter) => (startOfDay(filter.to).getTime() - startOfDay(filter.from).getTime()) / DAY_MS + 1 <= MAX_RANGE_DAYS, {
      message: `the range may span at most ${MAX_RANGE_DAYS} days (two years)`,
      path: ["from"],
    });
}

export type DashboardFilter = z.output<ReturnType<typeof dashboardFilterSchema>>;

/** The instants the range covers: from the first instant of `from` to the first instant after `to` (UTC days). */
export function rangeInstants(filter: Pick<DashboardFilter, "from" | "to">): { start: Date; end: Date } {
  return { start: startOfDay(filter.from), end: new Date(startOfDay(filter.to).getTime() + DAY_MS) };
}
