import { z } from "zod";
import { loadReferralForExport } from "@/lib/referrals/export";
import type { RequestContext } from "@/lib/request/context";
import { referralLetter, type LetterCopy } from "./letter";
import { renderLetterPdf } from "./pdf";

export type { LetterCopy } from "./letter";

/** `?copy=`: left out, the clinic copy; any value but `clinic` or `patient` is refused rather than guessed at. */
export const letterQuerySchema = z.object({
  copy: z.enum(["clinic", "patient"], { error: "copy must be clinic or patient" }).default("clinic"),
});

/**
 * The referral letter of a referral the viewer may read, as a PDF, recorded
 * in the audit trail as an export (`referral.export_letter`).
 */
export async function exportReferralLetter(context: RequestContext, referralId: string, copy: LetterCopy, date = new Date()): Promise<Uint8Array> {
  const referral = await loadReferralForExport(context, referralId, "referral.export_letter");
  return renderLetterPdf(referralLetter(referral, { copy, date }));
}
