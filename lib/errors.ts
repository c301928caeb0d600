/**
 * The one error type of the domain. `code` becomes GraphQL `extensions.code`;
 * `userMessage` is safe to show; `message` may carry internals for the logs.
 */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  /** The action asks for the second factor again: the session's last check is too old (lib/auth/second-factor). */
  | "SECOND_FACTOR_REQUIRED"
  /** Too many failed attempts (the sign-in throttle); `retryAfterSeconds` says how long to wait. */
  | "TOO_MANY_REQUESTS"
  /** Overloaded for now (password hashing full); the response is a 503 with Retry-After. */
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  readonly userMessage: string;
  /** For BAD_USER_INPUT: where in the input the problem is, e.g. ["input", "notes"]. */
  readonly field?: (string | number)[];

  constructor(
    code: AppErrorCode,
    userMessage: string,
    options: { internalMessage?: string; field?: (string | number)[]; cause?: unknown } = {},
  ) {
    super(options.internalMessage ?? userMessage, { cause: options.cause });
    this.code = code;
    this.userMessage = userMessage;
    this.field = options.field;
  }
}

/** Refused by the sign-in throttle (lib/auth/throttle.ts): the caller answers 429 with Retry-After. */
export class TooManyAttemptsError extends AppError {
  override name = "TooManyAttemptsError";
  constructor(readonly retryAfterSeconds: number) {
    const wait = retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
    super("TOO_MANY_REQUESTS", `Too many attempts. Try again in ${wait}.`);
  }
}

export const unauthenticated = () => new AppError("UNAUTHENTICATED", "Sign in to continue.");

/** BAD_USER_INPUT with the path of the field at fault, e.g. ["input", "dateOfBirth"]. */
export function badInput(message: string, field: (string | number)[]): never {
  throw new AppError("BAD_USER_INPUT", message, { field });
}

/** Another clinic's record answers exactly like one that does not exist. */
export function notFound(what: string): never {
  throw new AppError("NOT_FOUND", `${what} was not found.`);
}
