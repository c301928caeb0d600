/**
 * The agreement each tuning set reached on ruleset 2026-12-07.2, recorded by
 * `npm run triage:agreement -- --record-tuning`: tuning-regression.test.ts fails when a set drops below it.
 */
export const TUNING_FIGURES: Readonly<Record<string, { readonly agreed: number; readonly total: number }>> = {
  "batch-e1": {
    "agreed": 154,
    "total": 157
  },
  "batch-e2": {
    "agreed": 153,
    "total": 157
  },
  "batch-t1": {
    "agreed": 155,
    "total": 160
  },
  "batch-t10": {
    "agreed": 158,
    "total": 160
  },
  "batch-t11": {
    "agreed": 156,
    "total": 160
  },
  "batch-t2": {
    "agreed": 156,
    "total": 160
  },
  "batch-t3": {
    "agreed": 151,
    "total": 160
  },
  "batch-t4": {
    "agreed": 159,
    "total": 160
  },
  "batch-t5": {
    "agreed": 149,
    "total": 160
  },
  "batch-t6": {
    "agreed": 154,
    "total": 160
  },
  "batch-t7": {
    "agreed": 155,
    "total": 160
  },
  "batch-t8": {
    "agreed": 151,
    "total": 160
  },
  "batch-t9": {
    "agreed": 156,
    "total": 160
  },
  "fresh": {
    "agreed": 56,
    "total": 60
  },
  "holdout-2": {
    "agreed": 155,
    "total": 160
  },
  "holdout-3": {
    "agreed": 160,
    "total": 160
  },
  "holdout-4": {
    "agreed": 115,
    "total": 120
  },
  "holdout-5": {
    "agreed": 76,
    "total": 80
  },
  "holdout-6": {
    "agreed": 98,
    "total": 100
  },
  "holdout-7": {
    "agreed": 98,
    "total": 100
  },
  "holdout-8": {
    "agreed": 97,
    "total": 100
  },
  "holdout-9": {
    "agreed": 93,
    "total": 100
  },
  "independent": {
    "agreed": 164,
    "total": 169
  }
};
