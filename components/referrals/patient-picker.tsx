"use client";

import { useApolloClient, useQuery } from "@apollo/client/react";
import { useRef, useState, type KeyboardEvent } from "react";
import { personName } from "@/components/labels";
import { PATIENT_NAME, SEARCH_PATIENTS } from "@/components/patients/operations";
import { useDebouncedValue } from "@/components/use-debounced-value";

const SUGGESTIONS = 8;

/**
 * The patient filter of the history: search by name, record number or date of
 * birth, pick one (or press Enter for the first match), or clear it.
 */
export function PatientPicker({ patientId, onChange }: { patientId: string | null; onChange: (patientId: string | null) => void }) {
  const [search, setSearch] = useState("");
  const settledSearch = useDebouncedValue(search.trim(), 200);
  const selected = useQuery(PATIENT_NAME, { variables: { id: patientId ?? "" }, skip: !patientId });
  const matches = useQuery(SEARCH_PATIENTS, {
    variables: { search: settledSearch, first: SUGGESTIONS },
    skip: settledSearch === "" || patientId !== null,
  });
  const options = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const client = useApolloClient();
  const [noMatch, setNoMatch] = useState<string | null>(null);

  /** Enter in the box applies the filter: the first patient matching what is typed now, asked for at once. */
  async function applyFirstMatch() {
    const term = search.trim();
    if (!term) return;
    const { data } = await client.query({ query: SEARCH_PATIENTS, variables: { search: term, first: SUGGESTIONS } }).catch(() => ({ data: undefined }));
    const first = data?.patients.edges[0]?.node;
    if (!first) {
      setNoMatch(`No patient matches “${term}”.`);
      return;
    }
    setSearch("");
    setNoMatch(null);
    onChange(first.id);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Enter" && event.target === input.current) {
      event.preventDefault();
      void applyFirstMatch();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const buttons = Array.from(options.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
    const next = buttons.indexOf(document.activeElement as HTMLButtonElement) + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.current?.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  }

  if (patientId) {
    const patient = selected.data?.patient;
    return (
      <div className="field patient-filter" role="group" aria-labelledby="filter-patient-label">
        <span className="label" id="filter-patient-label">
          Patient
        </span>
        <p className="selected-patient">
          <span>
            {patient
              ? `${personName(patient)} · ${patient.medicalRecordNumber}`
              : selected.loading
                ? "Loading…"
                : "Unknown patient"}
          </span>
          <button type="button" className="link-button" onClick={() => onChange(null)} aria-label="Clear the patient filter">
            Clear
          </button>
        </p>
      </div>
    );
  }

  const patients = (matches.data ?? matches.previousData)?.patients.edges.map((edge) => edge.node) ?? [];
  const showOptions = settledSearch !== "" && search.trim() !== "";
  return (
    <div className="field patient-filter" onKeyDown={onKeyDown}>
      <label htmlFor="filter-patient">Patient</label>
      <input
        ref={input}
        id="filter-patient"
        type="search"
        autoComplete="off"
        placeholder="Name, record number or date of birth"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setNoMatch(null);
        }}
        // Only while the list exists: an id that points at nothing is invalid (axe aria-valid-attr-value).
        aria-controls={showOptions ? "filter-patient-options" : undefined}
        aria-describedby="filter-patient-hint"
      />
      <span className="hint" id="filter-patient-hint">
        Enter picks the first match.
      </span>
      {noMatch && (
        <p className="field-error" role="alert">
          {noMatch}
        </p>
      )}
      {showOptions && (
        <ul className="picker-options" id="filter-patient-options" ref={options} aria-label="Matching patients">
          {patients.length === 0 ? (
            <li className="muted">{matches.loading ? "Searching…" : "No patient matches."}</li>
          ) : (
            patients.map((patient) => (
              <li key={patient.id}>
                <button
                  type="button"
                  onClick={() => {
                    setSearch("");
                    onChange(patient.id);
                  }}
                >
                  {personName(patient)} <span className="muted">· {patient.medicalRecordNumber}</span>
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
