import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Forgot your password?</h1>
        <p className="muted">Enter the email address of your clinic account. We will e-mail it a link to set a new password.</p>
        <ForgotPasswordForm />
        <p>
          <Link href="/login">Back to sign in</Link>
        </p>
      </div>
    </main>
  );
}
