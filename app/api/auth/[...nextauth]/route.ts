import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { THROTTLED_PREFIX } from "@/lib/auth/messages";
import { runWithBusySignal } from "@/lib/auth/next-auth-support";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** Callbacks of sign-in methods that arrive by POST only (the credentials form); a GET there is a probe. */
const POST_ONLY_CALLBACK = /\/api\/auth\/callback\/credentials\/?$/;

export async function GET(request: NextRequest, context: RouteContext) {
  if (POST_ONLY_CALLBACK.test(request.nextUrl.pathname)) {
    return NextResponse.json({ error: "METHOD_NOT_ALLOWED" }, { status: 405, headers: { allow: "POST" } });
  }
  return handler(request, context);
}

/**
 * next-auth can only answer a sign-in with 200 or a redirect; when the password
 * check was refused for want of capacity the answer becomes a 503 with
 * Retry-After. Its body still carries the `url` next-auth's client reads, with
 * the wait, so the login form shows "try again in N seconds".
 */
export async function POST(request: NextRequest, context: RouteContext) {
  const { result, retryAfterSeconds } = await runWithBusySignal(() => handler(request, context) as Promise<Response>);
  if (retryAfterSeconds === undefined) return result;
  const error = new URL("/api/auth/error", request.nextUrl.origin);
  error.searchParams.set("error", `${THROTTLED_PREFIX}${retryAfterSeconds}`);
  return NextResponse.json(
    { error: "BUSY", url: error.toString() },
    { status: 503, headers: { "retry-after": String(retryAfterSeconds), "cache-control": "no-store" } },
  );
}
