"use client";

import { useState, type KeyboardEvent } from "react";
import { DATE_FORMAT_HINT, formatCalendarDate, parseTypedDate } from "@/lib/dates";

/**
 * The portal's one date input: a text box read day first ("14/03/1941", "14 Mar
 * 1941"), never in the browser's locale order, with the format shown beside it
 * and an error for a date that does not exist. A date is reported (YYYY-MM-DD)
 * as soon as the text is a whole date, and shown back as "14 Mar 1941" on leaving
 * the box. `error` is the form's own message about the value (a range, the API).
 */
export function DateInput({
  id,
  label,
  value,
  onChange,
  name,
  error,
  required,
}: {
  id: string;
  label: string;
  /** YYYY-MM-DD, or nothing. */
  value?: string | null;
  onChange?: (date: string | null) => void;
  /** For a form read with FormData: the typed text is submitted under this name (parse it with parseTypedDate). */
  name?: string;
  error?: string | null;
  required?: boolean;
}) {
  const [text, setText] = useState(value ? formatCalendarDate(value) : "");
  const [previousValue, setPreviousValue] = useState(value ?? null);
  const [typingError, setTypingError] = useState<string | null>(null);

  // A value changed from outside (a cleared filter, a default) replaces what was typed;
  // the value this box reported itself leaves the text as typed.
  if ((value ?? null) !== previousValue) {
    setPreviousValue(value ?? null);
    const typed = parseTypedDate(text);
    if (typed.error !== undefined || typed.date !== (value ?? null)) {
      setText(value ? formatCalendarDate(value) : "");
      setTypingError(null);
    }
  }

  function change(next: string) {
    setText(next);
    setTypingError(null);
    const typed = parseTypedDate(next);
    if (typed.error === undefined && typed.date !== (value ?? null)) onChange?.(typed.date);
  }

  function settle() {
    const typed = parseTypedDate(text);
    if (typed.error !== undefined) setTypingError(typed.error);
    else if (typed.date) setText(formatCalendarDate(typed.date));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") settle();
  }

  const message = typingError ?? error ?? null;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field date-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="dd/mm/yyyy"
        value={text}
        required={required}
        onChange={(event) => change(event.target.value)}
        onBlur={settle}
        onKeyDown={onKeyDown}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${hintId} ${errorId}` : hintId}
      />
      <span className="hint" id={hintId}>
        {DATE_FORMAT_HINT}
      </span>
      {message && (
        <p className="field-error" id={errorId} role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
