import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { NextRequest } from "next/server";
import type { GraphQLContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import { openRequest } from "@/lib/request/pipeline";

/**
 * The GraphQL endpoint over HTTP: the request pipeline opens the request
 * (session first, from the cookie alone), then the body is read with a size
 * limit while it arrives (a request without a session gets a small one), parsed,
 * checked for depth without recursion, and handed to Apollo Server. Written
 * here rather than taken from @as-integrations/next because that reads and
 * parses the whole body before anything else can look at the request.
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

const refusal = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message, extensions: { code } }] }, { status, headers: { "cache-control": "no-store", ...headers } });

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes of the body, stopping (and dropping the connection's rest) as soon as it is exceeded. */
async function readBody(request: NextRequest, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
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

export async function handleGraphQL(request: NextRequest): Promise<Response> {
  const context = await openRequest(request);
  let body: unknown;
  if (request.method === "POST") {
    let text: string;
    try {
      text = await readBody(request, context.viewer ? MAX_BODY_BYTES : MAX_ANONYMOUS_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return context.viewer
          ? refusal(413, "PAYLOAD_TOO_LARGE", `A request may be at most ${MAX_BODY_BYTES / 1_000_000} MB.`)
          : refusal(401, "UNAUTHENTICATED", "Sign in to continue.");
      }
      throw error;
    }
    try {
      body = JSON.parse(text);
    } catch {
      return refusal(400, "BAD_REQUEST", "The request body is not valid JSON.");
    }
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      return refusal(400, "BAD_USER_INPUT", `The request nests deeper than ${MAX_JSON_DEPTH} levels.`);
    }
  }
  const headers = new HeaderMap();
  request.headers.forEach((value, key) => headers.set(key, value));
  const result = await apollo().executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method.toUpperCase(), headers, search: request.nextUrl.search, body },
    context: async () => context,
  });
  const responseHeaders = new Headers();
  for (const [key, value] of result.headers) responseHeaders.set(key, value);
  if (result.body.kind === "complete") {
    return new Response(result.body.string, { status: result.status ?? 200, headers: responseHeaders });
  }
  // Incremental delivery (@defer) is not enabled; should Apollo ever stream, pass the chunks on as they come.
  const chunks = result.body.asyncIterator;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new TextEncoder().encode(next.value));
    },
  });
  return new Response(stream, { status: result.status ?? 200, headers: responseHeaders });
}
