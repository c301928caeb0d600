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
import { PatientContact } from "@/components/patients/patient-contact";
import { PartChips, PriorityChip, StatusChip } from "@/components/status-chip";
import type {
  CatalogEntryFieldsFragment as CatalogEntry,
  PartAction,
  ReferralEventFieldsFragment as ReferralEvent,
  ReferralPartFieldsFragment as ReferralPart,
  ServiceContactFieldsFragment as ServiceContact,
} from "@/lib/generated/graphql/graphql";
import type { Permission } from "@/lib/permissions";
import { MARK_REFERRAL_SEEN, NEED_CATALOG, REFERRAL_DETAILS, UNREAD_REFERRAL_COUNT } from "./operations";
import { PartActions } from "./part-actions";
import { ReferralAttachments } from "./referral-attachments";
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

/** Every action but cancelling is something the part waits for from the viewer: it goes to the top of the page. */
const PENDING: readonly PartAction[] = ["ACCEPT", "ASK_QUESTION", "REDIRECT", "DECLINE", "ANSWER_QUESTION", "START", "COMPLETE", "ACKNOWLEDGE_OUTCOME"];
const pendingOf = (part: ReferralPart) => part.allowedActions.filter((action) => PENDING.includes(action));

/** The service's phone and email, when it has given them. */
function ServiceContactLine({ service }: { service: ServiceContact }) {
  if (!service.contactPhone && !service.contactEmail) return null;
  return (
    <span className="block" data-testid="service-contact">
      {service.contactPhone && (
        <>
          Phone <a href={`tel:${service.contactPhone.replace(/[^\d+]/g, "")}`}>{service.contactPhone}</a>
        </>
      )}
      {service.contactPhone && service.contactEmail && " · "}
      {service.contactEmail && <a href={`mailto:${service.contactEmail}`}>{service.contactEmail}</a>}
    </span>
  );
}

/** What the part waits for from the viewer, in a sentence, before the actions that answer it. */
function pendingSummary(part: ReferralPart): string {
  const lastQuestion = part.events.findLast((event) => event.action === "ASK_QUESTION");
  switch (part.status) {
    case "AWAITING_REFERRER":
      return `${part.service.name} asked: “${lastQuestion?.note ?? ""}”`;
    case "COMPLETED":
      return `${part.service.name} completed its work: read the outcome, then acknowledge it.`;
    case "SENT":
      return `Waiting for your decision since ${formatDateTime(part.sentAt)}.`;
    case "ACCEPTED":
      return "Accepted: start when the work begins.";
    case "IN_PROGRESS":
      return "In progress: complete it with an outcome when the work is done.";
    default:
      return "";
  }
}

/**
 * One discipline's part: where it went, where it stands, what the service decided and returned, and what the viewer may do.
 * A part that waits for the viewer says what it waits for and offers the actions before its details.
 */
function PartSection({
  part,
  canRefer,
  onChanged,
  pending = false,
}: {
  part: ReferralPart;
  canRefer: boolean;
  onChanged: () => Promise<unknown>;
  pending?: boolean;
}) {
  const headingId = `part-${part.id}-heading`;
  const questions = part.events.filter((event) => event.action === "ASK_QUESTION" || event.action === "ANSWER_QUESTION");
  const Heading = pending ? "h3" : "h2";
  const actions = <PartActions part={part} refreshUnread={canRefer} onChanged={onChanged} />;
  return (
    <section className={`card part${pending ? " pending" : ""}`} aria-labelledby={headingId} data-testid="referral-part">
      <div className="part-heading">
        <Heading id={headingId}>{DISCIPLINE_LABELS[part.discipline]}</Heading>
        <StatusChip status={part.status} />
      </div>
      {pending && (
        <>
          <p className="prose pending-summary" data-testid="pending-summary">
            {pendingSummary(part)}
          </p>
          {actions}
        </>
      )}
      <dl className="details">
        <div>
          <dt>Service</dt>
          <dd>
            {part.service.name}
            {!part.service.own && <span className="muted block">{part.service.clinic.name}</span>}
            <ServiceContactLine service={part.service} />
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

      {!pending && actions}

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
  // What waits for the viewer (a question to answer, an outcome to acknowledge, a decision) comes first, above the summary.
  const waiting = referral.parts.filter((part) => pendingOf(part).length > 0);
  const others = referral.parts.filter((part) => pendingOf(part).length === 0);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {permissions.includes("READ_REFERRALS") ? <Link href="/referrals">Referrals</Link> : <Link href="/worklist">Worklist</Link>} ›{" "}
        {personName(patient)}
      </nav>
      <div className="page-heading">
        <h1>Referral for {personName(patient)}</h1>
        <PartChips parts={referral.parts} />
      </div>

      {waiting.length > 0 && (
        <section className="needs-you" aria-labelledby="needs-you-heading" data-testid="needs-you">
          <h2 id="needs-you-heading">Needs you now</h2>
          <div className="parts">
            {waiting.map((part) => (
              <PartSection key={part.id} part={part} canRefer={canRefer} onChanged={afterChange} pending />
            ))}
          </div>
        </section>
      )}

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
              <span className="block" data-testid="referrer-contact">
                {referral.author.workPhone && (
                  <>
                    Phone <a href={`tel:${referral.author.workPhone.replace(/[^\d+]/g, "")}`}>{referral.author.workPhone}</a> ·{" "}
                  </>
                )}
                <a href={`mailto:${referral.author.email}`}>{referral.author.email}</a>
              </span>
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
          {referral.duplicateReason && (
            <div className="wide">
              <dt>Sent although a referral was open</dt>
              <dd className="prose" data-testid="duplicate-reason">
                {referral.duplicateReason}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="patient-contact-heading">
        <h2 id="patient-contact-heading">Patient details</h2>
        <PatientContact patient={patient} />
      </section>

      {others.length > 0 && (
        <div className="parts">
          {others.map((part) => (
            <PartSection key={part.id} part={part} canRefer={canRefer} onChanged={afterChange} />
          ))}
        </div>
      )}

      <ReferralAttachments referralId={referral.id} attachments={referral.attachments} canAttach={referral.viewerCanAttach} onAttached={() => refetch()} />

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
