"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { formatDateTime, personName } from "@/components/labels";
import { REFERRAL_DRAFTS } from "./operations";

/** The viewer's unsent draft referrals, each continued from its patient's new-referral page. Nothing shows while there are none. */
export function DraftList() {
  const { data } = useQuery(REFERRAL_DRAFTS, { fetchPolicy: "cache-and-network" });
  const drafts = data?.referralDrafts ?? [];
  if (drafts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="drafts-heading" data-testid="draft-list">
      <h2 id="drafts-heading">Unsent draft referrals</h2>
      <ul className="update-list" aria-label="Unsent draft referrals">
        {drafts.map((draft) => (
          <li key={draft.id}>
            <p>
              <Link href={`/patients/${draft.patient.id}/referrals/new`}>Continue the referral for {personName(draft.patient)}</Link>{" "}
              <span className="muted">· {draft.patient.medicalRecordNumber}</span>
            </p>
            <p className="muted">
              Last changed {formatDateTime(draft.updatedAt)}; kept until {formatDateTime(draft.expiresAt)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
