import { setPasswordWithLink } from "@/lib/accounts";
import { db } from "@/lib/db/client";
import { badInput } from "@/lib/errors";
import { accountRoute } from "@/lib/request/pipeline";

/**
 * Sets a password with an invitation or reset link: { purpose: "INVITATION" |
 * "PASSWORD_RESET", token, newPassword }. 200 when set (every session of the
 * user ended; nobody is signed in), 400 naming the field otherwise.
 */
export const POST = accountRoute(async (body, origin) => {
  const purpose = body.purpose === "INVITATION" || body.purpose === "PASSWORD_RESET" ? body.purpose : badInput("purpose must be INVITATION or PASSWORD_RESET", ["purpose"]);
  await setPasswordWithLink(db(), purpose, body.token, body.newPassword, origin);
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
});
