"use client";

import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState, type FormEvent } from "react";
import { postStep, StepError } from "./api";

export interface SecondFactorMethods {
  passkeys: number;
  totp: boolean;
  recoveryCodes: number;
}

/**
 * Passing the second factor: a passkey, a code from the authenticator app, or
 * a recovery code. The second step of signing in and the step-up before an
 * administrator's action both use it; `onVerified` runs once the server has
 * marked the session.
 */
export function SecondFactorForm({ methods, onVerified, idPrefix = "second-factor" }: { methods: SecondFactorMethods; onVerified: () => void; idPrefix?: string }) {
  const [mode, setMode] = useState<"TOTP" | "RECOVERY_CODE">(methods.totp ? "TOTP" : "RECOVERY_CODE");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const codeId = `${idPrefix}-code`;

  async function run(work: () => Promise<void>) {
    setError(null);
    setPending(true);
    try {
      await work();
      onVerified();
    } catch (caught) {
      setError(caught instanceof StepError ? caught.message : "That did not work. Try again, or use another way.");
    } finally {
      setPending(false);
    }
  }

  const signInWithPasskey = () =>
    run(async () => {
      const options = await postStep<PublicKeyCredentialRequestOptionsJSON>("passkey-options");
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options });
      } catch {
        throw new StepError("CANCELLED", "The passkey was not used. Try again, or use another way.", null);
      }
      await postStep("verify", { method: "PASSKEY", response });
    });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) {
      setError(mode === "TOTP" ? "Enter the 6-digit code from your authenticator app." : "Enter one of your recovery codes.");
      return;
    }
    void run(() => postStep("verify", { method: mode, code }));
  }

  return (
    <div className="second-factor">
      {methods.passkeys > 0 && (
        <p>
          <button className="button" type="button" onClick={() => void signInWithPasskey()} disabled={pending}>
            Use a passkey
          </button>
        </p>
      )}
      {(methods.totp || methods.recoveryCodes > 0) && (
        <form onSubmit={onSubmit} noValidate aria-describedby={error ? `${idPrefix}-error` : undefined}>
          <div className="field">
            <label htmlFor={codeId}>{mode === "TOTP" ? "Code from your authenticator app" : "Recovery code"}</label>
            <input
              key={mode}
              id={codeId}
              name="code"
              type="text"
              autoComplete="one-time-code"
              inputMode={mode === "TOTP" ? "numeric" : "text"}
              spellCheck={false}
              required
              aria-invalid={error ? true : undefined}
              data-initial-focus
            />
          </div>
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Checking…" : "Continue"}
          </button>
          {methods.totp && methods.recoveryCodes > 0 && (
            <button className="link-button" type="button" onClick={() => setMode(mode === "TOTP" ? "RECOVERY_CODE" : "TOTP")}>
              {mode === "TOTP" ? "Use a recovery code instead" : "Use your authenticator app instead"}
            </button>
          )}
        </form>
      )}
      {error && (
        <p className="error" role="alert" id={`${idPrefix}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
