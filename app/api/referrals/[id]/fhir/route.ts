import { exportReferralBundle } from "@/lib/fhir";
import { patientDataRoute } from "@/lib/request/pipeline";
import { parseId } from "@/lib/validation";

/** GET /api/referrals/{id}/fhir: the referral as a FHIR R4 Bundle (collection) of the parts the viewer's clinic may see. */
export const GET = patientDataRoute<{ id: string }>(async (context, _request, params) => {
  const id = parseId(params.id, ["id"]);
  const bundle = await exportReferralBundle(context, id);
  return new Response(JSON.stringify(bundle), {
    headers: {
      "content-type": "application/fhir+json; charset=utf-8",
      "content-disposition": `attachment; filename="referral-${id}.fhir.json"`,
      "cache-control": "no-store",
    },
  });
});
