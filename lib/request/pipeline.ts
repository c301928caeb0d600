import type { NextApiRequest } from "next";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { recordAuditEvents } from "@/lib/audit";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { resolveSession } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";
import { createRequestContext, type RequestContext } from "@/lib/request/context";
import { headerValue, requestOrigin } from "@/lib/request-origin";

/**
 * The one request pipeline of every endpoint that touches patient data:
 * session → viewer → clinic-scoped database → audit buffer → audit write
 * before the response leaves. The GraphQL route opens requests here and its
 * audit plugin closes them here; any other route handler is wrapped in
 * `patientDataRoute`.
 */

/** A request as the pipeline reads it: a route handler's, or the GraphQL endpoint's Node request (pages/api/graphql.ts). */
export type PipelineRequest = NextRequest | NextApiRequest;

function headerReader(request: PipelineRequest): { get(name: string): string | null } {
  const { headers } = request;
  return headers instanceof Headers ? headers : { get: (name) => headerValue(headers, name) };
}

/** The session behind the request's cookie, checked in PostgreSQL, and everything a request needs from it. */
export async function openRequest(request: PipelineRequest): Promise<RequestContext> {
  const token = await getToken({ req: request, decode: decodeSessionToken });
  const live = await resolveSession(db(), token?.sessionId);
  return createRequestContext({ prisma: db(), viewer: live?.viewer ?? null, origin: requestOrigin(headerReader(request)) });
}

/** Writes what the request read or wrote to the audit trail. When this throws, the response must not leave. */
export async function writeAuditTrail(context: RequestContext): Promise<void> {
  const { viewer, origin } = context;
  const events = context.audit.drain({
    clinicId: viewer?.clinicId ?? null,
    userId: viewer?.id ?? null,
    ip: origin.ip,
    userAgent: origin.userAgent,
  });
  await recordAuditEvents(context.prisma, events);
}

/** Name and code only: a database error's message can quote the values it was given. */
export function logAuditFailure(error: unknown): void {
  log.error(
    { error: { name: (error as Error).name, code: (error as { code?: string }).code } },
    "The audit trail could not be written; the response is withheld",
  );
}

const STATUS: Readonly<Record<AppErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

const UNEXPECTED = new AppError("INTERNAL_SERVER_ERROR", "Something went wrong on our side.");

/**
 * An error as a route's answer. NOT_FOUND has an empty body: another clinic's
 * record must look exactly like a record that does not exist.
 */
export function errorResponse(error: unknown): Response {
  const known = error instanceof AppError ? error : UNEXPECTED;
  if (known === UNEXPECTED) log.error({ error: { name: (error as Error)?.name } }, "Unexpected error in a route handler");
  const status = STATUS[known.code];
  if (known.code === "NOT_FOUND") return new Response(null, { status });
  return Response.json(
    { error: { code: known.code, message: known.userMessage, ...(known.field ? { field: known.field } : {}) } },
    { status, headers: { "cache-control": "no-store" } },
  );
}

export type SignedInContext = RequestContext & { viewer: Viewer };

/**
 * A route handler that reads or writes patient data. Without a live session
 * it answers 401 before the handler runs; whatever the handler noted in the
 * audit buffer (reads, writes, refusals) is written before its response is
 * returned, and if that write fails the response is replaced by a 500.
 */
export function patientDataRoute<Params>(
  handler: (context: SignedInContext, request: NextRequest, params: Params) => Promise<Response>,
) {
  return async (request: NextRequest, route: { params: Promise<Params> }): Promise<Response> => {
    const context = await openRequest(request);
    if (!context.viewer) return errorResponse(new AppError("UNAUTHENTICATED", "Sign in to continue."));
    let response: Response;
    try {
      response = await handler(context as SignedInContext, request, await route.params);
    } catch (error) {
      response = errorResponse(error);
    }
    try {
      await writeAuditTrail(context);
    } catch (error) {
      logAuditFailure(error);
      return errorResponse(UNEXPECTED);
    }
    return response;
  };
}
