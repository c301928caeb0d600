"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { apiErrors } from "@/components/graphql-errors";
import { formatDateTime } from "@/components/labels";
import { RecoveryCodes } from "./recovery-codes";
import { SecondFactorSetup } from "./setup";
import { useStepUp } from "./step-up";
import {
  END_OTHER_SESSIONS,
  END_SESSION,
  MY_SECOND_FACTORS,
  MY_SESSIONS,
  REGENERATE_RECOVERY_CODES,
  REMOVE_AUTHENTICATOR_APP,
  REMOVE_PASSKEY,
} from "./operations";

const messageOf = (error: unknown) => apiErrors(error instanceof Error ? error : null)[0]?.message ?? "That did not work.";

/** Your account → Second factor: passkeys (named, with last use), the authenticator app, recovery codes. */
export function SecondFactorSettings() {
  const { data, refetch } = useQuery(MY_SECOND_FACTORS);
  const withStepUp = useStepUp();
  const [removePasskey] = useMutation(REMOVE_PASSKEY);
  const [removeApp] = useMutation(REMOVE_AUTHENTICATOR_APP);
  const [regenerate] = useMutation(REGENERATE_RECOVERY_CODES);
  const [adding, setAdding] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const factors = data?.mySecondFactors;

  async function act(work: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await withStepUp(work);
      setMessage(done);
      await refetch();
    } catch (error) {
      setMessage(messageOf(error));
    }
  }

  if (!factors) return <p className="muted">Loading…</p>;
  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} doneLabel="Done" />;
  const none = factors.passkeys.length === 0 && !factors.authenticatorApp;

  return (
    <div>
      <p className="muted">
        {factors.required ? "Your clinic requires a second factor when you sign in." : "A second factor keeps your account safe even if your password leaks."}
      </p>
      <h3>Passkeys</h3>
      {factors.passkeys.length === 0 ? (
        <p className="muted">No passkeys.</p>
      ) : (
        <ul className="factor-list" aria-label="Your passkeys">
          {factors.passkeys.map((passkey) => (
            <li key={passkey.id}>
              <span>
                <strong>{passkey.name}</strong>
                <br />
                <span className="muted">
                  Added {formatDateTime(passkey.createdAt)} · {passkey.lastUsedAt ? `last used ${formatDateTime(passkey.lastUsedAt)}` : "never used"}
                </span>
              </span>
              <button
                className="button secondary"
                type="button"
                onClick={() => void act(() => removePasskey({ variables: { id: passkey.id } }), `Removed the passkey “${passkey.name}”.`)}
              >
                Remove<span className="visually-hidden"> the passkey {passkey.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Authenticator app</h3>
      {factors.authenticatorApp ? (
        <ul className="factor-list" aria-label="Your authenticator app">
          <li>
            <span>
              Set up {formatDateTime(factors.authenticatorApp.addedAt)}
              {factors.authenticatorApp.lastUsedAt ? ` · last used ${formatDateTime(factors.authenticatorApp.lastUsedAt)}` : ""}
            </span>
            <button className="button secondary" type="button" onClick={() => void act(() => removeApp(), "Removed the authenticator app.")}>
              Remove the authenticator app
            </button>
          </li>
        </ul>
      ) : (
        <p className="muted">No authenticator app.</p>
      )}
      <h3>Recovery codes</h3>
      <p>
        {none ? "Recovery codes come with your first second factor." : `${factors.recoveryCodesLeft} of 10 recovery codes left.`}
      </p>
      {!none && (
        <button
          className="button secondary"
          type="button"
          onClick={() =>
            void act(async () => {
              const result = await regenerate();
              setCodes(result.data?.regenerateRecoveryCodes ?? null);
            }, "New recovery codes: the old ones no longer work.")
          }
        >
          Get new recovery codes
        </button>
      )}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <h3>Add a second factor</h3>
      {adding ? (
        <SecondFactorSetup
          withStepUp={withStepUp}
          offer={factors.authenticatorApp ? ["PASSKEY"] : ["PASSKEY", "TOTP"]}
          onDone={() => {
            setAdding(false);
            setMessage("Second factor added.");
            void refetch();
          }}
        />
      ) : (
        <button className="button" type="button" onClick={() => setAdding(true)}>
          Add a passkey or app
        </button>
      )}
    </div>
  );
}

/** Your account → Your sessions: each live session with its device, address, start and last activity; end one, or all the others. */
export function SessionList() {
  const { data, refetch } = useQuery(MY_SESSIONS, { fetchPolicy: "cache-and-network" });
  const [endSession] = useMutation(END_SESSION);
  const [endOthers] = useMutation(END_OTHER_SESSIONS);
  const [message, setMessage] = useState<string | null>(null);
  const sessions = data?.mySessions ?? [];
  const others = sessions.filter((session) => !session.current).length;

  async function act(work: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await work();
      setMessage(done);
      await refetch();
    } catch (error) {
      setMessage(messageOf(error));
    }
  }

  return (
    <div>
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <table className="session-table" data-testid="session-list">
          <caption className="visually-hidden">Your sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Address</th>
              <th scope="col">Started</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td className="device">{session.device ?? "Unknown device"}</td>
                <td data-label="Address">{session.address ?? "Unknown"}</td>
                <td data-label="Started">{formatDateTime(session.startedAt)}</td>
                <td data-label="Last active">{formatDateTime(session.lastActiveAt)}</td>
                <td>
                  {session.current ? (
                    <strong>This session</strong>
                  ) : (
                    <button
                      className="button secondary"
                      type="button"
                      onClick={() => void act(() => endSession({ variables: { id: session.id } }), "That session has ended.")}
                    >
                      End session<span className="visually-hidden"> started {formatDateTime(session.startedAt)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {others > 0 && (
        <p>
          <button className="button secondary" type="button" onClick={() => void act(() => endOthers(), "Every other session has ended.")}>
            End all other sessions
          </button>
        </p>
      )}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
    </div>
  );
}
