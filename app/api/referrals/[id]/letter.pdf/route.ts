import { exportReferralLetter, letterQuerySchema } from "@/lib/letters";
import { patientDataRoute } from "@/lib/request/pipeline";
import { parseId, parseInput } from "@/lib/validation";

/** GET /api/referrals/{id}/letter.pdf[?copy=patient]: the referral letter; the patient copy leaves out internal notes and the override. */
export const GET = patientDataRoute<{ id: string }>(async (context, request, params) => {
  const id = parseId(params.id, ["id"]);
  const copies = request.nextUrl.searchParams.getAll("copy");
  // Given twice, it is refused (the list fails the schema) rather than one of the two being picked.
  const { copy } = parseInput(letterQuerySchema, { copy: copies.length > 1 ? copies : copies[0] });
  const pdf = await exportReferralLetter(context, id, copy);
  const name = copy === "patient" ? `referral-${id}-patient-copy.pdf` : `referral-${id}.pdf`;
  return new Response(pdf as BodyInit, {
    headers: {
      "content-type": "application/pdf",
      // Inline: the browser opens it to read or print; the file name is kept if it is saved.
      "content-disposition": `inline; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
