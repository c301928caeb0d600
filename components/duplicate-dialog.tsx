"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";

/**
 * The duplicate warning: the server found what this would duplicate (an open
 * referral of the patient, a patient of the same name and date of birth) and
 * says so in `message`; going ahead needs a reason, which is recorded with it.
 */
export function DuplicateDialog({
  open,
  title,
  message,
  confirmLabel,
  keepLabel,
  busy,
  onConfirm,
  onKeep,
}: {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  keepLabel: string;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onKeep: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      open={open}
      title={title}
      description={<p data-testid="duplicate-warning">{message}</p>}
      confirmLabel={confirmLabel}
      keepLabel={keepLabel}
      busy={busy}
      onConfirm={() => {
        if (!reason.trim()) {
          setError("Say why, so the record shows it.");
          document.getElementById("duplicate-reason")?.focus();
          return;
        }
        onConfirm(reason.trim());
      }}
      onKeep={() => {
        setError(null);
        onKeep();
      }}
    >
      <div className="field">
        <label htmlFor="duplicate-reason">Reason (required)</label>
        <textarea
          id="duplicate-reason"
          data-initial-focus
          rows={3}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "duplicate-reason-error" : undefined}
        />
        {error && (
          <p className="field-error" id="duplicate-reason-error">
            {error}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}
