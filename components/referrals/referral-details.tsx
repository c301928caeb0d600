"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { apiErrors, isMissingRecord } from "@/components/graphql-errors";
import {
  ACTION_LABELS,
  CANCEL_REASON_LABELS,
  DECLINE_REASON_LABELS,
  DISCIPLINE_LABELS,
  disciplinesLabel,
  formatDate,
  formatDateTime,
  personName,
  workingDays,
} from "@/components/labels";
import { NotFound } from "@/components/not-found";
import { PriorityChip, StatusChip } from "@/components/status-chip";
import type {
  CatalogEntryFieldsFragment as CatalogEntry,
  ReferralEventFieldsFragment as ReferralEvent,
  ReferralPartFieldsFragment as ReferralPart,
} from "@/lib/generated/graphql/graphql";
import type { Permission } from "@/lib/permissions";
import { MARK_REFERRAL_SEEN, NEED_CATALOG, REFERRAL_DETAILS, UNREAD_REFERRAL_COUNT } from "./operations";
import { PartActions } from "./part-actions";
import { TriageEvidenceDetails, TriageSummary } from "./triage-result";

function labelsOf(codes: readonly string[], entries: readonly CatalogEntry[] | undefined): string[] {
  return codes.map((code) => entries?.find((entry) => entry.code === code)?.label ?? code);
}

function CodeList({ labels, empty }: { labels: string[]; empty: string }) {
  if (labels.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="tag-list">
      {labels.map((label) => (
        <li key={label}>{label}</li>
      ))}
    </ul>
  );
}

function TimelineEvent({ event }: { event: ReferralEvent }) {
  return (
    <li>
      <p>
        <strong>{ACTION_LABELS[event.action]}</strong> by {event.actor.name}
        {" · "}
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
      </p>
      {/* The status the event left the part in, as a badge; the first event (Sent) has no status before it. */}
      {event.fromStatus !== event.toStatus && (
        <p className="timeline-status" data-testid="timeline-status">
          {event.fromStatus !== null && (
            <>
              <StatusChip status={event.fromStatus} /> <span aria-hidden="true">→</span>
              <span className="visually-hidden">to</span>{" "}
            </>
          )}
          <StatusChip status={event.toStatus} />
        </p>
      )}
      {event.note && <p className="event-note">{event.note}</p>}
    </li>
  );
}

const AWAITING = new Set(["SENT", "AWAITING_REFERRER"]);

/** One discipline's part: where it went, where it stands, what the service decided and returned, and what the viewer may do. */
function PartSection({ part, canRefer, onChanged }: { part: ReferralPart; canRefer: boolean; onChanged: () => Promise<unknown> }) {
  const headingId = `part-${part.id}-heading`;
  const questions = part.events.filter((event) => event.action === "ASK_QUESTION" || event.action === "ANSWER_QUESTION");
  return (
    <section className="card part" aria-labelledby={headingId} data-testid="referral-part">
      <div className="part-heading">
        <h2 id={headingId}>{DISCIPLINE_LABELS[part.discipline]}</h2>
        <StatusChip status={part.status} />
      </div>
      <dl className="details">
        <div>
          <dt>Service</dt>
          <dd>
            {part.service.name}
            {!part.service.own && <span className="muted block">{part.service.clinic.name}</span>}
          </dd>
        </div>
        <div>
          <dt>Sent to the service</dt>
          <dd>
            <time dateTime={part.sentAt}>{formatDateTime(part.sentAt)}</time>
            {part.redirectedFrom && <span className="muted block">Redirected from {part.redirectedFrom.service.name}</span>}
          </dd>
        </div>
        {AWAITING.has(part.status) && (
          <div>
            <dt>Waiting for a decision</dt>
            <dd data-testid="part-waiting">
              {workingDays(part.waiting.workingDays)} of a target of {workingDays(part.waiting.targetWorkingDays)}
              {part.waiting.overdue && (
                <>
                  {" "}
                  <span className="flag flag-overdue">Overdue</span>
                </>
              )}
            </dd>
          </div>
        )}
        {part.decidedAt && (
          <div>
            <dt>Decided</dt>
            <dd>
              <time dateTime={part.decidedAt}>{formatDateTime(part.decidedAt)}</time>
            </dd>
          </div>
        )}
        {part.declineReason && (
          <div className="wide">
            <dt>Reason for declining</dt>
            <dd data-testid="decline-reason">
              <strong>{DECLINE_REASON_LABELS[part.declineReason]}</strong>
              {part.declineComment && <span className="prose block">{part.declineComment}</span>}
            </dd>
          </div>
        )}
        {part.cancelReason && (
          <div className="wide">
            <dt>Reason for cancelling</dt>
            <dd data-testid="cancel-reason">
              <strong>{CANCEL_REASON_LABELS[part.cancelReason]}</strong>
              {part.cancelComment && <span className="prose block">{part.cancelComment}</span>}
            </dd>
          </div>
        )}
        {part.outcome && (
          <div className="wide" data-testid="part-outcome">
            <dt>Outcome</dt>
            <dd>
              <p className="prose">
                <strong>Provided:</strong> {part.outcome.provided}
              </p>
              {part.outcome.recommendations && (
                <p className="prose">
                  <strong>Recommendations:</strong> {part.outcome.recommendations}
                </p>
              )}
              <p>
                <strong>Therapy Outcome Measures score:</strong> {part.outcome.score === null ? "not scored" : part.outcome.score.toFixed(1)}
              </p>
              <p className="muted" data-testid="outcome-acknowledgement">
                {part.outcomeAcknowledgedAt ? (
                  <>
                    Acknowledged by the referrer on <time dateTime={part.outcomeAcknowledgedAt}>{formatDateTime(part.outcomeAcknowledgedAt)}</time>
                  </>
                ) : (
                  "Not yet acknowledged by the referrer."
                )}
              </p>
            </dd>
          </div>
        )}
      </dl>

      {questions.length > 0 && (
        <>
          <h3>Questions and answers</h3>
          <ul className="qa-list">
            {questions.map((event) => (
              <li key={event.id} className={event.action === "ANSWER_QUESTION" ? "answer" : undefined}>
                <p>
                  <strong>{event.action === "ASK_QUESTION" ? "Question" : "Answer"}</strong> from {event.actor.name} ·{" "}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                </p>
                {event.note && <p className="event-note">{event.note}</p>}
              </li>
            ))}
          </ul>
        </>
      )}

      <PartActions part={part} refreshUnread={canRefer} onChanged={onChanged} />

      <h3>Timeline</h3>
      <ol className="timeline" aria-label={`${DISCIPLINE_LABELS[part.discipline]} timeline, oldest first`}>
        {part.events.map((event) => (
          <TimelineEvent key={event.id} event={event} />
        ))}
      </ol>
    </section>
  );
}

/** `permissions` are the viewer's (lib/permissions), passed by the page: a therapist sees no patient or history links. */
export function ReferralDetails({ referralId, permissions }: { referralId: string; permissions: readonly Permission[] }) {
  const { data, error, refetch } = useQuery(REFERRAL_DETAILS, { variables: { id: referralId }, fetchPolicy: "cache-and-network" });
  const catalog = useQuery(NEED_CATALOG).data?.needCatalog;
  const canRefer = permissions.includes("SEND_REFERRALS");
  const [markSeen] = useMutation(MARK_REFERRAL_SEEN, { refetchQueries: canRefer ? [UNREAD_REFERRAL_COUNT] : [] });
  const markedFor = useRef<string | null>(null);
  const loaded = Boolean(data?.referral);
  // Marked once the page has shown what changed since the last visit, so the flags above are read first.
  useEffect(() => {
    if (!loaded || markedFor.current === referralId) return;
    markedFor.current = referralId;
    markSeen({ variables: { id: referralId } }).catch(() => undefined);
  }, [loaded, referralId, markSeen]);
  // After the viewer's own action the page shows the referral as it now is: nothing on it is news to them.
  const afterChange = async () => {
    await refetch();
    await markSeen({ variables: { id: referralId } }).catch(() => undefined);
  };

  if (isMissingRecord(error) || (data && !data.referral)) return <NotFound what="referral" />;
  if (error && !data) {
    return (
      <p className="error" role="alert">
        {apiErrors(error)[0]?.message}
      </p>
    );
  }
  const referral = data?.referral;
  if (!referral) return <p className="muted" role="status">Loading the referral…</p>;

  const patient = referral.patient;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {permissions.includes("READ_REFERRALS") ? <Link href="/referrals">Referrals</Link> : <Link href="/worklist">Worklist</Link>} ›{" "}
        {personName(patient)}
      </nav>
      <div className="page-heading">
        <h1>Referral for {personName(patient)}</h1>
        <StatusChip status={referral.status} />
      </div>

      <section className="card" aria-labelledby="referral-summary-heading">
        <h2 id="referral-summary-heading">Summary</h2>
        <dl className="details">
          <div>
            <dt>Patient</dt>
            <dd>
              {permissions.includes("READ_PATIENTS") ? <Link href={`/patients/${patient.id}`}>{personName(patient)}</Link> : personName(patient)}
              <span className="muted block">
                {patient.medicalRecordNumber} · born {formatDate(patient.dateOfBirth)}
              </span>
            </dd>
          </div>
          <div>
            <dt>Sent</dt>
            <dd>
              <time dateTime={referral.createdAt}>{formatDateTime(referral.createdAt)}</time> by {referral.author.name}
            </dd>
          </div>
          <div>
            <dt>Referred to</dt>
            <dd>{disciplinesLabel(referral.disciplines)}</dd>
          </div>
          <div>
            <dt>Priority</dt>
            <dd>
              <PriorityChip priority={referral.priority} />
            </dd>
          </div>
          <div>
            <dt>Decision</dt>
            <dd data-testid="referral-decision">
              {referral.assessFirst && <strong>Assess first. </strong>}
              {referral.followedRecommendation ? "Followed the recommendation" : "Chose otherwise than the recommendation"}
            </dd>
          </div>
          {referral.overrideReason && (
            <div className="wide">
              <dt>Reason for the choice</dt>
              <dd className="prose">{referral.overrideReason}</dd>
            </div>
          )}
        </dl>
      </section>

      <div className="parts">
        {referral.parts.map((part) => (
          <PartSection key={part.id} part={part} canRefer={canRefer} onChanged={afterChange} />
        ))}
      </div>

      <section className="card" aria-labelledby="referral-needs-heading">
        <h2 id="referral-needs-heading">Needs as logged</h2>
        <h3>Needs</h3>
        <CodeList labels={labelsOf(referral.needs, catalog?.needs)} empty="No needs ticked." />
        <h3>Conditions</h3>
        <CodeList labels={labelsOf(referral.conditions, catalog?.conditions)} empty="No conditions ticked." />
        <h3>Notes</h3>
        {referral.notes.trim() ? <p className="prose">{referral.notes}</p> : <p className="muted">No notes.</p>}
      </section>

      <section className="card" aria-labelledby="referral-triage-heading">
        <h2 id="referral-triage-heading">Recommendation when sent</h2>
        <TriageSummary result={referral.triage} />
        <TriageEvidenceDetails result={referral.triage} />
        <p className="muted">Ruleset version {referral.triage.rulesetVersion}</p>
      </section>

    </>
  );
}
