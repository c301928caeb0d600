import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import Link from "next/link";
import { IDLE_SIGN_OUT_MESSAGE, PASSWORD_SET_MESSAGE, safeNextPath } from "@/lib/auth/messages";
import { authOptions } from "@/lib/auth/options";
import { SECOND_FACTOR_PAGES } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ signedOut?: string; passwordSet?: string; next?: string | string[] }>;
}) {
  const { signedOut, passwordSet, next } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  const session = await getServerSession(authOptions);
  if (session?.viewer) redirect(target);
  if (session?.secondFactor) redirect(SECOND_FACTOR_PAGES[session.secondFactor.stage]);
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Clinic referral portal</h1>
        {signedOut === "idle" && (
          <p className="notice" role="status" id="signed-out-notice">
            {IDLE_SIGN_OUT_MESSAGE}
          </p>
        )}
        {passwordSet === "1" && (
          <p className="notice" role="status" id="password-set-notice">
            {PASSWORD_SET_MESSAGE}
          </p>
        )}
        <p className="muted">Sign in with your clinic account.</p>
        <LoginForm next={target} />
        <p>
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </div>
    </main>
  );
}
