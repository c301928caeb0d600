"use client";

/** Recovery codes, shown once: the user keeps them somewhere safe, away from this device. */
export function RecoveryCodes({ codes, onDone, doneLabel = "I have saved my recovery codes" }: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  return (
    <section aria-labelledby="recovery-codes-heading" className="recovery-codes">
      <h2 id="recovery-codes-heading">Your recovery codes</h2>
      <p>
        Each code signs you in once if you lose your passkey or phone. They are shown only now: print them or write them down, and keep
        them away from this device.
      </p>
      <ol className="code-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <button className="button" type="button" onClick={onDone}>
        {doneLabel}
      </button>
    </section>
  );
}
