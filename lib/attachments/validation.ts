/**
 * What an attachment may be: a PDF, PNG, JPEG or plain-text file of at most
 * 10 MB, at most 20 to a referral. Plain data with no imports, so the forms
 * in the browser say the same limits the server holds.
 */

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_REFERRAL = 20;
export const FILENAME_MAX_LENGTH = 200;

export const ATTACHMENT_TYPES = {
  "application/pdf": { label: "PDF", extensions: ["pdf"] },
  "image/png": { label: "PNG image", extensions: ["png"] },
  "image/jpeg": { label: "JPEG image", extensions: ["jpg", "jpeg"] },
  "text/plain": { label: "Text", extensions: ["txt"] },
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** What the file picker offers (a hint only: the server decides by the bytes). */
export const ATTACHMENT_ACCEPT = ".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain";

export const ALLOWED_TYPES_TEXT = "a PDF, PNG, JPEG or plain-text file";

/** "10 MB", "245 KB", "812 bytes", as the clinic reads sizes. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
}

/**
 * A file name as stored and offered back: the last segment of any path the
 * browser or a client sent ("C:\\scans\\x.pdf", "../../etc/passwd"), without
 * control, bidirectional-override or other invisible format characters, with
 * no leading dots (no hidden or "..", "." names), NFC-normalised and at most
 * FILENAME_MAX_LENGTH characters; "attachment" when nothing is left.
 */
export function safeFilename(raw: string): string {
  const lastSegment = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    // Cc (controls) and Cf (format: bidi overrides, zero-width), which can disguise an extension.
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  const bounded = [...cleaned].slice(0, FILENAME_MAX_LENGTH).join("").trim();
  return bounded || "attachment";
}

/** The name a download is saved under: the stored name, with the extension of its real type when it has another. */
export function downloadFilename(filename: string, contentType: AttachmentType): string {
  const { extensions } = ATTACHMENT_TYPES[contentType];
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return extension && (extensions as readonly string[]).includes(extension) ? filename : `${filename}.${extensions[0]}`;
}

export const isAttachmentType = (value: string): value is AttachmentType => Object.hasOwn(ATTACHMENT_TYPES, value);
