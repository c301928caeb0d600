import type { Metadata } from "next";
import { NewReferralForm } from "@/components/referrals/new-referral-form";
import { Refusal } from "@/components/refusal";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "New referral" };

export default async function NewReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!can(viewer, "SEND_REFERRALS")) return <Refusal title="New referral" message="Only clinicians and administrators of the clinic can send referrals." />;
  const { id } = await params;
  return <NewReferralForm patientId={id} />;
}
