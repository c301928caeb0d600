"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { ListStatus } from "@/components/list-status";
import { DISCIPLINE_LABELS, formatDateTime, personName } from "@/components/labels";
import { PriorityChip, StatusChip } from "@/components/status-chip";
import type { PartsNeedingAttentionQuery } from "@/lib/generated/graphql/graphql";
import { PARTS_NEEDING_ATTENTION } from "./operations";

type Item = PartsNeedingAttentionQuery["partsNeedingAttention"][number];

/** What the item asks of the viewer, in their words. */
function whatItNeeds(part: Item, role: "referrer" | "service"): string {
  if (role === "service") {
    if (part.status === "CANCELLED") return "Cancelled by the referrer since you opened it";
    return part.viewerOpenedAt ? "Changed since you opened it: the referrer answered" : "New: not yet opened";
  }
  if (part.status === "AWAITING_REFERRER") {
    const question = part.events.findLast((event) => event.action === "ASK_QUESTION");
    return `Question to answer${question?.note ? `: “${question.note}”` : ""}`;
  }
  return "Outcome to acknowledge";
}

/**
 * What needs the viewer now (the API's partsNeedingAttention): for a
 * clinician the questions to answer and outcomes to acknowledge on the
 * referrals they sent; for a therapist their service's new and changed parts.
 * Each opens the referral, where the action waits at the top.
 */
export function NeedsAttention({ role }: { role: "referrer" | "service" }) {
  const { data, loading, error } = useQuery(PARTS_NEEDING_ATTENTION, { fetchPolicy: "cache-and-network" });
  const items = data?.partsNeedingAttention;
  const heading = role === "referrer" ? "Needs you now" : "New and changed since you looked";
  const empty = role === "referrer" ? "Nothing waits for you: no question to answer, no outcome to acknowledge." : "Nothing new or changed since you last looked.";
  return (
    <section className="card needs-attention" aria-labelledby="needs-attention-heading">
      <h2 id="needs-attention-heading">{heading}</h2>
      <ListStatus status={!items ? "Loading…" : items.length === 0 ? empty : ""} loading={loading} error={error} />
      {items && items.length > 0 && (
        <ul className="update-list" aria-label={heading}>
          {items.map((part) => (
            <li key={part.id} className="unread" data-testid="needs-attention-item">
              <p>
                <Link href={`/referrals/${part.referral.id}`}>{personName(part.referral.patient)}</Link>{" "}
                <span className="muted">· {part.referral.patient.medicalRecordNumber}</span> · {DISCIPLINE_LABELS[part.discipline]}{" "}
                <StatusChip status={part.status} /> <PriorityChip priority={part.referral.priority} />
              </p>
              <p className="prose">{whatItNeeds(part, role)}</p>
              <p className="muted">
                {part.service.own ? part.service.name : `${part.service.name} (${part.service.clinic.name})`} · changed{" "}
                <time dateTime={part.updatedAt}>{formatDateTime(part.updatedAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
