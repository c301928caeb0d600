"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { apiErrors } from "@/components/graphql-errors";
import { MY_CONTACT, UPDATE_MY_CONTACT } from "./operations";

/** The viewer's work phone: the number the services they refer to call them on, shown with their referrals. */
export function ContactForm() {
  const { data } = useQuery(MY_CONTACT);
  const [update, { loading }] = useMutation(UPDATE_MY_CONTACT);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const me = data?.me;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const workPhone = String(new FormData(event.currentTarget).get("workPhone") ?? "").trim();
    try {
      await update({ variables: { input: { workPhone: workPhone || null } } });
      setError(null);
      setSaved(workPhone ? "Work phone saved." : "Work phone removed.");
    } catch (caught) {
      setError(apiErrors(caught instanceof Error ? caught : null)[0]?.message ?? "The work phone could not be saved.");
      document.getElementById("workPhone")?.focus();
    }
  }

  if (!me) return <p className="muted">Loading…</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Your contact details">
      <div className="field">
        <label htmlFor="workPhone">Work phone</label>
        <input
          id="workPhone"
          name="workPhone"
          type="tel"
          autoComplete="tel"
          defaultValue={me.workPhone ?? ""}
          onInput={() => setError(null)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "workPhone-hint workPhone-error" : "workPhone-hint"}
        />
        <span className="hint" id="workPhone-hint">
          Shown with the referrals you send, so a service can call you.
        </span>
        {error && (
          <p className="field-error" id="workPhone-error">
            {error}
          </p>
        )}
      </div>
      <button className="button" type="submit" disabled={loading}>
        {loading ? "Saving…" : "Save work phone"}
      </button>
      <p className="muted" role="status">
        {saved}
      </p>
    </form>
  );
}
