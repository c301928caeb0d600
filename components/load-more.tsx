/**
 * The "Load more" button under a paginated list: shown while the API says there
 * is a next page, it asks for the page after the last cursor shown.
 */
export function LoadMore({
  pageInfo,
  loading,
  onMore,
  label = "Load more",
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | null | undefined;
  loading: boolean;
  onMore: (after: string | null | undefined) => unknown;
  label?: string;
}) {
  if (!pageInfo?.hasNextPage) return null;
  return (
    <button type="button" className="button secondary" disabled={loading} onClick={() => onMore(pageInfo.endCursor)}>
      {label}
    </button>
  );
}
