import type { Metadata } from "next";
import { ServiceAdministration } from "@/components/services/service-administration";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "MANAGE_SERVICES")) {
    return (
      <section className="card">
        <h1>Services</h1>
        <p>Only clinic administrators can change the clinic&apos;s services.</p>
      </section>
    );
  }
  return (
    <>
      <h1 className="page-heading">Services</h1>
      <p className="muted">
        What referrers read when they choose one of your services: what it does, whom it takes and does not, how to reach it, and how soon it means to
        decide.
      </p>
      <ServiceAdministration />
    </>
  );
}
