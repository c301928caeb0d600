import type { Metadata } from "next";
import { SecondFactorStep } from "@/components/second-factor/second-factor-step";
import { secondFactorMethods } from "@/lib/auth/second-factor/flows";
import { requireSecondFactorStep } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Second factor" };
export const dynamic = "force-dynamic";

/** The second step of signing in: the password was right; the session reaches nothing else until this is passed. */
export default async function VerifyPage() {
  const { userId } = await requireSecondFactorStep("SECOND_FACTOR");
  const methods = await secondFactorMethods(db(), userId);
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Confirm it is you</h1>
        <p className="muted">Your password was right. Now use your second factor.</p>
        <SecondFactorStep methods={methods} />
      </div>
    </main>
  );
}
