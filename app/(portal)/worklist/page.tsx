import type { Metadata } from "next";
import { Suspense } from "react";
import { Refusal } from "@/components/refusal";
import { NeedsAttention } from "@/components/referrals/needs-attention";
import { Worklist } from "@/components/worklist/worklist";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Worklist" };

export default async function WorklistPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "DECIDE_REFERRALS")) {
    return <Refusal title="Worklist" message="Only a therapist of a service has a worklist." />;
  }
  return (
    <>
      <h1>Worklist</h1>
      <NeedsAttention role="service" />
      {/* The filters read the query string, which exists only per request. */}
      <Suspense fallback={<p className="muted">Loading the worklist…</p>}>
        <Worklist />
      </Suspense>
    </>
  );
}
