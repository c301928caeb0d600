import type { Metadata } from "next";
import { EnrolmentStep } from "@/components/second-factor/second-factor-step";
import { requireSecondFactorStep } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Set up a second factor" };
export const dynamic = "force-dynamic";

/** Forced enrolment: the clinic requires a second factor and this user has none; nothing else is reachable until one is set up. */
export default async function EnrolPage() {
  await requireSecondFactorStep("ENROLMENT");
  return (
    <main className="auth-page">
      <div className="card wide">
        <h1>Set up a second factor</h1>
        <p>
          Your clinic asks you to sign in with a second factor as well as your password. Add one now: you will use it each time you sign
          in.
        </p>
        <EnrolmentStep />
      </div>
    </main>
  );
}
