import { describe, expect, it } from "vitest";
import { toCsv } from "@/components/dashboard/csv";
import { spansCovering } from "@/lib/dashboard/spans";
import { dashboardFilterSchema } from "@/lib/dashboard/validation";

describe("the dashboard's CSV", () => {
  const table = (rows: Record<string, string | number | null>[]) => ({ columns: [{ key: "label", label: "Label" }, { key: "count", label: "Count, all" }], rows });

  it("writes a header and one CRLF line per row, quoting what needs it", () => {
    expect(toCsv(table([{ label: 'Said "no", then yes', count: 3 }, { label: "Plain", count: null }]))).toBe(
      'Label,"Count, all"\r\n"Said ""no"", then yes",3\r\nPlain,\r\n',
    );
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(toCsv(table([{ label: "=HYPERLINK(\"http://x\")", count: 1 }, { label: "-2+3", count: -2 }]))).toBe(
      'Label,"Count, all"\r\n"\'=HYPERLINK(""http://x"")",1\r\n\'-2+3,-2\r\n',
    );
  });
});

describe("the dashboard's filter", () => {
  const parse = (filter: Record<string, unknown>) => dashboardFilterSchema("2026-06-29").safeParse(filter);

  it("defaults to the last 12 weeks, today included", () => {
    expect(parse({}).data).toEqual({ from: "2026-04-07", to: "2026-06-29", discipline: null, priority: null, serviceId: null });
  });

  it("counts 12 weeks back from a given end", () => {
    expect(parse({ to: "2026-03-01" }).data?.from).toBe("2025-12-08");
  });

  it.each([
    [{ from: "2026-06-02", to: "2026-06-01" }, "from must not be after to"],
    [{ from: "2024-06-01", to: "2026-06-29" }, "the range may span at most 732 days (two years)"],
    [{ from: "2026-02-30" }, "is not a real calendar date"],
    [{ serviceId: "not-an-id" }, "serviceId is not a valid id"],
  ])("refuses %j", (filter, message) => {
    expect(parse(filter).error?.issues[0]?.message).toBe(message);
  });

  it("allows two whole years, both ends included", () => {
    expect(parse({ from: "2024-06-29", to: "2026-06-29" }).success).toBe(true);
  });
});

describe("the spans of days the roll-ups are summed over", () => {
  const covered = (spans: { span: number; firstDay: number }[]) => spans.flatMap(({ span, firstDay }) => Array.from({ length: span }, (_, day) => firstDay + day));

  it.each([
    [20_000, 20_084],
    [20_001, 20_733],
    [20_480, 20_544],
    [20_481, 20_482],
    [20_479, 20_481],
  ])("covers the days [%i, %i) each exactly once, with aligned spans", (first, end) => {
    const spans = spansCovering(first, end);
    expect(covered(spans).sort((a, b) => a - b)).toEqual(Array.from({ length: end - first }, (_, day) => first + day));
    for (const { span, firstDay } of spans) expect(firstDay % span).toBe(0);
  });

  it("needs at most 40 spans for the longest range allowed", () => {
    const longest = Math.max(...Array.from({ length: 64 }, (_, shift) => spansCovering(20_000 + shift, 20_000 + shift + 732).length));
    expect(longest).toBeLessThanOrEqual(40);
  });
});
