import Link from "next/link";
import { OUTCOME_LABELS, formatFullDateTime } from "@/components/labels";
import { auditActionLabel } from "./action-labels";
import type { AuditEventFieldsFragment as AuditEvent } from "@/lib/generated/graphql/graphql";

const RECORD_PAGES: Record<string, string> = { Patient: "/patients", Referral: "/referrals" };
const SHOWN_IDS = 5;

/**
 * The records an event names, each id in full (ids made in the same minute share
 * their first characters): links where the portal has a page for them, the first few only.
 */
function Records({ event }: { event: AuditEvent }) {
  if (event.entityIds.length === 0) return <span className="muted">{event.entityType ?? "None"}</span>;
  const page = event.entityType ? RECORD_PAGES[event.entityType] : undefined;
  const more = event.entityIds.length - SHOWN_IDS;
  return (
    <>
      <span className="block">
        {event.entityIds.length} × {event.entityType}
      </span>
      {event.entityIds.slice(0, SHOWN_IDS).map((id) => (
        <code key={id} className="block record-id">
          {page ? <Link href={`${page}/${id}`} aria-label={`${event.entityType} ${id}`}>{id}</Link> : id}
        </code>
      ))}
      {more > 0 && <span className="muted block">and {more} more</span>}
    </>
  );
}

/** Audit events newest first; a user's name narrows the trail to that user. */
export function AuditTable({ events, onUser }: { events: readonly AuditEvent[]; onUser: (userId: string) => void }) {
  return (
    <div className="table-scroll">
      <table className="referral-table audit-table">
        <caption className="visually-hidden">Audit events of the clinic, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Records</th>
            <th scope="col">Outcome</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="audit-when" data-label="When">
                <time dateTime={event.createdAt}>{formatFullDateTime(event.createdAt)}</time>
              </td>
              <td data-label="Who">
                {event.userId ? (
                  <button type="button" className="link-button" onClick={() => onUser(event.userId!)} title="Show only this user's events">
                    {event.userName ?? event.userId}
                  </button>
                ) : (
                  <span className="muted">Unknown</span>
                )}
              </td>
              <td data-label="Action">{auditActionLabel(event.action)}</td>
              <td data-label="Records">
                <Records event={event} />
              </td>
              <td data-label="Outcome">{OUTCOME_LABELS[event.outcome]}</td>
              <td data-label="From">
                <span className="block">{event.ip ?? "Unknown address"}</span>
                {event.userAgent && <span className="muted block">{event.userAgent.slice(0, 60)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
