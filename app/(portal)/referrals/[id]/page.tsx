import type { Metadata } from "next";
import { ReferralDetails } from "@/components/referrals/referral-details";
import { ReferralExports } from "@/components/referrals/referral-exports";
import { requireViewer } from "@/lib/auth/session";
import { permissionsOf } from "@/lib/permissions";

export const metadata: Metadata = { title: "Referral" };

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  return (
    <>
      <ReferralExports referralId={id} />
      <ReferralDetails referralId={id} permissions={permissionsOf(viewer)} />
    </>
  );
}
