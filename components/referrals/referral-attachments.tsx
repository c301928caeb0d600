"use client";

import { useRef, useState, type FormEvent } from "react";
import { DISCIPLINE_LABELS, formatDateTime } from "@/components/labels";
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, ATTACHMENTS_PER_REFERRAL, formatSize, isAttachmentType } from "@/lib/attachments/validation";
import type { ReferralDetailsQuery } from "@/lib/generated/graphql/graphql";
import { uploadAttachment } from "./attachment-upload";

type Attachment = NonNullable<ReferralDetailsQuery["referral"]>["attachments"][number];

const typeLabel = (contentType: string) => (isAttachmentType(contentType) ? ATTACHMENT_TYPES[contentType].label : contentType);

/**
 * The referral's attachments, each a download (never opened in the portal's
 * page), and, when the viewer may attach now, a file to add: the server
 * decides by the file's bytes whether it is a PDF, PNG, JPEG or plain text.
 */
export function ReferralAttachments({
  referralId,
  attachments,
  canAttach,
  onAttached,
}: {
  referralId: string;
  attachments: readonly Attachment[];
  canAttach: boolean;
  onAttached: () => Promise<unknown>;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const full = attachments.length >= ATTACHMENTS_PER_REFERRAL;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError("Choose a file to attach.");
      input.current?.focus();
      return;
    }
    setSending(true);
    const result = await uploadAttachment(referralId, file);
    setSending(false);
    if (!result.ok) {
      setError(result.message);
      input.current?.focus();
      return;
    }
    setError(null);
    if (input.current) input.current.value = "";
    setDone(`Attached “${file.name}”.`);
    await onAttached();
  }

  return (
    <section className="card" aria-labelledby="attachments-heading" data-testid="attachments">
      <h2 id="attachments-heading">Attachments</h2>
      {attachments.length === 0 ? (
        <p className="muted">No attachments.</p>
      ) : (
        <ul className="attachment-list">
          {attachments.map((attachment) => (
            <li key={attachment.id} data-testid="attachment">
              <a href={attachment.downloadUrl} download={attachment.filename}>
                {attachment.filename}
              </a>
              <span className="muted block">
                {typeLabel(attachment.contentType)}, {formatSize(attachment.size)} · attached by {attachment.uploadedBy.name} on{" "}
                <time dateTime={attachment.createdAt}>{formatDateTime(attachment.createdAt)}</time>
                {attachment.part && <> · with the {DISCIPLINE_LABELS[attachment.part.discipline].toLowerCase()} outcome</>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canAttach && !full && (
        <form className="inline-form attach-form" onSubmit={onSubmit} noValidate aria-label="Attach a file to the referral">
          <div className="field">
            <label htmlFor="attachment-file">Attach a file</label>
            <input
              ref={input}
              id="attachment-file"
              name="file"
              type="file"
              accept={ATTACHMENT_ACCEPT}
              onChange={() => setError(null)}
              aria-describedby={error ? "attachment-file-hint attachment-file-error" : "attachment-file-hint"}
              aria-invalid={error ? true : undefined}
            />
            <span className="hint" id="attachment-file-hint">
              PDF, PNG, JPEG or plain text, up to {formatSize(ATTACHMENT_MAX_BYTES)}; at most {ATTACHMENTS_PER_REFERRAL} to a referral.
            </span>
            {error && (
              <p className="field-error" id="attachment-file-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <button className="button secondary" type="submit" disabled={sending}>
            {sending ? "Attaching…" : "Attach"}
          </button>
        </form>
      )}
      {canAttach && full && <p className="muted">This referral has {ATTACHMENTS_PER_REFERRAL} attachments, the most it can have.</p>}
      <p className="muted" role="status">
        {done}
      </p>
    </section>
  );
}
