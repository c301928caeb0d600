"use client";

import { DateInput } from "@/components/date-input";
import { ListStatus } from "@/components/list-status";
import { useQuery } from "@apollo/client/react";
import { dateParam, definedOnly, useUrlFilter } from "@/components/use-url-filter";
import { PatientPicker } from "@/components/referrals/patient-picker";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { AUDIT_ACTION_LABELS } from "./action-labels";
import { AuditTable } from "./audit-table";
import type { AuditEventFilter } from "@/lib/generated/graphql/graphql";
import { AUDIT_EVENTS } from "./operations";
import { LoadMore } from "@/components/load-more";

const PAGE_SIZE = 50;

/** The filter the URL asks for, in the API's own names; anything malformed is left out rather than sent. */
function filterFromParams(params: URLSearchParams): AuditEventFilter {
  const filter: AuditEventFilter = {
    userId: params.get("userId") || undefined,
    patientId: params.get("patientId") || undefined,
    action: AUDIT_ACTIONS.find((action) => action === params.get("action")),
    createdFrom: dateParam(params.get("createdFrom")),
    createdTo: dateParam(params.get("createdTo")),
  };
  return definedOnly(filter);
}

/** The form's own words for a range that ends before it starts: nothing is asked of the API then. */
const RANGE_MESSAGE = "“From” is after “To”: choose a from date on or before the to date.";

export function AuditTrail() {
  const { filter, setParam, clear } = useUrlFilter(filterFromParams);
  const rangeError = filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo ? RANGE_MESSAGE : null;

  const { data, previousData, loading, error, fetchMore } = useQuery(AUDIT_EVENTS, {
    variables: { filter, first: PAGE_SIZE },
    // Always ask the server: the trail grows with every request, including this page's own.
    fetchPolicy: "network-only",
    skip: rangeError !== null,
  });
  const connection = rangeError ? undefined : (data ?? previousData)?.auditEvents;
  const events = connection?.edges.map((edge) => edge.node) ?? [];

  const filtered = Object.keys(filter).length > 0;
  const status = rangeError || (!connection && error)
    ? ""
    : !connection
    ? "Loading the audit trail…"
    : events.length === 0
      ? filtered
        ? "No audit event matches these filters."
        : "No audit events yet."
      : `Showing ${events.length} ${events.length === 1 ? "event" : "events"}${connection.pageInfo.hasNextPage ? "; more below" : ""}.`;

  return (
    <>
      <form className="card filters" role="search" aria-label="Filter the audit trail" onSubmit={(event) => event.preventDefault()}>
        <PatientPicker patientId={filter.patientId ?? null} onChange={(patientId) => setParam("patientId", patientId)} />
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" value={filter.action ?? ""} onChange={(event) => setParam("action", event.target.value)}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </div>
        <DateInput id="audit-from" label="From" value={filter.createdFrom} error={rangeError} onChange={(date) => setParam("createdFrom", date)} />
        <DateInput id="audit-to" label="To" value={filter.createdTo} onChange={(date) => setParam("createdTo", date)} />
        {filter.userId && (
          <p className="field">
            <span className="label">User</span>
            <span>
              {events.find((event) => event.userId === filter.userId)?.userName ?? filter.userId}{" "}
              <button type="button" className="link-button" onClick={() => setParam("userId", null)} aria-label="Clear the user filter">
                Clear
              </button>
            </span>
          </p>
        )}
        {filtered && (
          <button
            type="button"
            className="button secondary clear-filters"
            onClick={clear}
          >
            Clear filters
          </button>
        )}
      </form>

      <section className="card" aria-labelledby="audit-results-heading">
        <h2 id="audit-results-heading">Events</h2>
        <ListStatus status={status} loading={loading && !rangeError} error={rangeError ? undefined : error} />
        {events.length > 0 && <AuditTable events={events} onUser={(userId) => setParam("userId", userId)} />}
        <LoadMore pageInfo={connection?.pageInfo} loading={loading} onMore={(after) => fetchMore({ variables: { after } })} />
      </section>
    </>
  );
}
