"use client";

import type { ErrorLike } from "@apollo/client";
import { useState } from "react";
import { apiErrors } from "@/components/graphql-errors";
import type { TriageResultFieldsFragment as TriageResult } from "@/lib/generated/graphql/graphql";
import { TriageEvidenceDetails, TriageHeadline } from "./triage-result";

/**
 * The recommendation for the needs as ticked so far. Beside the form on a wide
 * screen it stays in view (sticky) with all its reasons; on a narrow one it is a
 * compact bar pinned to the bottom of the screen (the answer and its
 * confidence) that opens to the reasons. Only the headline is a live region:
 * announcing every rule and quotation on each tick would drown it out.
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
  const [expanded, setExpanded] = useState(false);
  const reasons = triage && !error;
  return (
    <aside
      className="card triage-preview"
      aria-labelledby="triage-preview-heading"
      aria-busy={updating}
      data-expanded={expanded}
      data-testid="triage-preview"
      // Scrolls on its own when the reasons are longer than the screen: focusable so a keyboard can scroll it.
      tabIndex={0}
    >
      <div className="triage-preview-bar">
        <h2 id="triage-preview-heading">
          Recommendation preview {updating && <span className="updating">updating…</span>}
        </h2>
        <div aria-live="polite" className="triage-summary">
          {error ? (
            <p className="error">{apiErrors(error)[0]?.message}</p>
          ) : triage ? (
            <TriageHeadline result={triage} />
          ) : (
            <p className="muted">Tick a need or a condition, or write notes, to see a recommendation and its reasons.</p>
          )}
        </div>
        {reasons && (
          <button
            type="button"
            className="button secondary triage-toggle"
            aria-expanded={expanded}
            aria-controls="triage-reasons"
            onClick={() => setExpanded((open) => !open)}
          >
            {expanded ? "Hide reasons" : "Show reasons"}
          </button>
        )}
      </div>
      {reasons && (
        <div id="triage-reasons" className="triage-reasons">
          <p className="triage-reason">{triage.reason}</p>
          <TriageEvidenceDetails result={triage} />
        </div>
      )}
    </aside>
  );
}
