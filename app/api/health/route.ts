import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

/**
 * For load balancers and orchestrators: 200 while this instance can reach
 * PostgreSQL, 503 while it cannot. Says nothing else (no versions, no data).
 */
export async function GET() {
  const headers = { "cache-control": "no-store" };
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "reachable" }, { headers });
  } catch (error) {
    log.warn({ error: { name: (error as Error).name, code: (error as { code?: string }).code } }, "Health check: the database is unreachable");
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers: { ...headers, "retry-after": "5" } });
  }
}
