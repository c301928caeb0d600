import { ATTACHMENT_MAX_BYTES, checkUploadAllowed, formatSize, uploadAttachment } from "@/lib/attachments";
import { declaredLength, drainBody, readUploadedFile, RequestTooLarge } from "@/lib/request/multipart";
import { AppError } from "@/lib/errors";
import { errorResponse, patientDataRoute } from "@/lib/request/pipeline";
import { isSameOriginRequest } from "@/lib/same-origin";
import { parseId } from "@/lib/validation";

/** The multipart framing around the one file: its headers and boundaries, with room to spare. */
const REQUEST_MAX_BYTES = ATTACHMENT_MAX_BYTES + 64 * 1024;
/** How much of a refused upload is read and dropped so the browser gets the answer: a whole allowed upload's worth, for a few seconds. */
const LINGER = { bytes: REQUEST_MAX_BYTES + 1024 * 1024, ms: 3_000 };

/**
 * POST /api/referrals/{id}/attachments (multipart/form-data, the file in the
 * field `file`): attaches a PDF, PNG, JPEG or plain-text file of at most 10 MB.
 * Who may attach, and whether the referral is open and has room, is checked
 * before the body is read; the file's type is decided by its bytes. 201 with
 * the attachment; 400 with a message saying what was refused; 404 for a
 * referral the viewer may not see; 413 for a body declared larger than allowed.
 */
export const POST = patientDataRoute<{ id: string }>(async (context, request, params) => {
  try {
    // A form on another site can post multipart/form-data: the upload must come from the portal's own pages.
    if (!isSameOriginRequest(request)) throw new AppError("FORBIDDEN", "Attach files from the portal's own pages.");
    const referralId = parseId(params.id, ["id"]);
    await checkUploadAllowed(context, referralId);
    const declared = declaredLength(request);
    if (declared !== null && declared > REQUEST_MAX_BYTES) {
      await drainBody(request, LINGER);
      const refused = new RequestTooLarge(formatSize(ATTACHMENT_MAX_BYTES));
      return Response.json(
        { error: { code: "PAYLOAD_TOO_LARGE", message: refused.userMessage, field: refused.field } },
        { status: 413, headers: { "cache-control": "no-store", connection: "close" } },
      );
    }
    const attachment = await readUploadedFile(
      request,
      "file",
      { fileBytes: ATTACHMENT_MAX_BYTES, requestBytes: REQUEST_MAX_BYTES },
      formatSize(ATTACHMENT_MAX_BYTES),
      (file) => uploadAttachment(context, referralId, file),
    );
    return Response.json(
      {
        attachment: {
          id: attachment.id,
          filename: attachment.filename,
          contentType: attachment.contentType,
          size: attachment.size,
          createdAt: attachment.createdAt.toISOString(),
        },
      },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    // Refused before (or while) the body was read: what is left of it is read and dropped first.
    await drainBody(request, LINGER);
    return errorResponse(error);
  }
});
