import { requestPasswordReset } from "@/lib/accounts";
import { db } from "@/lib/db/client";
import { accountRoute } from "@/lib/request/pipeline";

/**
 * "Forgot password": 202 with the same body whether or not the address has an
 * account (lib/accounts requestPasswordReset does the same work on both paths);
 * 400 only for what is not an email address at all.
 */
export const POST = accountRoute(async (body, origin) => {
  await requestPasswordReset(db(), body.email, origin);
  return Response.json({ ok: true }, { status: 202, headers: { "cache-control": "no-store" } });
});
