import Link from "next/link";
import { RecentReferrals } from "@/components/referrals/recent-referrals";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export default async function HomePage() {
  // Checked here as well as in the layout: a page must never render without a session.
  const viewer = await requireViewer();
  return (
    <>
      <section className="card">
        <h1>Welcome, {viewer.name}</h1>
        <p className="muted">
          {viewer.clinicName} · signed in as {viewer.email} ({viewer.role === "ADMIN" ? "administrator" : "clinician"})
        </p>
        <nav aria-label="Quick links">
          <ul className="quick-links">
            <li>
              <Link className="button" href="/patients">
                Find a patient or add one
              </Link>
            </li>
            <li>
              <Link className="button secondary" href="/referrals">
                Referral history
              </Link>
            </li>
            {can(viewer, "DECIDE_REFERRALS") && (
              <li>
                <Link className="button secondary" href="/referrals?status=SENT">
                  Referrals waiting for a decision
                </Link>
              </li>
            )}
          </ul>
        </nav>
      </section>
      <RecentReferrals />
    </>
  );
}
