/**
 * The measurement protocol of the triage engine's agreement (issue 21): notes
 * written blind by one author, labelled blind by a second reader, and by a
 * third where the two disagree. Pure statistics over labels, no I/O.
 *
 * Figures:
 * - agreement with the majority label, over the notes that have one;
 * - agreement on the notes where every rater gave the same label;
 * - Cohen's kappa of the engine against the majority label;
 * - the raters' own agreement (author against second reader) and its kappa;
 * - the confusion matrix, majority label by engine answer;
 * - calibration: agreement per confidence band and the expected calibration error.
 */
import { RECOMMENDATIONS, type Recommendation } from "@/lib/triage";

/** The labels a note was given, by rater. The author always labels; the second reader labels every note; a third only disagreements. */
export interface RaterLabels {
  readonly author: Recommendation;
  readonly second?: Recommendation;
  readonly third?: Recommendation;
}

/**
 * The label most raters gave, or null when no label has a majority (three raters, three answers).
 * A note with one rater (older sets, written and labelled by their author alone) has its author's label.
 */
export function majorityLabel(labels: RaterLabels): Recommendation | null {
  const given = [labels.author, labels.second, labels.third].filter((label): label is Recommendation => label !== undefined);
  const counts = new Map<Recommendation, number>();
  for (const label of given) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const [label, count] of counts) if (count * 2 > given.length) return label;
  return null;
}

/** Every rater gave the same label. */
export function ratersAgree(labels: RaterLabels): boolean {
  const given = [labels.author, labels.second, labels.third].filter((label) => label !== undefined);
  return given.every((label) => label === given[0]);
}

/** Cohen's kappa between two labellings of the same items: observed agreement corrected for chance. */
export function cohensKappa(first: readonly Recommendation[], second: readonly Recommendation[]): number {
  if (first.length !== second.length) throw new Error("cohensKappa: labellings of different lengths");
  const n = first.length;
  if (n === 0) return Number.NaN;
  let observed = 0;
  const firstCounts = new Map<Recommendation, number>();
  const secondCounts = new Map<Recommendation, number>();
  for (let i = 0; i < n; i++) {
    const a = first[i] as Recommendation;
    const b = second[i] as Recommendation;
    if (a === b) observed++;
    firstCounts.set(a, (firstCounts.get(a) ?? 0) + 1);
    secondCounts.set(b, (secondCounts.get(b) ?? 0) + 1);
  }
  let chance = 0;
  for (const label of RECOMMENDATIONS) chance += ((firstCounts.get(label) ?? 0) / n) * ((secondCounts.get(label) ?? 0) / n);
  const agreement = observed / n;
  return chance === 1 ? (agreement === 1 ? 1 : 0) : (agreement - chance) / (1 - chance);
}

/** Counts of engine answers per expected label: confusion.get(expected).get(answer). */
export type Confusion = ReadonlyMap<Recommendation, ReadonlyMap<Recommendation, number>>;

export function confusionMatrix(expected: readonly Recommendation[], answers: readonly Recommendation[]): Confusion {
  const matrix = new Map<Recommendation, Map<Recommendation, number>>();
  expected.forEach((label, i) => {
    const answer = answers[i] as Recommendation;
    const row = matrix.get(label) ?? new Map<Recommendation, number>();
    row.set(answer, (row.get(answer) ?? 0) + 1);
    matrix.set(label, row);
  });
  return matrix;
}

/** Confidence bands for calibration, lower bound included: the last band is the one the issue's ≥ 0.8 promise is about. */
export const CONFIDENCE_BANDS: readonly (readonly [number, number])[] = [
  [0, 0.5],
  [0.5, 0.65],
  [0.65, 0.8],
  [0.8, 0.9],
  [0.9, 1.0000001],
];

export interface BandAgreement {
  readonly from: number;
  readonly to: number;
  readonly answers: number;
  readonly agreed: number;
  /** The mean confidence of the answers in the band. */
  readonly meanConfidence: number;
}

export function agreementByBand(confidences: readonly number[], correct: readonly boolean[]): BandAgreement[] {
  return CONFIDENCE_BANDS.map(([from, to]) => {
    let answers = 0;
    let agreed = 0;
    let sum = 0;
    confidences.forEach((confidence, i) => {
      if (confidence < from || confidence >= to) return;
      answers++;
      sum += confidence;
      if (correct[i]) agreed++;
    });
    return { from, to: Math.min(to, 1), answers, agreed, meanConfidence: answers === 0 ? 0 : sum / answers };
  });
}

/**
 * Expected calibration error: over ten equal-width bins of confidence, the mean gap between confidence and
 * agreement, weighted by the share of answers in each bin (Guo et al. 2017).
 */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 10): number {
  const n = confidences.length;
  if (n === 0) return Number.NaN;
  let error = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = b === bins - 1 ? 1.0000001 : (b + 1) / bins;
    let count = 0;
    let confidenceSum = 0;
    let agreed = 0;
    confidences.forEach((confidence, i) => {
      if (confidence < from || confidence >= to) return;
      count++;
      confidenceSum += confidence;
      if (correct[i]) agreed++;
    });
    if (count > 0) error += (count / n) * Math.abs(agreed / count - confidenceSum / count);
  }
  return error;
}

/** One note of a set as the engine answered it. */
export interface ScoredNote {
  readonly labels: RaterLabels;
  readonly answer: Recommendation;
  readonly confidence: number;
}

export interface ProtocolFigures {
  readonly notes: number;
  /** Notes with a majority label, and how many the engine agrees with. */
  readonly withMajority: number;
  readonly agreedWithMajority: number;
  /** Notes every rater labelled alike, and how many the engine agrees with. */
  readonly ratersAgreeing: number;
  readonly agreedWhereRatersAgree: number;
  /** Engine against the majority label. */
  readonly kappa: number;
  /** Kappa of the engine on the notes where the raters agree. */
  readonly kappaWhereRatersAgree: number;
  /** Author against second reader, over the notes both labelled; null when the set has no second reader. */
  readonly raters: { readonly notes: number; readonly agreed: number; readonly kappa: number } | null;
  readonly confusion: Confusion;
  readonly bands: readonly BandAgreement[];
  readonly calibrationError: number;
}

export function protocolFigures(notes: readonly ScoredNote[]): ProtocolFigures {
  const majority = notes.map((note) => majorityLabel(note.labels));
  const withMajority = notes.filter((_, i) => majority[i] !== null);
  const majorityLabels = majority.filter((label): label is Recommendation => label !== null);
  const majorityAnswers = withMajority.map((note) => note.answer);
  const agreeing = notes.filter((note) => ratersAgree(note.labels));
  const secondLabelled = notes.filter((note) => note.labels.second !== undefined);
  const correct = notes.map((note, i) => majority[i] !== null && note.answer === majority[i]);
  return {
    notes: notes.length,
    withMajority: withMajority.length,
    agreedWithMajority: majorityAnswers.filter((answer, i) => answer === majorityLabels[i]).length,
    ratersAgreeing: agreeing.length,
    agreedWhereRatersAgree: agreeing.filter((note) => note.answer === note.labels.author).length,
    kappa: cohensKappa(majorityLabels, majorityAnswers),
    kappaWhereRatersAgree: cohensKappa(
      agreeing.map((note) => note.labels.author),
      agreeing.map((note) => note.answer),
    ),
    raters:
      secondLabelled.length === 0
        ? null
        : {
            notes: secondLabelled.length,
            agreed: secondLabelled.filter((note) => note.labels.second === note.labels.author).length,
            kappa: cohensKappa(
              secondLabelled.map((note) => note.labels.author),
              secondLabelled.map((note) => note.labels.second as Recommendation),
            ),
          },
    confusion: confusionMatrix(majorityLabels, majorityAnswers),
    bands: agreementByBand(
      notes.filter((_, i) => majority[i] !== null).map((note) => note.confidence),
      correct.filter((_, i) => majority[i] !== null),
    ),
    calibrationError: expectedCalibrationError(
      notes.filter((_, i) => majority[i] !== null).map((note) => note.confidence),
      correct.filter((_, i) => majority[i] !== null),
    ),
  };
}
