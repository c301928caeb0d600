"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { SIGN_IN_FAILED_MESSAGE, THROTTLED_PREFIX, throttledMessage } from "@/lib/auth/messages";

/** `next`: where to go once signed in (a path of the portal, checked by the sign-in page). */
export function LoginForm({ next = "/" }: { next?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setError(null);
    // An empty box is asked for by name; only a filled-in form is sent (and then never says which part was wrong).
    const empty = {
      ...(email === "" ? { email: "Enter your email address." } : {}),
      ...(password === "" ? { password: "Enter your password." } : {}),
    };
    flushSync(() => setMissing(empty));
    if (empty.email || empty.password) {
      document.getElementById(empty.email ? "email" : "password")?.focus();
      return;
    }
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false });
    setPending(false);
    if (!result?.ok) {
      const throttled = result?.error?.startsWith(THROTTLED_PREFIX);
      // Same words for every other failure: the form never tells which part was wrong.
      setError(throttled ? throttledMessage(Number(result!.error!.slice(THROTTLED_PREFIX.length))) : SIGN_IN_FAILED_MESSAGE);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} aria-describedby={error ? "sign-in-error" : undefined} noValidate>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          aria-invalid={missing.email ? true : undefined}
          aria-describedby={missing.email ? "email-error" : undefined}
        />
        {missing.email && (
          <p className="field-error" id="email-error">
            {missing.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={missing.password ? true : undefined}
          aria-describedby={missing.password ? "password-error" : undefined}
        />
        {missing.password && (
          <p className="field-error" id="password-error">
            {missing.password}
          </p>
        )}
      </div>
      {error && (
        <p className="error" role="alert" id="sign-in-error">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
