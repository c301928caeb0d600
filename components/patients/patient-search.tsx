"use client";

import { ListStatus } from "@/components/list-status";
import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRef, useState, type KeyboardEvent } from "react";
import { formatDate, personName } from "@/components/labels";
import { useDebouncedValue } from "@/components/use-debounced-value";
import { SEARCH_PATIENTS } from "./operations";
import { LoadMore } from "@/components/load-more";

const PAGE_SIZE = 20;

/** Search as you type by name ("Ellis, Margaret" too), record number or date of birth; arrow keys move between the input and the results. */
export function PatientSearch() {
  const [search, setSearch] = useState("");
  const settledSearch = useDebouncedValue(search.trim(), 200);
  const { data, previousData, loading, error, fetchMore } = useQuery(SEARCH_PATIENTS, {
    variables: { search: settledSearch === "" ? null : settledSearch, first: PAGE_SIZE },
    // A patient added by a colleague shows up on the next visit.
    fetchPolicy: "cache-and-network",
  });
  const results = (data ?? previousData)?.patients;
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);

  function focusResult(offset: number) {
    const links = Array.from(list.current?.querySelectorAll<HTMLAnchorElement>("a") ?? []);
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = index + offset;
    if (next < 0) input.current?.focus();
    else links[Math.min(next, links.length - 1)]?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusResult(event.key === "ArrowDown" ? 1 : -1);
    }
  }

  const count = results?.edges.length ?? 0;
  const status = !results
    ? "Loading patients…"
    : count === 0
      ? settledSearch
        ? `No patient matches “${settledSearch}”.`
        : "No patients yet."
      : `${count}${results.pageInfo.hasNextPage ? "+" : ""} ${count === 1 ? "patient" : "patients"}${settledSearch ? ` matching “${settledSearch}”` : ""}.`;

  return (
    <section className="card" aria-labelledby="patient-search-heading">
      <h2 id="patient-search-heading">Find a patient</h2>
      <div className="field">
        <label htmlFor="patient-search">Search by name or medical record number, or date of birth</label>
        <input
          ref={input}
          id="patient-search"
          type="search"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={onKeyDown}
          aria-controls="patient-results"
          aria-describedby="patient-search-status"
        />
      </div>
      <ListStatus id="patient-search-status" status={status} loading={loading} error={error} />
      <ul id="patient-results" ref={list} className="result-list" onKeyDown={onKeyDown} aria-label="Patients">
        {results?.edges.map(({ node: patient }) => (
          <li key={patient.id}>
            <Link href={`/patients/${patient.id}`}>
              <span className="result-title">{personName(patient)}</span>
              <span className="muted">
                {patient.medicalRecordNumber} · born {formatDate(patient.dateOfBirth)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <LoadMore pageInfo={results?.pageInfo} loading={loading} onMore={(after) => fetchMore({ variables: { after } })} label="Load more patients" />
    </section>
  );
}
