import Link from "next/link";
import { redirect } from "next/navigation";
import { ROLE_LABELS } from "@/components/labels";
import { DraftList } from "@/components/referrals/draft-list";
import { NeedsAttention } from "@/components/referrals/needs-attention";
import { RecentReferrals } from "@/components/referrals/recent-referrals";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export default async function HomePage() {
  // Checked here as well as in the layout: a page must never render without a session.
  const viewer = await requireViewer();
  // A therapist's home is their service's worklist, which opens with what is new and changed.
  if (can(viewer, "DECIDE_REFERRALS")) redirect("/worklist");
  return (
    <>
      <section className="card">
        <h1>Welcome, {viewer.name}</h1>
        <p className="muted">
          {viewer.clinicName} · signed in as {viewer.email} ({ROLE_LABELS[viewer.role].toLowerCase()})
        </p>
        <nav aria-label="Quick links">
          <ul className="quick-links">
            {can(viewer, "READ_PATIENTS") && (
              <li>
                <Link className="button" href="/patients">
                  Find a patient or add one
                </Link>
              </li>
            )}
            {can(viewer, "SEND_REFERRALS") && (
              <li>
                <Link className="button secondary" href="/my-referrals">
                  Updates on my referrals
                </Link>
              </li>
            )}
            {can(viewer, "READ_REFERRALS") && (
              <li>
                <Link className="button secondary" href="/referrals">
                  Referral history
                </Link>
              </li>
            )}
          </ul>
        </nav>
      </section>
      {can(viewer, "SEND_REFERRALS") && (
        <>
          <NeedsAttention role="referrer" />
          <DraftList />
          <RecentReferrals />
        </>
      )}
    </>
  );
}
