import { NextResponse, type NextRequest } from "next/server";
import { PAGE_PATH_HEADER } from "@/lib/auth/messages";

/**
 * A fresh nonce per page request, in a strict Content-Security-Policy. Next.js
 * reads the nonce back from the request's CSP header while rendering and puts it
 * on its own scripts, so only the scripts it rendered for this response run
 * ('strict-dynamic' lets those load the chunks they need).
 */
function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // React rebuilds server error stacks with eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React's style={...} props become inline style attributes, which a nonce cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // The page asked for, so that sign-in can come back to it (lib/auth/session.ts); set here, never taken from the client.
  requestHeaders.set(PAGE_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers are JSON and static files carry no inline script.
      // Prefetches too: a prefetch (Purpose: prefetch, Next-Router-Prefetch) can
      // return a whole document, which the browser may then show.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
    },
  ],
};
