"use client";

import { useState } from "react";
import { DateInput } from "@/components/date-input";
import { FilterSelect } from "@/components/filter-select";
import { ListStatus } from "@/components/list-status";
import { useQuery } from "@apollo/client/react";
import { dateParam, definedOnly, useUrlFilter } from "@/components/use-url-filter";
import {
  DISCIPLINES,
  DISCIPLINE_LABELS,
  PRIORITY_LABELS,
  REFERRAL_PRIORITIES,
  REFERRAL_STATUSES,
  STATUS_LABELS,
} from "@/components/labels";
import type { ReferralFilter } from "@/lib/generated/graphql/graphql";
import { PatientPicker } from "./patient-picker";
import { REFERRAL_HISTORY } from "./operations";
import { ReferralTable } from "./referral-table";
import { LoadMore } from "@/components/load-more";

const PAGE_SIZE = 25;

/** Query-string names: the API's own, so a link reads the way the filter works. */
type Param = keyof ReferralFilter;
const PARAMS: readonly Param[] = ["patientId", "discipline", "status", "priority", "author", "createdFrom", "createdTo"];


function oneOf<Value extends string>(values: readonly Value[], raw: string | null): Value | undefined {
  return values.find((value) => value === raw);
}

/** The filter the URL asks for; anything unrecognised is left out rather than sent to the API. */
function filterFromParams(params: URLSearchParams): ReferralFilter {
  const filter: ReferralFilter = {
    patientId: params.get("patientId") || undefined,
    discipline: oneOf(DISCIPLINES, params.get("discipline")),
    status: oneOf(REFERRAL_STATUSES, params.get("status")),
    priority: oneOf(REFERRAL_PRIORITIES, params.get("priority")),
    author: oneOf(["ME", "ANYONE"] as const, params.get("author")),
    createdFrom: dateParam(params.get("createdFrom")),
    createdTo: dateParam(params.get("createdTo")),
  };
  return definedOnly(filter);
}

/** The form's own words for a range that ends before it starts: nothing is asked of the API then. */
const RANGE_MESSAGE = "“Sent from” is after “Sent to”: choose a from date on or before the to date.";

export function ReferralHistory() {
  const { filter, setParam, replaceQuery } = useUrlFilter(filterFromParams);
  // On a phone the filters fold away behind a toggle, so the first result shows on the first screen.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const rangeError = filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo ? RANGE_MESSAGE : null;

  const { data, previousData, loading, error, fetchMore } = useQuery(REFERRAL_HISTORY, {
    variables: { filter, first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
    skip: rangeError !== null,
  });
  const connection = rangeError ? undefined : (data ?? previousData)?.referrals;
  const referrals = connection?.edges.map((edge) => edge.node) ?? [];

  const filtered = Object.keys(filter).length > 0;
  const activeFilters = Object.keys(filter).length;
  const count = referrals.length;
  // A range error or a refusal (an unknown patient) is the whole answer: no "Loading…", no "No referral matches".
  const status = rangeError || (!connection && error)
    ? ""
    : !connection
    ? "Loading referrals…"
    : count === 0
      ? filtered
        ? "No referral matches these filters."
        : "No referrals yet."
      : `Showing ${count} ${count === 1 ? "referral" : "referrals"}${connection.pageInfo.hasNextPage ? "; more below" : ""}.`;

  return (
    <>
      <button
        type="button"
        className="button secondary filters-toggle"
        aria-expanded={filtersOpen || rangeError !== null}
        aria-controls="referral-filters"
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        Filters{activeFilters > 0 ? ` (${activeFilters} on)` : ""}
      </button>
      <form
        id="referral-filters"
        className={`card filters${filtersOpen || rangeError ? "" : " filters-folded"}`}
        role="search"
        aria-label="Filter referrals"
        onSubmit={(event) => event.preventDefault()}
      >
        <PatientPicker patientId={filter.patientId ?? null} onChange={(patientId) => setParam("patientId", patientId)} />
        <FilterSelect id="filter-discipline" label="Discipline" value={filter.discipline} anyLabel="Any discipline" values={DISCIPLINES} labels={DISCIPLINE_LABELS} onChange={(value) => setParam("discipline", value)} />
        <FilterSelect id="filter-status" label="Status" value={filter.status} anyLabel="Any status" values={REFERRAL_STATUSES} labels={STATUS_LABELS} onChange={(value) => setParam("status", value)} />
        <FilterSelect id="filter-priority" label="Priority" value={filter.priority} anyLabel="Any priority" values={REFERRAL_PRIORITIES} labels={PRIORITY_LABELS} onChange={(value) => setParam("priority", value)} />
        <div className="field">
          <label htmlFor="filter-author">Author</label>
          <select id="filter-author" value={filter.author === "ME" ? "ME" : ""} onChange={(event) => setParam("author", event.target.value)}>
            <option value="">Anyone</option>
            <option value="ME">Me</option>
          </select>
        </div>
        <DateInput id="filter-from" label="Sent from" value={filter.createdFrom} error={rangeError} onChange={(date) => setParam("createdFrom", date)} />
        <DateInput id="filter-to" label="Sent to" value={filter.createdTo} onChange={(date) => setParam("createdTo", date)} />
        {filtered && (
          <button type="button" className="button secondary clear-filters" onClick={() => replaceQuery((params) => PARAMS.forEach((name) => params.delete(name)))}>
            Clear filters
          </button>
        )}
      </form>

      <section className="card" aria-labelledby="referral-results-heading">
        <h2 id="referral-results-heading">Results</h2>
        <ListStatus status={status} loading={loading && !rangeError} error={rangeError ? undefined : error} />
        {count > 0 && <ReferralTable referrals={referrals} caption="Referrals of the clinic, newest first" />}
        <LoadMore pageInfo={connection?.pageInfo} loading={loading} onMore={(after) => fetchMore({ variables: { after } })} />
      </section>
    </>
  );
}
