import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatInstant, parseTypedDate } from "@/lib/dates";

describe("typed dates are read day first, whatever the browser's locale", () => {
  it.each([
    ["14/03/1941", "1941-03-14"],
    ["4/3/1941", "1941-03-04"],
    ["14.03.1941", "1941-03-14"],
    ["14-03-1941", "1941-03-14"],
    [" 14 Mar 1941 ", "1941-03-14"],
    ["14 march 1941", "1941-03-14"],
    ["1 Sept 2026", "2026-09-01"],
    ["29/02/2024", "2024-02-29"],
    ["1941-03-14", "1941-03-14"],
  ])("%s is %s", (typed, date) => {
    expect(parseTypedDate(typed)).toEqual({ date });
  });

  it("reads an empty box as no date", () => {
    expect(parseTypedDate("  ")).toEqual({ date: null });
  });

  it.each([
    ["31/02/2026", "31/02/2026 is not a date: February 2026 has 28 days."],
    ["29/02/2025", "29/02/2025 is not a date: February 2025 has 28 days."],
    ["03/14/1941", "There is no month 14: write the day first, then the month (14/03/1941)."],
    ["14/03/41", "Write the year in full, for example 14/03/1941."],
    ["14 Foo 1941", "\"Foo\" is not a month: write it as a number or a name, for example 14/03/1941 or 14 Mar 1941."],
    ["yesterday", "Write the date as day, month, year: 14/03/1941 or 14 Mar 1941."],
  ])("refuses %s: %s", (typed, error) => {
    expect(parseTypedDate(typed)).toEqual({ error });
  });
});

describe("the clinic's date format", () => {
  it("writes a calendar date as day, three-letter month, year", () => {
    expect(formatCalendarDate("1941-03-14")).toBe("14 Mar 1941");
    expect(formatCalendarDate("2026-09-01")).toBe("1 Sep 2026");
  });

  it("writes an instant with the time, to the second when asked", () => {
    const instant = new Date(2026, 2, 14, 9, 5, 7);
    expect(formatInstant(instant)).toBe("14 Mar 2026, 09:05");
    expect(formatInstant(instant, { seconds: true })).toBe("14 Mar 2026, 09:05:07");
  });
});
