import { ATTACHMENT_MAX_BYTES, formatSize } from "@/lib/attachments/validation";

export type UploadResult = { ok: true } | { ok: false; message: string };

/**
 * Sends one file to POST /api/referrals/{id}/attachments (multipart, field
 * `file`) and says what the server answered, in words. A file over the size
 * limit is refused here first, so ten megabytes are not sent to be refused.
 */
export async function uploadAttachment(referralId: string, file: File): Promise<UploadResult> {
  if (file.size > ATTACHMENT_MAX_BYTES) {
    return { ok: false, message: `“${file.name}” is larger than ${formatSize(ATTACHMENT_MAX_BYTES)}: attach a smaller file.` };
  }
  const body = new FormData();
  body.append("file", file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/referrals/${encodeURIComponent(referralId)}/attachments`, { method: "POST", body, credentials: "same-origin" });
  } catch {
    return { ok: false, message: `“${file.name}” could not be sent: the portal could not be reached. Check the connection and try again.` };
  }
  if (response.ok) return { ok: true };
  const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (response.status === 404) return { ok: false, message: "This referral is not there any more, or you may not add to it." };
  if (response.status === 401) return { ok: false, message: "Your session has ended: sign in again, then attach the file." };
  return { ok: false, message: answer?.error?.message ?? `“${file.name}” could not be attached.` };
}
