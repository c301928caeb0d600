/** The roll-ups' spans of days, largest first (DashboardDuration, DashboardAgreement). */
const SPANS = [64, 8, 1] as const;

/**
 * The fewest aligned spans (a span of n days starts on a multiple of n) that
 * cover the days [first, end) exactly, each day once: whole 64-day spans in the
 * middle, then 8-day and single days at the ends (at most 7 + 7 + 7 + 7 + the
 * middle ones: 40 for two years).
 */
export function spansCovering(first: number, end: number): { span: number; firstDay: number }[] {
  const spans: { span: number; firstDay: number }[] = [];
  const cover = (from: number, to: number, level: number) => {
    if (from >= to) return;
    const span = SPANS[level]!;
    const inner = [Math.ceil(from / span) * span, Math.floor(to / span) * span] as const;
    if (span > 1 && inner[0] >= inner[1]) return cover(from, to, level + 1);
    for (let day = inner[0]; day < inner[1]; day += span) spans.push({ span, firstDay: day });
    cover(from, inner[0], level + 1);
    cover(inner[1], to, level + 1);
  };
  cover(first, end, 0);
  return spans;
}
