import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/users/change-password-form";
import { requireViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireViewer();
  return (
    <section className="card narrow">
      <h1>Your account</h1>
      <p className="muted">
        {viewer.name} · {viewer.email} · {viewer.role === "ADMIN" ? "Administrator" : "Clinician"} at {viewer.clinicName}
      </p>
      <h2>Change password</h2>
      <ChangePasswordForm />
    </section>
  );
}
