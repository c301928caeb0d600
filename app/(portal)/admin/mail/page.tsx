import type { Metadata } from "next";
import { MailDeliveries } from "@/components/notifications/mail-deliveries";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "E-mail" };

export default async function MailPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "READ_MAIL_DELIVERIES")) {
    return (
      <section className="card">
        <h1>E-mail</h1>
        <p>Only clinic administrators can see how the clinic&apos;s e-mail went.</p>
      </section>
    );
  }
  return (
    <>
      <h1 className="page-heading">E-mail</h1>
      <MailDeliveries />
    </>
  );
}
