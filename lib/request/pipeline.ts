import type { NextApiRequest } from "next";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { eventsForOwningClinics, recordAuditEvents } from "@/lib/audit";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { BACKGROUND_REQUEST_HEADER } from "@/lib/background-request";
import { resolveSession } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import type { FactorRequest } from "@/lib/auth/second-factor/flows";
import { AppError, TooManyAttemptsError, type AppErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";
import { createRequestContext, type RequestContext } from "@/lib/request/context";
import { headerValue, requestOrigin } from "@/lib/request-origin";
import { isSameOriginRequest } from "@/lib/same-origin";

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

/**
 * The session behind the request's cookie, checked in PostgreSQL, and everything a request needs from it.
 * A session that has passed the password but still owes its second factor is no session here
 * (resolveSession refuses it): every GraphQL field and export answers as to nobody.
 * A request the page made in the background (the navigation's poll) does not restart the idle clock.
 */
export async function openRequest(request: PipelineRequest): Promise<RequestContext> {
  const headers = headerReader(request);
  const token = await getToken({ req: request, decode: decodeSessionToken });
  const background = headers.get(BACKGROUND_REQUEST_HEADER) !== null;
  const live = await resolveSession(db(), token?.sessionId, { touch: background ? "never" : "throttled" });
  return createRequestContext({
    prisma: db(),
    viewer: live?.viewer ?? null,
    session: live ? { id: live.sessionId, secondFactorAt: live.secondFactorAt } : null,
    origin: requestOrigin(headers),
  });
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
  // Only a receiving service's therapist reads another clinic's records: that clinic's trail shows it too.
  const elsewhere = viewer && context.scope?.serviceId ? await eventsForOwningClinics(context.prisma, viewer.clinicId, events) : [];
  await recordAuditEvents(context.prisma, [...events, ...elsewhere]);
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
  SECOND_FACTOR_REQUIRED: 403,
  TOO_MANY_REQUESTS: 429,
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

/** The largest body a second-factor step sends: a WebAuthn answer is a few KB. */
const MAX_SECOND_FACTOR_BODY_BYTES = 64 * 1024;

/**
 * The routes of the second-factor step and of enrolment (app/api/second-factor):
 * the only ones a session that owes its second factor reaches. Same-origin POSTs
 * only (the session cookie is SameSite=Lax; this refuses a same-site page too), a
 * bounded JSON body, the session resolved with its stage, and errors as the
 * pipeline answers them. Each step writes its own audit events in its transaction.
 */
export function secondFactorRoute(handler: (request: FactorRequest, body: unknown) => Promise<unknown>) {
  return async (request: NextRequest): Promise<Response> => {
    if (!isSameOriginRequest(request)) return errorResponse(new AppError("FORBIDDEN", "This request must come from the portal itself."));
    const token = await getToken({ req: request, decode: decodeSessionToken });
    const session = await resolveSession(db(), token?.sessionId, { pending: true });
    if (!session) return errorResponse(new AppError("UNAUTHENTICATED", "Sign in to continue."));
    let body: unknown = {};
    try {
      const text = await request.text();
      if (Buffer.byteLength(text) > MAX_SECOND_FACTOR_BODY_BYTES) return errorResponse(new AppError("BAD_USER_INPUT", "The request is too large."));
      if (text.trim()) body = JSON.parse(text);
    } catch {
      return errorResponse(new AppError("BAD_USER_INPUT", "The request is not valid JSON."));
    }
    try {
      const result = await handler({ prisma: db(), session, origin: requestOrigin(headerReader(request)) }, body);
      return Response.json(result ?? {}, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        const response = errorResponse(error);
        response.headers.set("retry-after", String(error.retryAfterSeconds));
        return response;
      }
      return errorResponse(error);
    }
  };
}

/** Largest body an account route reads: an email, a link token and a password fit many times over. */
const ACCOUNT_BODY_MAX_BYTES = 8 * 1024;

async function readSmallJson(request: NextRequest): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new AppError("BAD_USER_INPUT", `The request body must be at most ${ACCOUNT_BODY_MAX_BYTES} bytes.`);
  if (declared > ACCOUNT_BODY_MAX_BYTES) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
    size += chunk.value.byteLength;
    if (size > ACCOUNT_BODY_MAX_BYTES) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("BAD_USER_INPUT", "The request body must be JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("BAD_USER_INPUT", "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

/**
 * A route that needs no session and touches no patient data: "forgot password"
 * and setting a password with a link. Posts from another site are refused
 * (403), the body is a small JSON object, and errors answer as every route's
 * do. Whatever the handler writes to the audit trail it writes in its own transaction.
 */
export function accountRoute(handler: (body: Record<string, unknown>, origin: RequestContext["origin"]) => Promise<Response>) {
  return async (request: NextRequest): Promise<Response> => {
    if (!isSameOriginRequest(request)) return Response.json({ error: { code: "FORBIDDEN", message: "Cross-site requests are refused." } }, { status: 403 });
    try {
      return await handler(await readSmallJson(request), requestOrigin(request.headers));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
