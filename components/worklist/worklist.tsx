"use client";

import { FilterSelect } from "@/components/filter-select";
import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { ListStatus } from "@/components/list-status";
import {
  DISCIPLINE_LABELS,
  PRIORITY_LABELS,
  REFERRAL_PRIORITIES,
  REFERRAL_STATUSES,
  STATUS_LABELS,
  formatDate,
  formatDateTime,
  personName,
  workingDays,
} from "@/components/labels";
import { WORKLIST } from "@/components/referrals/operations";
import { PriorityChip } from "@/components/status-chip";
import { definedOnly, useUrlFilter } from "@/components/use-url-filter";
import type { WorklistFilter, WorklistQuery } from "@/lib/generated/graphql/graphql";
import { LoadMore } from "@/components/load-more";

const PAGE_SIZE = 25;

type WorklistPart = WorklistQuery["worklist"]["edges"][number]["node"];

function oneOf<Value extends string>(values: readonly Value[], raw: string | null): Value | undefined {
  return values.find((value) => value === raw);
}

/** The filter the URL asks for; without a status the API lists the parts awaiting a decision. */
function filterFromParams(params: URLSearchParams): WorklistFilter {
  return definedOnly({
    status: oneOf(REFERRAL_STATUSES, params.get("status")),
    priority: oneOf(REFERRAL_PRIORITIES, params.get("priority")),
  });
}

/** Assess first, overdue, never opened, changed since opened: the words say it, the colour repeats it. */
function Flags({ part }: { part: WorklistPart }) {
  const flags: { key: string; label: string }[] = [];
  if (part.referral.assessFirst) flags.push({ key: "assess", label: "Assess first" });
  if (part.waiting.overdue) flags.push({ key: "overdue", label: "Overdue" });
  if (!part.viewerOpenedAt) flags.push({ key: "new", label: "Not yet opened" });
  else if (part.changedSinceViewerOpened) flags.push({ key: "changed", label: "Changed since you opened it" });
  if (flags.length === 0) return null;
  return (
    <span className="flags">
      {flags.map((flag) => (
        <span key={flag.key} className={`flag flag-${flag.key}`}>
          {flag.label}
        </span>
      ))}
    </span>
  );
}

export function Worklist() {
  const { filter, setParam } = useUrlFilter(filterFromParams);
  const { data, previousData, loading, error, fetchMore } = useQuery(WORKLIST, {
    variables: { filter, first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const connection = (data ?? previousData)?.worklist;
  const parts = connection?.edges.map((edge) => edge.node) ?? [];
  const status = filter.status ?? "SENT";
  const serviceName = (data ?? previousData)?.me?.service?.name;
  const count = parts.length;
  const summary = !connection
    ? "Loading the worklist…"
    : count === 0
      ? "Nothing here."
      : `Showing ${count} ${count === 1 ? "referral" : "referrals"}${connection.pageInfo.hasNextPage ? "; more below" : ""}.`;

  return (
    <>
      <p className="muted">
        {serviceName ? `${serviceName}: ` : ""}most urgent first (stat, ASAP, urgent, routine), then the longest waiting. Days waiting are
        working days (Monday to Friday) against the response target for the priority.
      </p>
      <form className="card filters" role="search" aria-label="Filter the worklist" onSubmit={(event) => event.preventDefault()}>
        <FilterSelect id="worklist-status" label="Status" value={filter.status} anyLabel="Awaiting your decision" values={REFERRAL_STATUSES.filter((option) => option !== "SENT")} labels={STATUS_LABELS} onChange={(value) => setParam("status", value)} />
        <FilterSelect id="worklist-priority" label="Priority" value={filter.priority} anyLabel="Any priority" values={REFERRAL_PRIORITIES} labels={PRIORITY_LABELS} onChange={(value) => setParam("priority", value)} />
      </form>

      <section className="card" aria-labelledby="worklist-results-heading">
        <h2 id="worklist-results-heading">{status === "SENT" ? "Awaiting your decision" : STATUS_LABELS[status]}</h2>
        <ListStatus status={summary} loading={loading} error={error} />
        {count > 0 && (
          <div className="table-scroll">
            <table className="referral-table worklist-table">
              <caption className="visually-hidden">Referrals to your service, most urgent first, then longest waiting</caption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Discipline</th>
                  <th scope="col">Referred by</th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {parts.map((part) => (
                  <tr key={part.id} data-testid="worklist-row">
                    <td>
                      <Link href={`/referrals/${part.referral.id}`}>{personName(part.referral.patient)}</Link>
                      <span className="muted block">
                        {part.referral.patient.medicalRecordNumber} · born {formatDate(part.referral.patient.dateOfBirth)}
                      </span>
                      <Flags part={part} />
                    </td>
                    <td>
                      <PriorityChip priority={part.priority} />
                    </td>
                    <td>
                      {workingDays(part.waiting.workingDays)}
                      <span className="muted block">target {workingDays(part.waiting.targetWorkingDays)}</span>
                    </td>
                    <td>{DISCIPLINE_LABELS[part.discipline]}</td>
                    <td>
                      {part.referral.author.name}
                      <span className="muted block">{part.referral.author.clinicName}</span>
                    </td>
                    <td>
                      <time dateTime={part.sentAt}>{formatDateTime(part.sentAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore pageInfo={connection?.pageInfo} loading={loading} onMore={(after) => fetchMore({ variables: { after } })} />
      </section>
    </>
  );
}
