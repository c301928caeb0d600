"use client";

import { useEffect, useId, useRef, type FormEvent, type ReactNode, type RefObject } from "react";
import styles from "./confirm-dialog.module.css";

/**
 * The confirmation step of an action that cannot be undone (cancelling a
 * referral, declining one, deactivating a user): a native modal <dialog>, so
 * the page behind is inert and the browser traps focus. Both buttons name
 * what they do ("Cancel referral" / "Keep referral"), so "Cancel" is never
 * read as "close this". Escape, like the keep button, changes nothing.
 *
 * Focus goes to the element marked `data-initial-focus` (the first field of a
 * form inside), else to the keep button, the safe choice; on closing it goes
 * back to the control that opened the dialog, or, when the action removed that
 * control (a cancelled part offers no "Cancel referral"), to `fallbackFocus`.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  keepLabel,
  busy = false,
  onConfirm,
  onKeep,
  fallbackFocus,
  children,
}: {
  open: boolean;
  title: string;
  /** What confirming does, in a sentence; read out with the title. */
  description: ReactNode;
  confirmLabel: string;
  keepLabel: string;
  /** While the action is under way: both buttons are disabled and Escape waits. */
  busy?: boolean;
  /** Called on the confirm button (the dialog's form submitting); the caller closes the dialog when done. */
  onConfirm: () => void;
  onKeep: () => void;
  /** Where focus goes on closing when the opener has left the page (give it tabIndex -1). */
  fallbackFocus?: RefObject<HTMLElement | null>;
  /** Fields the action needs (a reason, a comment) and any error. */
  children?: ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<Element | null>(null);
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement;
      dialog.showModal();
      (dialog.querySelector<HTMLElement>("[data-initial-focus]") ?? keepRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function onClose() {
    const opener = openerRef.current;
    openerRef.current = null;
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    else fallbackFocus?.current?.focus();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) onConfirm();
  }

  return (
    <dialog
      ref={dialogRef}
      className={styles.dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      // Escape: the parent's state decides whether the dialog is open, so the browser is not left to close it.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onKeep();
      }}
      onClose={onClose}
    >
      <form onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-description`}>{description}</div>
        {children}
        <div className={styles.buttons}>
          <button type="submit" className="button danger" disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </button>
          <button type="button" className="button secondary" ref={keepRef} disabled={busy} onClick={onKeep}>
            {keepLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
