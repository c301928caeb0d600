"use client";

import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useState, type FormEvent } from "react";
import { postStep, StepError } from "./api";
import { RecoveryCodes } from "./recovery-codes";

type Enrolled = { recoveryCodes: string[] | null };

/**
 * Adding a second factor: a passkey (named) or an authenticator app (QR code,
 * or the secret typed in, then a code from it). Forced enrolment after the
 * password and Your account both use it. `withStepUp` lets Your account ask for
 * the current factor first when the server wants a fresh check; new recovery
 * codes (the first factor's) are shown once before `onDone`.
 */
export function SecondFactorSetup({
  onDone,
  withStepUp = (action) => action(),
  offer = ["PASSKEY", "TOTP"],
}: {
  onDone: () => void;
  withStepUp?: <T>(action: () => Promise<T>) => Promise<T>;
  offer?: ("PASSKEY" | "TOTP")[];
}) {
  const [app, setApp] = useState<{ secret: string; qrCode: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function run(work: () => Promise<Enrolled | void>) {
    setError(null);
    setPending(true);
    try {
      const enrolled = await work();
      if (enrolled) {
        if (enrolled.recoveryCodes) setCodes(enrolled.recoveryCodes);
        else onDone();
      }
    } catch (caught) {
      setError(caught instanceof StepError ? { field: caught.field, message: caught.message } : { field: null, message: "That did not work. Try again." });
    } finally {
      setPending(false);
    }
  }

  function addPasskey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("passkeyName") ?? "").trim();
    if (!name) {
      setError({ field: "name", message: "Name the passkey, e.g. “Work laptop”." });
      return;
    }
    void run(() =>
      withStepUp(async () => {
        const options = await postStep<PublicKeyCredentialCreationOptionsJSON>("passkey-setup");
        let response;
        try {
          response = await startRegistration({ optionsJSON: options });
        } catch {
          throw new StepError("CANCELLED", "The passkey was not created. Try again.", null);
        }
        return postStep<Enrolled>("passkey-register", { name, response });
      }),
    );
  }

  function startApp() {
    void run(async () => {
      setApp(await withStepUp(() => postStep<{ secret: string; qrCode: string }>("totp-setup")));
    });
  }

  function confirmApp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("totpCode") ?? "").trim();
    if (!code) {
      setError({ field: "code", message: "Enter the 6-digit code the app shows." });
      return;
    }
    void run(() => withStepUp(() => postStep<Enrolled>("totp-confirm", { code })));
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;

  const fieldError = (field: string, id: string) =>
    error?.field === field ? (
      <p className="field-error" id={id}>
        {error.message}
      </p>
    ) : null;

  return (
    <div className="second-factor-setup">
      {offer.includes("PASSKEY") && (
        <section aria-labelledby="add-passkey-heading">
          <h2 id="add-passkey-heading">A passkey</h2>
          <p className="muted">Your device&apos;s fingerprint, face or screen lock, or a security key.</p>
          <form onSubmit={addPasskey} noValidate>
            <div className="field">
              <label htmlFor="passkey-name">Name for this passkey</label>
              <input
                id="passkey-name"
                name="passkeyName"
                type="text"
                maxLength={60}
                placeholder="Work laptop"
                aria-invalid={error?.field === "name" ? true : undefined}
                aria-describedby={error?.field === "name" ? "passkey-name-error" : undefined}
              />
              {fieldError("name", "passkey-name-error")}
            </div>
            <button className="button" type="submit" disabled={pending}>
              Add a passkey
            </button>
          </form>
        </section>
      )}
      {offer.includes("TOTP") && (
        <section aria-labelledby="add-app-heading">
          <h2 id="add-app-heading">An authenticator app</h2>
          {!app ? (
            <>
              <p className="muted">One-time codes from an app such as Google Authenticator, Microsoft Authenticator or FreeOTP.</p>
              <button className="button secondary" type="button" onClick={startApp} disabled={pending}>
                Set up an authenticator app
              </button>
            </>
          ) : (
            <form onSubmit={confirmApp} noValidate>
              <p>Scan this QR code with the app, or type the key below into it.</p>
              {/* A data: URL (the page's CSP allows data: images): the secret never leaves this page in another request. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img className="qr-code" src={app.qrCode} alt="QR code for your authenticator app (the same key is written below)" width={200} height={200} />
              <p>
                Key: <code data-testid="totp-secret">{app.secret.match(/.{1,4}/g)?.join(" ")}</code>
              </p>
              <div className="field">
                <label htmlFor="totp-code">Code from the app</label>
                <input
                  id="totp-code"
                  name="totpCode"
                  type="text"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  aria-invalid={error?.field === "code" ? true : undefined}
                  aria-describedby={error?.field === "code" ? "totp-code-error" : undefined}
                />
                {fieldError("code", "totp-code-error")}
              </div>
              <button className="button" type="submit" disabled={pending}>
                Confirm the app
              </button>
            </form>
          )}
        </section>
      )}
      {error && error.field !== "name" && error.field !== "code" && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
