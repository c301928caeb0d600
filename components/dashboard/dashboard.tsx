"use client";

import { DateInput } from "@/components/date-input";
import { FilterSelect } from "@/components/filter-select";
import { useQuery } from "@apollo/client/react";
import { apiErrors } from "@/components/graphql-errors";
import { DISCIPLINE_LABELS, DISCIPLINES, formatDate, PRIORITY_LABELS, REFERRAL_PRIORITIES } from "@/components/labels";
import { dateParam, definedOnly, useUrlFilter } from "@/components/use-url-filter";
import type { DashboardFilter } from "@/lib/generated/graphql/graphql";
import styles from "./dashboard.module.css";
import { DASHBOARD } from "./operations";
import { PatternDefinitions } from "./palette";
import { AgreementSections, DecisionsSection, ResponseTimesSection, VolumeSection, WaitingListSection } from "./sections";

/** The filter the address asks for; anything malformed is left out (the API applies its defaults). */
function filterFromParams(params: URLSearchParams): DashboardFilter {
  return definedOnly({
    from: dateParam(params.get("from")),
    to: dateParam(params.get("to")),
    discipline: DISCIPLINES.find((discipline) => discipline === params.get("discipline")),
    priority: REFERRAL_PRIORITIES.find((priority) => priority === params.get("priority")),
    serviceId: params.get("serviceId") || undefined,
  });
}

export function Dashboard() {
  const { filter, setParam, clear } = useUrlFilter(filterFromParams);
  const { data, previousData, loading, error } = useQuery(DASHBOARD, { variables: { filter }, fetchPolicy: "cache-and-network" });
  const figures = (data ?? previousData)?.dashboard;
  const message = error ? apiErrors(error)[0]?.message : undefined;

  return (
    <>
      <PatternDefinitions />
      <form className="card filters" role="search" aria-label="Filter the dashboard" onSubmit={(event) => event.preventDefault()}>
        <DateInput id="dashboard-from" label="From" value={filter.from ?? figures?.from} onChange={(date) => setParam("from", date)} />
        <DateInput id="dashboard-to" label="To" value={filter.to ?? figures?.to} onChange={(date) => setParam("to", date)} />
        <FilterSelect id="dashboard-discipline" label="Discipline" value={filter.discipline} anyLabel="Both disciplines" values={DISCIPLINES} labels={DISCIPLINE_LABELS} onChange={(value) => setParam("discipline", value)} />
        <FilterSelect id="dashboard-priority" label="Priority" value={filter.priority} anyLabel="Any priority" values={REFERRAL_PRIORITIES} labels={PRIORITY_LABELS} onChange={(value) => setParam("priority", value)} />
        <div className="field">
          <label htmlFor="dashboard-service">Receiving service</label>
          <select id="dashboard-service" value={filter.serviceId ?? ""} onChange={(event) => setParam("serviceId", event.target.value)}>
            <option value="">{figures && figures.services.length === 1 ? figures.services[0]!.name : "All your services"}</option>
            {figures && figures.services.length > 1
              ? figures.services.map((service) => (
                  <option key={service.id} value={service.id}>
                    {service.name}
                  </option>
                ))
              : null}
          </select>
        </div>
        <button type="button" className="button secondary clear-filters" onClick={clear}>
          Last 12 weeks, no filters
        </button>
      </form>
      <p className="muted" role="status" aria-busy={loading}>
        {figures ? `Referrals sent from ${formatDate(figures.from)} to ${formatDate(figures.to)}${loading ? "; updating…" : "."}` : loading ? "Loading the dashboard…" : ""}
      </p>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {figures && (
        <div className={styles.sections}>
          <VolumeSection figures={figures} />
          <DecisionsSection figures={figures} />
          <ResponseTimesSection figures={figures} />
          <WaitingListSection figures={figures} />
          {figures.showsSent && <AgreementSections figures={figures} />}
        </div>
      )}
    </>
  );
}
