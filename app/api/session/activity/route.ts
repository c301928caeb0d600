import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { resolveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";

/**
 * The browser reports that the clinician is active (typing, clicking); the
 * session's idle clock restarts and the new deadline comes back. 401 when the
 * session has already ended.
 */
export async function POST(request: NextRequest) {
  const token = await getToken({ req: request });
  const live = await resolveSession(db(), token?.sessionId, { touch: "always" });
  if (!live) return NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  return NextResponse.json({ idleExpiresAt: live.idleExpiresAt.toISOString() }, { headers: { "cache-control": "no-store" } });
}
