import { create as contentDisposition } from "content-disposition";
import { downloadAttachment } from "@/lib/attachments";
import { patientDataRoute } from "@/lib/request/pipeline";
import { parseId } from "@/lib/validation";

/**
 * GET /api/referrals/{id}/attachments/{attachmentId}: the file, streamed, always
 * as a download (never shown in the portal's origin), with the type its bytes
 * were found to be and `nosniff`, so a browser never reads it as anything else.
 * 404 (empty) for an attachment the viewer may not see or that does not exist.
 */
export const GET = patientDataRoute<{ id: string; attachmentId: string }>(async (context, _request, params) => {
  const referralId = parseId(params.id, ["id"]);
  const attachmentId = parseId(params.attachmentId, ["attachmentId"]);
  const file = await downloadAttachment(context, referralId, attachmentId);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
      "content-length": String(file.size),
      "content-disposition": contentDisposition(file.filename, { type: "attachment" }),
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      // Should a browser ever render it anyway, it runs nothing and reaches nothing.
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
});
