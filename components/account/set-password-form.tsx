"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";

// The API's own limits (lib/auth/password-policy.ts), checked here too; the API has the last word (common passwords).
const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 128;

/**
 * Sets a password with an invitation or reset link, then goes to sign-in:
 * the link sets the password only, and signing in asks what it always asks.
 */
export function SetPasswordForm({ purpose, token }: { purpose: "INVITATION" | "PASSWORD_RESET"; token: string }) {
  const router = useRouter();
  const [problems, setProblems] = useState<{ newPassword?: string; confirm?: string; general?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const newPassword = String(data.get("newPassword") ?? "");
    const confirm = String(data.get("confirm") ?? "");
    const found: typeof problems = {};
    if (newPassword.length < PASSWORD_MIN_LENGTH) found.newPassword = `Your password must be at least ${PASSWORD_MIN_LENGTH} characters.`;
    else if (newPassword.length > PASSWORD_MAX_LENGTH) found.newPassword = `Your password must be at most ${PASSWORD_MAX_LENGTH} characters.`;
    if (!found.newPassword && confirm !== newPassword) found.confirm = "The two passwords are not the same.";
    if (found.newPassword || found.confirm) {
      flushSync(() => setProblems(found));
      document.getElementById(found.newPassword ? "new-password" : "confirm-password")?.focus();
      return;
    }
    setPending(true);
    const response = await fetch("/api/account/set-password", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ purpose, token, newPassword }),
    }).catch(() => null);
    setPending(false);
    if (response?.ok) {
      router.replace("/login?passwordSet=1");
      return;
    }
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string; field?: string[] } } | null;
    const message = body?.error?.message ?? "That did not work. Try again in a moment.";
    flushSync(() => setProblems(body?.error?.field?.at(-1) === "newPassword" ? { newPassword: message } : { general: message }));
    if (body?.error?.field?.at(-1) === "newPassword") document.getElementById("new-password")?.focus();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="new-password">New password (at least {PASSWORD_MIN_LENGTH} characters)</label>
        <input
          id="new-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          aria-invalid={problems.newPassword ? true : undefined}
          aria-describedby={problems.newPassword ? "new-password-error" : undefined}
        />
        {problems.newPassword && (
          <p className="field-error" id="new-password-error">
            {problems.newPassword}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="confirm-password">The same password again</label>
        <input
          id="confirm-password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={problems.confirm ? true : undefined}
          aria-describedby={problems.confirm ? "confirm-password-error" : undefined}
        />
        {problems.confirm && (
          <p className="field-error" id="confirm-password-error">
            {problems.confirm}
          </p>
        )}
      </div>
      {problems.general && (
        <p className="error" role="alert">
          {problems.general}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Setting…" : "Set password"}
      </button>
    </form>
  );
}
