import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditTrail } from "@/components/audit/audit-trail";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditTrailPage() {
  const viewer = await requireViewer();
  // The API refuses everyone else too; this only spares them a page that could never load.
  if (!can(viewer, "READ_AUDIT_TRAIL")) {
    return (
      <section className="card not-found" aria-labelledby="not-allowed-heading">
        <h1 id="not-allowed-heading">Not allowed</h1>
        <p>Only clinic administrators can see the audit trail.</p>
      </section>
    );
  }
  return (
    <>
      <h1>Audit trail</h1>
      <p className="muted">Every read and change of patient data in {viewer.clinicName}, and every sign-in and sign-out, newest first.</p>
      {/* The filters read the query string, which exists only per request. */}
      <Suspense fallback={<p className="muted">Loading the audit trail…</p>}>
        <AuditTrail />
      </Suspense>
    </>
  );
}
