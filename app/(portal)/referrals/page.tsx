import type { Metadata } from "next";
import { Suspense } from "react";
import { ReferralHistory } from "@/components/referrals/referral-history";
import { Refusal } from "@/components/refusal";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Referrals" };

export default async function ReferralsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "READ_REFERRALS")) return <Refusal title="Referrals" message="Only clinicians and administrators of the clinic can see its referral history." />;
  return (
    <>
      <h1>Referrals</h1>
      {/* The filters read the query string, which exists only per request. */}
      <Suspense fallback={<p className="muted">Loading referrals…</p>}>
        <ReferralHistory />
      </Suspense>
    </>
  );
}
