"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { apiErrors } from "@/components/graphql-errors";
import { REFERRAL_HISTORY } from "./operations";
import { ReferralTable } from "./referral-table";

const RECENT = 5;

/** The viewer's own latest referrals, for the home page. */
export function RecentReferrals() {
  const { data, error } = useQuery(REFERRAL_HISTORY, {
    variables: { filter: { author: "ME" }, first: RECENT },
    fetchPolicy: "cache-and-network",
  });
  const referrals = data?.referrals.edges.map((edge) => edge.node);
  return (
    <section className="card" aria-labelledby="recent-referrals-heading">
      <div className="section-heading">
        <h2 id="recent-referrals-heading">Your recent referrals</h2>
        <Link href="/referrals?author=ME">All your referrals</Link>
      </div>
      {error ? (
        <p className="error" role="alert">
          {apiErrors(error)[0]?.message}
        </p>
      ) : !referrals ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : referrals.length === 0 ? (
        <p className="muted">
          You have not sent a referral yet. <Link href="/patients">Find a patient</Link> to start one.
        </p>
      ) : (
        <ReferralTable referrals={referrals} caption="Your recent referrals, newest first" showAuthor={false} />
      )}
    </section>
  );
}
