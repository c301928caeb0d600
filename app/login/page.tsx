import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { authOptions } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if ((await getServerSession(authOptions))?.viewer) redirect("/");
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Clinic referral portal</h1>
        <p className="muted">Sign in with your clinic account.</p>
        <LoginForm />
      </div>
    </main>
  );
}
