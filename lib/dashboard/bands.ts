/**
 * The waiting list's bands, in whole weeks since sending: 0–1, 1–2, … 17–18,
 * 18–52, 52 and more. Plain data, so the page draws every band, empty or not.
 */
export const WAITING_BANDS: readonly { fromWeeks: number; toWeeks: number | null }[] = [
  ...Array.from({ length: 18 }, (_, weeks) => ({ fromWeeks: weeks, toWeeks: weeks + 1 })),
  { fromWeeks: 18, toWeeks: 52 },
  { fromWeeks: 52, toWeeks: null },
];
