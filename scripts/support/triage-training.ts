/**
 * Training of the learned part of the triage decision (lib/triage/learned.ts): a multinomial logistic regression
 * whose softmax runs over the allowed answers only, fitted by Adam on the full batch from zero weights. No
 * randomness anywhere, so the same examples always give the same weights (tests/unit/triage/model.test.ts).
 * Used by scripts/triage-train.ts.
 */
import { CLASSES, FEATURE_NAMES, logits, maskedSoftmax } from "@/lib/triage/learned";

/** Hyperparameters, chosen by leave-one-set-out agreement on the tuning sets (lib/triage/README.md). */
export const EPOCHS = 200;
export const LEARNING_RATE = 0.05;
export const L2 = 0.001;

/** One encoded note: its sparse features, the answers it allows, and the label's class index. */
export interface Example {
  readonly set: string;
  readonly columns: Int32Array;
  readonly values: Float64Array;
  readonly allowed: readonly boolean[];
  readonly label: number;
}

/** Multinomial logistic regression with the answer masked to the allowed classes; Adam on the full batch. */
export function train(data: readonly Example[], epochs = EPOCHS): Float64Array[] {
  const size = FEATURE_NAMES.length;
  const weights = CLASSES.map(() => new Float64Array(size));
  const firstMoment = CLASSES.map(() => new Float64Array(size));
  const secondMoment = CLASSES.map(() => new Float64Array(size));
  const gradient = CLASSES.map(() => new Float64Array(size));
  const scores = new Float64Array(CLASSES.length);
  const probabilities = new Float64Array(CLASSES.length);
  for (let step = 1; step <= epochs; step++) {
    for (const row of gradient) row.fill(0);
    for (const example of data) {
      logits({ weights }, { columns: example.columns, values: example.values, count: example.columns.length }, scores);
      maskedSoftmax(scores, example.allowed, 1, probabilities);
      for (let c = 0; c < CLASSES.length; c++) {
        if (!example.allowed[c]) continue;
        const error = (probabilities[c] ?? 0) - (c === example.label ? 1 : 0);
        const row = gradient[c] as Float64Array;
        for (let k = 0; k < example.columns.length; k++) {
          const column = example.columns[k] ?? 0;
          row[column] = (row[column] ?? 0) + error * (example.values[k] ?? 0);
        }
      }
    }
    for (let c = 0; c < CLASSES.length; c++) {
      const w = weights[c] as Float64Array;
      const g = gradient[c] as Float64Array;
      const m = firstMoment[c] as Float64Array;
      const v = secondMoment[c] as Float64Array;
      for (let i = 0; i < size; i++) {
        const grad = (g[i] ?? 0) / data.length + L2 * (w[i] ?? 0);
        if (grad === 0 && w[i] === 0) continue;
        m[i] = 0.9 * (m[i] ?? 0) + 0.1 * grad;
        v[i] = 0.999 * (v[i] ?? 0) + 0.001 * grad * grad;
        const mHat = (m[i] ?? 0) / (1 - 0.9 ** step);
        const vHat = (v[i] ?? 0) / (1 - 0.999 ** step);
        w[i] = (w[i] ?? 0) - (LEARNING_RATE * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    }
  }
  return weights;
}

