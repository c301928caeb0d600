"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { ListStatus } from "@/components/list-status";
import { ACTION_LABELS, DISCIPLINE_LABELS, formatDateTime, personName } from "@/components/labels";
import { StatusChip } from "@/components/status-chip";
import type { ReferralUpdatesQuery } from "@/lib/generated/graphql/graphql";
import { REFERRAL_HISTORY, REFERRAL_UPDATES } from "./operations";
import { ReferralTable } from "./referral-table";
import { LoadMore } from "@/components/load-more";

const PAGE_SIZE = 20;

type ReferralUpdate = ReferralUpdatesQuery["referralUpdates"]["edges"][number]["node"];

function UpdateItem({ update }: { update: ReferralUpdate }) {
  const { part, referral } = update;
  const service = part.service.own ? part.service.name : `${part.service.name} (${part.service.clinic.name})`;
  return (
    <li className={update.unread ? "unread" : undefined} data-testid="referral-update">
      <p>
        {update.unread && <span className="flag flag-new">Unread</span>}{" "}
        <strong>{ACTION_LABELS[update.action]}</strong>: {DISCIPLINE_LABELS[part.discipline]} for{" "}
        <Link href={`/referrals/${referral.id}`}>{personName(referral.patient)}</Link> <StatusChip status={update.toStatus} />
      </p>
      <p className="muted">
        {service} · {update.actor.name} · <time dateTime={update.createdAt}>{formatDateTime(update.createdAt)}</time>
      </p>
      {update.note && <p className="event-note">{update.note}</p>}
    </li>
  );
}

/** The referrer's side: what the services did since they last looked, and the questions waiting on them. */
export function MyReferrals() {
  const updates = useQuery(REFERRAL_UPDATES, { variables: { first: PAGE_SIZE }, fetchPolicy: "cache-and-network" });
  const questions = useQuery(REFERRAL_HISTORY, {
    variables: { filter: { author: "ME", status: "AWAITING_REFERRER" }, first: 50 },
    fetchPolicy: "cache-and-network",
  });
  const connection = updates.data?.referralUpdates;
  const events = connection?.edges.map((edge) => edge.node) ?? [];
  const unread = events.filter((event) => event.unread).length;
  const waiting = questions.data?.referrals.edges.map((edge) => edge.node) ?? [];

  return (
    <>
      <section className="card" aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions waiting for your answer</h2>
        {!questions.data ? (
          <ListStatus status="Loading…" loading={questions.loading} error={questions.error} />
        ) : waiting.length === 0 ? (
          <p className="muted">No service is waiting on you.</p>
        ) : (
          <ReferralTable referrals={waiting} caption="Your referrals with a question from a service" showAuthor={false} />
        )}
      </section>

      <section className="card" aria-labelledby="updates-heading">
        <div className="section-heading">
          <h2 id="updates-heading">Updates from the services</h2>
          <Link href="/referrals?author=ME">All your referrals</Link>
        </div>
        <ListStatus
          status={
            !connection
              ? "Loading updates…"
              : events.length === 0
                ? "No updates yet: decisions, questions and outcomes on the referrals you send appear here."
                : `${unread} unread of ${events.length} shown, newest first. Open a referral to answer a question or acknowledge an outcome.`
          }
          loading={updates.loading}
          error={updates.error}
        />
        {events.length > 0 && (
          <ul className="update-list" aria-label="Updates, newest first">
            {events.map((event) => (
              <UpdateItem key={event.id} update={event} />
            ))}
          </ul>
        )}
        <LoadMore pageInfo={connection?.pageInfo} loading={updates.loading} onMore={(after) => updates.fetchMore({ variables: { after } })} />
      </section>
    </>
  );
}
