import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { IDLE_SIGN_OUT_MESSAGE } from "@/lib/auth/messages";
import { authOptions } from "@/lib/auth/options";
import { SECOND_FACTOR_PAGES } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ signedOut?: string }> }) {
  const session = await getServerSession(authOptions);
  if (session?.viewer) redirect("/");
  if (session?.secondFactor) redirect(SECOND_FACTOR_PAGES[session.secondFactor.stage]);
  const { signedOut } = await searchParams;
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Clinic referral portal</h1>
        {signedOut === "idle" && (
          <p className="notice" role="status" id="signed-out-notice">
            {IDLE_SIGN_OUT_MESSAGE}
          </p>
        )}
        <p className="muted">Sign in with your clinic account.</p>
        <LoginForm />
      </div>
    </main>
  );
}
