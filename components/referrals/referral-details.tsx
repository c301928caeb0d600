"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useState } from "react";
import { apiErrors, hasErrorCode, isMissingRecord } from "@/components/graphql-errors";
import {
  STATUS_LABELS,
  disciplinesLabel,
  formatDate,
  formatDateTime,
  personName,
  type ReferralStatus,
} from "@/components/labels";
import { NotFound } from "@/components/not-found";
import { PriorityChip, StatusChip } from "@/components/status-chip";
import type { CatalogEntryFieldsFragment as CatalogEntry, ReferralDetailsQuery } from "@/lib/generated/graphql/graphql";
import { CHANGE_REFERRAL_STATUS, NEED_CATALOG, REFERRAL_DETAILS } from "./operations";
import { TriageEvidenceDetails, TriageSummary } from "./triage-result";

type Referral = NonNullable<ReferralDetailsQuery["referral"]>;
type ReferralEvent = Referral["events"][number];

/** The button for each status the viewer may move the referral to, in the order they are offered. */
const ACTIONS: { status: ReferralStatus; label: string; done: string; danger?: boolean }[] = [
  { status: "ACCEPTED", label: "Accept", done: "Referral accepted." },
  { status: "COMPLETED", label: "Mark completed", done: "Referral marked completed." },
  { status: "DECLINED", label: "Decline", done: "Referral declined.", danger: true },
  { status: "CANCELLED", label: "Cancel referral", done: "Referral cancelled.", danger: true },
];

const CONFLICT_MESSAGE = "Someone else changed this referral; reload to see the latest.";

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
        {event.fromStatus === null ? <strong>Sent</strong> : <StatusChip status={event.toStatus} />} by {event.actor.name}
        {" · "}
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
      </p>
      {event.fromStatus !== null && (
        <p className="muted">
          {STATUS_LABELS[event.fromStatus]} → {STATUS_LABELS[event.toStatus]}
        </p>
      )}
      {event.note && <p className="event-note">{event.note}</p>}
    </li>
  );
}

function StatusActions({ referral, onReload }: { referral: Referral; onReload: () => Promise<unknown> }) {
  const [note, setNote] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [changeStatus, { loading, error, reset }] = useMutation(CHANGE_REFERRAL_STATUS);
  const actions = ACTIONS.filter((action) => referral.allowedTransitions.includes(action.status));
  const conflict = hasErrorCode(error, "CONFLICT");
  const notFound = hasErrorCode(error, "NOT_FOUND");

  async function change(action: (typeof ACTIONS)[number]) {
    setDone(null);
    try {
      await changeStatus({
        // The version on screen: if anyone changed the referral since, the API answers CONFLICT.
        variables: { id: referral.id, status: action.status, expectedVersion: referral.version, note: note.trim() || null },
      });
      setNote("");
      setDone(action.done);
    } catch {
      // Shown from the mutation's error below.
    }
  }

  return (
    <section className="card" aria-labelledby="status-actions-heading">
      <h2 id="status-actions-heading">Change status</h2>
      <p className="muted" role="status">
        {done}
      </p>
      {error && (
        <div className="error" role="alert">
          <p>
            {conflict
              ? CONFLICT_MESSAGE
              : notFound
                ? "This referral no longer exists in your clinic."
                : apiErrors(error).map((problem) => problem.message).join(" ")}
          </p>
          {conflict && (
            <button type="button" className="button secondary" onClick={() => onReload().then(reset)}>
              Reload
            </button>
          )}
        </div>
      )}
      {actions.length === 0 ? (
        <p className="muted">There is nothing you can change on this referral now.</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="status-note">Note (optional)</label>
            <textarea
              id="status-note"
              rows={2}
              value={note}
              onChange={(event) => {
                setNote(event.target.value);
                if (error && !conflict) reset();
              }}
            />
          </div>
          <div className="actions">
            {actions.map((action) => (
              <button
                key={action.status}
                type="button"
                className={`button${action.danger ? " danger" : ""}`}
                disabled={loading || conflict}
                onClick={() => change(action)}
              >
                {action.label}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

export function ReferralDetails({ referralId }: { referralId: string }) {
  const { data, error, refetch } = useQuery(REFERRAL_DETAILS, { variables: { id: referralId }, fetchPolicy: "cache-and-network" });
  const catalog = useQuery(NEED_CATALOG).data?.needCatalog;

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
        <Link href="/referrals">Referrals</Link> › {personName(patient)}
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
              <Link href={`/patients/${patient.id}`}>{personName(patient)}</Link>
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
            <dd>{referral.followedRecommendation ? "Followed the recommendation" : "Chose otherwise than the recommendation"}</dd>
          </div>
          {referral.overrideReason && (
            <div className="wide">
              <dt>Reason for the choice</dt>
              <dd className="prose">{referral.overrideReason}</dd>
            </div>
          )}
        </dl>
      </section>

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

      <StatusActions referral={referral} onReload={refetch} />

      <section className="card" aria-labelledby="referral-timeline-heading">
        <h2 id="referral-timeline-heading">Timeline</h2>
        <ol className="timeline" aria-label="Events, oldest first">
          {referral.events.map((event) => (
            <TimelineEvent key={event.id} event={event} />
          ))}
        </ol>
      </section>
    </>
  );
}
