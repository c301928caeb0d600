"use client";

import { signOutHere } from "@/components/sign-out";
import { useCallback, useEffect, useRef, useState } from "react";

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "scroll", "touchstart"] as const;

/**
 * Automatic logoff, as the clinician sees it: activity in the page restarts the
 * server's idle clock (at most every few seconds), a warning appears before the
 * idle sign-out with a way to stay, and at the deadline the browser signs out.
 * The server enforces the same deadline on every request whatever this does.
 * Only the clinician's own activity counts: requests the page makes by itself
 * (the navigation's poll) are marked as background and leave the clock alone.
 * A draft referral is kept on the server, so signing out loses none of it.
 */
export function SessionTimeout({
  initialExpiresAt,
  idleSeconds,
  warningSeconds,
}: {
  initialExpiresAt: string;
  idleSeconds: number;
  warningSeconds: number;
}) {
  const [expiresAt, setExpiresAt] = useState(() => Date.parse(initialExpiresAt));
  const [now, setNow] = useState(() => Date.now());
  const lastReport = useRef(0);
  const signingOut = useRef(false);

  const reportActivity = useCallback(async () => {
    lastReport.current = Date.now();
    const response = await fetch("/api/session/activity", { method: "POST", headers: { "content-type": "application/json" } });
    if (response.ok) {
      const body = (await response.json()) as { idleExpiresAt: string };
      setExpiresAt(Date.parse(body.idleExpiresAt));
    }
  }, []);

  useEffect(() => {
    const reportEvery = Math.min(30, idleSeconds / 4) * 1000;
    const onActivity = () => {
      if (Date.now() - lastReport.current >= reportEvery) void reportActivity();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
    };
  }, [idleSeconds, reportActivity]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const secondsLeft = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  useEffect(() => {
    if (secondsLeft > 0 || signingOut.current) return;
    signingOut.current = true;
    void signOutHere("/login?signedOut=idle");
  }, [secondsLeft]);

  if (secondsLeft > warningSeconds) return null;
  return (
    <div className="session-warning" role="alertdialog" aria-labelledby="session-warning-title" aria-describedby="session-warning-text">
      <h2 id="session-warning-title">Still there?</h2>
      <p id="session-warning-text">
        For the patients&apos; privacy you will be signed out in <strong>{secondsLeft}</strong> second{secondsLeft === 1 ? "" : "s"} without activity.
      </p>
      <button className="button" type="button" onClick={() => void reportActivity()} autoFocus>
        Stay signed in
      </button>
    </div>
  );
}
