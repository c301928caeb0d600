import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { resolveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { isSameOriginRequest } from "@/lib/same-origin";

/**
 * The browser reports that the clinician is active (typing, clicking); the
 * session's idle clock restarts and the new deadline comes back. 401 when the
 * session has already ended; 403 for a request from another site (SameSite
 * alone would let a same-site page, or an old browser, keep a session alive).
 */
export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request)) return NextResponse.json({ error: "FORBIDDEN" }, { status: 403 });
  const token = await getToken({ req: request });
  const live = await resolveSession(db(), token?.sessionId, { touch: "always" });
  if (!live) return NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  return NextResponse.json({ idleExpiresAt: live.idleExpiresAt.toISOString() }, { headers: { "cache-control": "no-store" } });
}
