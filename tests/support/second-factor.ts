import { setTimeout as sleep } from "node:timers/promises";
import { newTotpSecret, stepAt, TOTP_PERIOD_SECONDS, totpOf } from "@/lib/auth/second-factor/totp";
import { testDb } from "./db";

/**
 * Second factors for tests, through the same library as the portal: test
 * administrators are enrolled with an authenticator app (the default policy
 * requires it), and the helpers compute its codes. No policy is weakened: a
 * test signs in with the password and then a real code.
 */

/** Enrols a confirmed authenticator app for the user; returns its secret. */
export async function enrolTestTotp(userId: string, secret = newTotpSecret()): Promise<string> {
  await testDb().totpFactor.upsert({
    where: { userId },
    create: { userId, secret, confirmedAt: new Date() },
    update: { secret, confirmedAt: new Date(), lastUsedStep: null },
  });
  return secret;
}

/** Steps this process has handed out per user, so two sign-ins at once never get the same code. */
const handedOut = new Map<string, number>();

/**
 * A code the portal will accept for the user now: the earliest step after the
 * last one accepted (the portal never accepts a step twice) and not before the
 * current one, within the ±1 step window; when a test has used up the window,
 * it waits for the next step.
 */
export async function nextTotpCode(userId: string): Promise<string> {
  const factor = await testDb().totpFactor.findUniqueOrThrow({ where: { userId } });
  const last = Math.max(Number(factor.lastUsedStep ?? -1), handedOut.get(userId) ?? -1);
  const step = Math.max(last + 1, stepAt(Date.now()));
  handedOut.set(userId, step);
  // At most one step ahead of the server's clock, else wait until it is.
  const waitMs = (step - 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now();
  if (waitMs > 0) await sleep(waitMs + 50);
  return totpOf(factor.secret).generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
}

/** The user's confirmed authenticator app, if any, by email (the helpers sign in by email). */
export async function totpUserOf(email: string): Promise<string | null> {
  const user = await testDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, totp: { select: { confirmedAt: true } } } });
  return user?.totp?.confirmedAt ? user.id : null;
}

/** Passes the second-factor step for a session cookie with the user's next code, over HTTP as the page does. */
export async function verifyWithTotp(baseUrl: string, cookie: string, userId: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/second-factor/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body: JSON.stringify({ method: "TOTP", code: await nextTotpCode(userId) }),
  });
}
