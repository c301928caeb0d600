import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextApiRequest } from "next";
import type { GraphQLContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import { log } from "@/lib/log";
import { openRequest } from "@/lib/request/pipeline";
import { headerValue } from "@/lib/request-origin";

/**
 * The GraphQL endpoint over HTTP (pages/api/graphql.ts): the request pipeline
 * opens the request (session first, from the cookie alone), then the body is
 * read with a size limit while it arrives (a request without a session gets a
 * small one), parsed, checked for depth without recursion, and handed to
 * Apollo Server. Written here rather than taken from @as-integrations/next
 * because that reads and parses the whole body before anything else can look
 * at the request.
 */

/** The largest body a signed-in request may send; the portal's own largest (a referral with 10,000 characters of notes) is ~12 KB. */
export const MAX_BODY_BYTES = 1_000_000;
/** Without a session nothing can succeed; read no more than an ordinary query. */
export const MAX_ANONYMOUS_BODY_BYTES = 16 * 1024;
/** Deeper JSON than any input type of the schema nests: refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 16;

let server: ApolloServer<GraphQLContext> | undefined;

function apollo(): ApolloServer<GraphQLContext> {
  if (!server) {
    server = createApolloServer();
    server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  }
  return server;
}

/** Answers with a GraphQL-shaped error; `close` drops the connection after it (the unread rest of a body too large to read). */
function refuse(response: ServerResponse, status: number, code: string, message: string, close = false): void {
  response.statusCode = status;
  response.setHeader("content-type", "application/json; charset=utf-8");
  response.setHeader("cache-control", "no-store");
  if (close) response.setHeader("connection", "close");
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

class BodyTooLarge extends Error {}
/** The client went away before its body ended: nobody is left to answer. */
class ClientClosed extends Error {}

/**
 * What is read and dropped of a refused body before the refusal goes out. A
 * client still sending when the connection closes gets a reset instead of the
 * answer (RFC 9112, 9.6: the server should linger), so the rest of a body over
 * the limit is read and thrown away, up to this much and this long, before the
 * refusal is sent and the connection closed. Past the bound, a client that
 * keeps sending gets the reset.
 */
export const LINGER_BYTES = 2 * MAX_BODY_BYTES;
export const LINGER_MS = 1_000;

/**
 * Reads at most `limit` bytes of the body. Over the limit (declared or as it
 * arrives) nothing more is kept: the rest is dropped up to the lingering bound,
 * then BodyTooLarge is thrown and the refusal closes the connection.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let dropped = 0;
    let refused = false;
    let lingering: NodeJS.Timeout | undefined;
    const settle = (error?: unknown) => {
      clearTimeout(lingering);
      request.off("data", onData).off("end", onEnd).off("error", onClose).off("close", onClose);
      if (refused) return reject(new BodyTooLarge());
      if (error) return reject(error);
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      lingering = setTimeout(settle, LINGER_MS);
    };
    const onData = (chunk: Buffer) => {
      if (refused) {
        dropped += chunk.byteLength;
        if (dropped > LINGER_BYTES) settle();
        return;
      }
      size += chunk.byteLength;
      if (size > limit) refuse();
      else chunks.push(chunk);
    };
    const onEnd = () => settle();
    // A connection dropped mid-body destroys the request with Error("aborted") (ECONNRESET): an "error"
    // event while one is listened for, before "close". Either way the client went away.
    const onClose = () => settle(refused ? undefined : new ClientClosed());
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) refuse();
    request.on("data", onData).on("end", onEnd).on("error", onClose).on("close", onClose);
  });
}

/** The nesting depth of parsed JSON, walked with an explicit stack (a recursive walk is what overflowed before). */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

export async function handleGraphQL(request: NextApiRequest, response: ServerResponse): Promise<void> {
  // Refused here, before the session is looked up: Apollo Server would answer a PUT without a
  // content type with its CSRF refusal (400), not 405.
  const method = request.method?.toUpperCase() ?? "GET";
  if (method !== "GET" && method !== "POST") {
    response.setHeader("allow", "GET, POST");
    return refuse(response, 405, "METHOD_NOT_ALLOWED", "The GraphQL endpoint answers GET and POST.");
  }
  const context = await openRequest(request);
  let body: unknown;
  if (method === "POST") {
    let text: string;
    try {
      text = await readBody(request, context.viewer ? MAX_BODY_BYTES : MAX_ANONYMOUS_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return context.viewer
          ? refuse(response, 413, "PAYLOAD_TOO_LARGE", `A request may be at most ${MAX_BODY_BYTES / 1_000_000} MB.`, true)
          : refuse(response, 401, "UNAUTHENTICATED", "Sign in to continue.", true);
      }
      // Left to Next.js, this was logged as a stack trace over many lines: one JSON line says it.
      if (error instanceof ClientClosed) {
        log.info({ signedIn: Boolean(context.viewer) }, "The client closed the connection before the request body ended");
        response.destroy();
        return;
      }
      throw error;
    }
    try {
      body = JSON.parse(text);
    } catch {
      return refuse(response, 400, "BAD_REQUEST", "The request body is not valid JSON.");
    }
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      return refuse(response, 400, "BAD_USER_INPUT", `The request nests deeper than ${MAX_JSON_DEPTH} levels.`);
    }
  }
  const headers = new HeaderMap();
  for (const key of Object.keys(request.headers)) {
    const value = headerValue(request.headers, key);
    if (value !== null) headers.set(key, value);
  }
  const url = request.url ?? "";
  const query = url.indexOf("?");
  const result = await apollo().executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: query === -1 ? "" : url.slice(query), body },
    context: async () => context,
  });
  response.statusCode = result.status ?? 200;
  for (const [key, value] of result.headers) response.setHeader(key, value);
  // Every answer is one user's, and may hold patient data: no browser or proxy may keep it.
  response.setHeader("cache-control", "no-store");
  if (result.body.kind === "complete") {
    response.end(result.body.string);
    return;
  }
  // Incremental delivery (@defer) is not enabled; should Apollo ever stream, pass the chunks on as they come.
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
