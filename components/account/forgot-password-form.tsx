"use client";

import { useState, type FormEvent } from "react";
import { RESET_REQUESTED_MESSAGE } from "@/lib/auth/messages";

/** "Forgot password": asks for the address, and answers the same whatever it is (lib/accounts). */
export function ForgotPasswordForm() {
  const [state, setState] = useState<{ sent: boolean; error: string | null; pending: boolean }>({ sent: false, error: null, pending: false });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!email) {
      setState({ sent: false, error: "Enter your email address.", pending: false });
      document.getElementById("email")?.focus();
      return;
    }
    setState({ sent: false, error: null, pending: true });
    const response = await fetch("/api/account/forgot-password", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    }).catch(() => null);
    if (response?.ok) {
      setState({ sent: true, error: null, pending: false });
      return;
    }
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setState({ sent: false, error: body?.error?.message ?? "That did not work. Try again in a moment.", pending: false });
  }

  if (state.sent) {
    return (
      <p className="notice" role="status" id="reset-requested">
        {RESET_REQUESTED_MESSAGE}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "email-error" : undefined}
        />
        {state.error && (
          <p className="field-error" id="email-error">
            {state.error}
          </p>
        )}
      </div>
      <button className="button" type="submit" disabled={state.pending}>
        {state.pending ? "Sending…" : "Send me a link"}
      </button>
    </form>
  );
}
