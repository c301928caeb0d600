/** Words the sign-in flow shares between server and browser (no server-only imports here). */

/** The one message for every failed sign-in, so it never tells which part was wrong. */
export const SIGN_IN_FAILED_MESSAGE = "Email or password is incorrect, or the account is not active.";

/** authorize() reports a throttled attempt as this prefix and the seconds to wait. */
export const THROTTLED_PREFIX = "THROTTLED:";

export function throttledMessage(seconds: number): string {
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}

export const IDLE_SIGN_OUT_MESSAGE = "You were signed out after a period without activity. Sign in again to continue.";
