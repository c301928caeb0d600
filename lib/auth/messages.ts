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

/** What "forgot password" answers, whether or not the address has an account. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses this address, we have e-mailed it a link to set a new password. The link works once, within 15 minutes. Check your spam folder if nothing arrives.";

/** The sign-in page's notice after a password was set with a link. */
export const PASSWORD_SET_MESSAGE = "Your password is set. Sign in with it.";

/** Where the sign-in page sends someone after they sign in: only a path of this portal. */
export function safeNextPath(next: string | null | undefined): string {
  return typeof next === "string" && /^\/(?!\/)[^\s\\]*$/.test(next) && next.length <= 500 ? next : "/";
}

/** The header proxy.ts puts the requested page's path in, for the redirect to sign-in. */
export const PAGE_PATH_HEADER = "x-portal-page-path";
