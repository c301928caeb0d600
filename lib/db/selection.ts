/**
 * Whether a Prisma selection (as Pothos plans it from the GraphQL query) asks
 * for nothing but columns of a row already in hand: then that row is the
 * answer, and reading it again would only cost a round trip. Anything more
 * (a relation, a count, a column the row lacks, an `include`) needs the read.
 */
export function selectsOnly(query: { select?: object | null; include?: object | null }, row: object): boolean {
  if (query.include || !query.select) return false;
  return Object.entries(query.select).every(([column, wanted]) => wanted === true && column in row);
}
