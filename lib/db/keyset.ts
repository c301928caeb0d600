/**
 * Keyset paging, newest first, on a (createdAt, id) index: the rows after a
 * page's last row. The redundant `createdAt <= cursor` bound is what lets
 * PostgreSQL use the index range for this OR (measured with EXPLAIN; without
 * it the planner walks the index from the top).
 */
export interface NewestFirstKey {
  createdAt: Date;
  id: string;
}

export function olderThan(key: NewestFirstKey) {
  return {
    createdAt: { lte: key.createdAt },
    OR: [{ createdAt: { lt: key.createdAt } }, { createdAt: key.createdAt, id: { lt: key.id } }],
  };
}

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];
