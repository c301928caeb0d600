import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { AppError } from "@/lib/errors";

/** Codes Apollo Server itself produces for malformed requests; their messages are safe to show. */
const REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** Apollo wraps what resolvers and plugins throw; the domain error is the innermost one. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/**
 * The one place errors become GraphQL responses: domain errors keep their code
 * and safe message, request errors pass through, anything else is masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrap(error);
  if (original instanceof AppError) {
    return {
      message: original.userMessage,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code) && original instanceof GraphQLError) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  console.error("Unexpected GraphQL error", original);
  return { message: "Something went wrong on our side.", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
