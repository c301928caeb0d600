import type { Bundle } from "@medplum/fhirtypes";
import { loadReferralForExport } from "@/lib/referrals/export";
import type { RequestContext } from "@/lib/request/context";
import { referralBundle } from "./bundle";

export { referralBundle } from "./bundle";

/**
 * A referral the viewer may read as a FHIR R4 Bundle, recorded in the audit
 * trail as an export (`referral.export_fhir`). The route and the GraphQL
 * field both answer with this.
 */
export async function exportReferralBundle(context: RequestContext, referralId: string): Promise<Bundle> {
  return referralBundle(await loadReferralForExport(context, referralId, "referral.export_fhir"));
}
