import type { Metadata } from "next";
import { NewReferralForm } from "@/components/referrals/new-referral-form";
import { requireViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New referral" };

export default async function NewReferralPage({ params }: { params: Promise<{ id: string }> }) {
  await requireViewer();
  const { id } = await params;
  return <NewReferralForm patientId={id} />;
}
