import type { Metadata } from "next";
import { Suspense } from "react";
import { ReferralHistory } from "@/components/referrals/referral-history";
import { requireViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Referrals" };

export default async function ReferralsPage() {
  await requireViewer();
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
