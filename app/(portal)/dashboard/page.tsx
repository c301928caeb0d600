import type { Metadata } from "next";
import { Suspense } from "react";
import { Dashboard } from "@/components/dashboard/dashboard";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await requireViewer();
  // The API refuses everyone else too; this only spares them a page that could never load.
  if (!can(viewer, "READ_DASHBOARD")) {
    return (
      <section className="card not-found" aria-labelledby="not-allowed-heading">
        <h1 id="not-allowed-heading">Not allowed</h1>
        <p>Only clinic administrators and therapists can see the dashboard.</p>
      </section>
    );
  }
  return (
    <>
      <h1>Dashboard</h1>
      <p className="muted">
        How referrals flow: {can(viewer, "READ_REFERRALS") ? `those ${viewer.clinicName} sent, and those its services received` : "those your service received"}.
      </p>
      {/* The filters read the query string, which exists only per request. */}
      <Suspense fallback={<p className="muted">Loading the dashboard…</p>}>
        <Dashboard />
      </Suspense>
    </>
  );
}
