import type { ErrorLike } from "@apollo/client";
import { apiErrors } from "@/components/graphql-errors";

/**
 * A list's one-line state for screen readers and sighted users alike ("Showing
 * 12 referrals."), and the API's message when loading it failed.
 */
export function ListStatus({
  id,
  status,
  loading,
  error,
}: {
  id?: string;
  status: string;
  loading: boolean;
  error: ErrorLike | undefined;
}) {
  return (
    <>
      <p id={id} className="muted" role="status" aria-busy={loading}>
        {status}
      </p>
      {error && (
        <p className="error" role="alert">
          {apiErrors(error)[0]?.message}
        </p>
      )}
    </>
  );
}
