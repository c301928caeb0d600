import type { Metadata } from "next";
import { ROLE_LABELS } from "@/components/labels";
import { SecondFactorSettings, SessionList } from "@/components/second-factor/account-security";
import { ChangePasswordForm } from "@/components/users/change-password-form";
import { ContactForm } from "@/components/users/contact-form";
import { requireViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireViewer();
  return (
    <>
      <section className="card narrow account-section">
        <h1>Your account</h1>
        <p className="muted">
          {viewer.name} · {viewer.email} · {ROLE_LABELS[viewer.role]} at {viewer.clinicName}
        </p>
        <h2>Contact</h2>
        <ContactForm />
        <h2>Change password</h2>
        <ChangePasswordForm />
      </section>
      <section className="card narrow account-section" aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">Second factor</h2>
        <SecondFactorSettings />
      </section>
      <section className="card account-section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Your sessions</h2>
        <SessionList />
      </section>
    </>
  );
}
