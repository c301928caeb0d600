import type { ErrorLike } from "@apollo/client";
import { apiErrors } from "@/components/graphql-errors";
import type { TriageResultFieldsFragment as TriageResult } from "@/lib/generated/graphql/graphql";
import { TriageEvidenceDetails, TriageSummary } from "./triage-result";

/**
 * The recommendation for the needs as ticked so far. Only the summary is a live
 * region: announcing every rule and quotation on each tick would drown it out.
 */
export function TriagePreview({
  triage,
  updating,
  error,
}: {
  triage: TriageResult | null;
  updating: boolean;
  error: ErrorLike | undefined;
}) {
  return (
    <aside className="card triage-preview" aria-labelledby="triage-preview-heading" aria-busy={updating}>
      <h2 id="triage-preview-heading">
        Recommendation preview {updating && <span className="updating">updating…</span>}
      </h2>
      <div aria-live="polite" className="triage-summary">
        {error ? (
          <p className="error">{apiErrors(error)[0]?.message}</p>
        ) : triage ? (
          <TriageSummary result={triage} />
        ) : (
          <p className="muted">Tick a need or a condition, or write notes, to see a recommendation and its reasons.</p>
        )}
      </div>
      {triage && !error && <TriageEvidenceDetails result={triage} />}
    </aside>
  );
}
