import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

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

/**
 * graphql-js ends some messages with "Did you mean …?", naming real fields, types
 * and enum values. graphql-armor hides field suggestions only; with introspection
 * off in production, no other suggestion may give the schema away either.
 */
const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean\b[\s\S]*$/, "");

/**
 * By shape as well as instanceof: a test runner may load graphql twice (ESM and
 * CommonJS), and an error from the other copy is still one. Apollo's own
 * subclasses (ValidationError, UserInputError, …) carry other names.
 */
const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError || (error instanceof Error && "extensions" in error && "originalError" in error);

/** Apollo wraps what resolvers and plugins throw; the domain error is the innermost one. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (isGraphQLError(current) && current.originalError) current = current.originalError;
  return current;
}

/**
 * What of an unexpected error may be logged: its name and code, and its message
 * unless it came from the database (Prisma and pg messages can quote SQL and the
 * values bound to it, patient data included). Request variables are never logged.
 */
function describeForLog(error: unknown): { name: string; code?: string; message?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown; errorCode?: unknown }).code ?? (error as { errorCode?: unknown }).errorCode;
  const fromDatabase =
    error.name.startsWith("PrismaClient") || error.name === "DriverAdapterError" || "severity" in error;
  return {
    name: error.name,
    ...(typeof code === "string" ? { code } : {}),
    ...(fromDatabase ? {} : { message: error.message }),
  };
}

/**
 * The one place errors become GraphQL responses: domain errors keep their code
 * and safe message, request errors pass through, anything else is masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrap(error);
  if (original instanceof AppError) {
    if (original.code === "INTERNAL_SERVER_ERROR") {
      log.error({ error: describeForLog(original), path: formatted.path }, "GraphQL internal error");
    }
    return {
      message: original.userMessage,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code) && isGraphQLError(original)) {
    return { message: withoutSuggestions(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  log.error({ error: describeForLog(original), path: formatted.path }, "Unexpected GraphQL error");
  return { message: "Something went wrong on our side.", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
