import { CombinedGraphQLErrors, type ErrorLike } from "@apollo/client";
import type { AppErrorCode } from "@/lib/errors";

/** The codes of lib/errors.ts, which the API puts in `extensions.code`. */
export type ApiErrorCode = AppErrorCode;

export interface ApiError {
  code: ApiErrorCode | null;
  /** Safe to show: the API writes its messages for the clinician. */
  message: string;
  /** For BAD_USER_INPUT: the path of the input at fault, e.g. ["input", "dateOfBirth"]. */
  field: (string | number)[] | null;
}

const NETWORK_MESSAGE = "The portal could not be reached. Check the connection and try again.";

/** The API's errors in the shape the pages need; anything that is not a GraphQL error reads as a network problem. */
export function apiErrors(error: ErrorLike | undefined | null): ApiError[] {
  if (!error) return [];
  if (!CombinedGraphQLErrors.is(error)) return [{ code: null, message: NETWORK_MESSAGE, field: null }];
  return error.errors.map((graphQLError) => {
    const extensions = graphQLError.extensions ?? {};
    const field = extensions.field;
    return {
      code: typeof extensions.code === "string" ? (extensions.code as ApiErrorCode) : null,
      message: graphQLError.message,
      field: Array.isArray(field) ? (field as (string | number)[]) : null,
    };
  });
}

export function hasErrorCode(error: ErrorLike | undefined | null, code: ApiErrorCode): boolean {
  return apiErrors(error).some((apiError) => apiError.code === code);
}

/**
 * For a query by the id in the address: NOT_FOUND, or BAD_USER_INPUT, which is all the API
 * can say about an id that is malformed; either way there is no such record to show.
 */
export function isMissingRecord(error: ErrorLike | undefined | null): boolean {
  return hasErrorCode(error, "NOT_FOUND") || hasErrorCode(error, "BAD_USER_INPUT");
}
