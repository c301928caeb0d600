"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { DateInput } from "@/components/date-input";
import { apiErrors, hasErrorCode, isMissingRecord } from "@/components/graphql-errors";
import { formatDate, formatDateTime, personName } from "@/components/labels";
import { LoadMore } from "@/components/load-more";
import { NotFound } from "@/components/not-found";
import { DISCARD_REFERRAL_DRAFT, REFERRAL_DRAFT, REFERRAL_DRAFTS } from "@/components/referrals/operations";
import { ReferralTable } from "@/components/referrals/referral-table";
import { parseTypedDate } from "@/lib/dates";
import type { PatientDetailsQuery } from "@/lib/generated/graphql/graphql";
import { ContactFields, contactInputOf, CONTACT_FIELD_NAMES } from "./contact-fields";
import { PATIENT_DETAILS, UPDATE_PATIENT } from "./operations";
import { PatientContact } from "./patient-contact";

const PAGE_SIZE = 20;

type Patient = NonNullable<PatientDetailsQuery["patient"]>;

/** The viewer's unsent draft referral for this patient, offered to carry on with or discard. */
function DraftOffer({ patientId }: { patientId: string }) {
  const { data } = useQuery(REFERRAL_DRAFT, { variables: { patientId }, fetchPolicy: "network-only" });
  const [discard, { loading }] = useMutation(DISCARD_REFERRAL_DRAFT, { refetchQueries: [REFERRAL_DRAFT, REFERRAL_DRAFTS] });
  const draft = data?.referralDraft;
  if (!draft) return null;
  return (
    <section className="notice draft-offer" aria-labelledby="patient-draft-heading" data-testid="patient-draft">
      <h2 id="patient-draft-heading">Unsent draft referral</h2>
      <p>
        You started a referral for this patient and left it unsent (last changed {formatDateTime(draft.updatedAt)}; kept until{" "}
        {formatDateTime(draft.expiresAt)}).
      </p>
      <div className="actions">
        <Link className="button" href={`/patients/${patientId}/referrals/new`}>
          Continue the draft
        </Link>
        <button className="button secondary" type="button" disabled={loading} onClick={() => void discard({ variables: { id: draft.id } })}>
          Discard the draft
        </button>
      </div>
    </section>
  );
}

type EditField = "givenName" | "familyName" | "dateOfBirth" | (typeof CONTACT_FIELD_NAMES)[number];

/** The patient's record, edited as a whole with the version it was read at: someone else's change in between answers "reload". */
function EditPatient({ patient, onDone }: { patient: Patient; onDone: () => void }) {
  const [update, { loading, error, reset }] = useMutation(UPDATE_PATIENT);
  const [errors, setErrors] = useState<Partial<Record<EditField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const conflict = hasErrorCode(error, "CONFLICT");

  function edited(name: string) {
    setErrors((current) => {
      if (!(name in current)) return current;
      const rest = { ...current };
      delete rest[name as EditField];
      return rest;
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    const form = new FormData(event.currentTarget);
    const found: Partial<Record<EditField, string>> = {};
    const givenName = String(form.get("givenName") ?? "").trim();
    const familyName = String(form.get("familyName") ?? "").trim();
    if (!givenName) found.givenName = "Enter the given name.";
    if (!familyName) found.familyName = "Enter the family name.";
    const dateOfBirth = parseTypedDate(String(form.get("dateOfBirth") ?? ""));
    if (dateOfBirth.error !== undefined) found.dateOfBirth = dateOfBirth.error;
    else if (!dateOfBirth.date) found.dateOfBirth = "Enter the date of birth.";
    flushSync(() => setErrors(found));
    setFormError(null);
    const first = (["givenName", "familyName", "dateOfBirth"] as const).find((name) => found[name]);
    if (first) {
      document.getElementById(`edit-${first}`)?.focus();
      return;
    }
    try {
      await update({
        variables: {
          input: {
            id: patient.id,
            expectedVersion: patient.version,
            givenName,
            familyName,
            dateOfBirth: dateOfBirth.date!,
            ...contactInputOf(form),
          },
        },
      });
      onDone();
    } catch (caught) {
      const byField: Partial<Record<EditField, string>> = {};
      const general: string[] = [];
      for (const problem of apiErrors(caught instanceof Error ? caught : null)) {
        const name = problem.field?.at(-1) as EditField | undefined;
        if (problem.code === "BAD_USER_INPUT" && name) byField[name] = problem.message;
        else if (problem.code !== "CONFLICT") general.push(problem.message);
      }
      flushSync(() => setErrors(byField));
      setFormError(general.join(" ") || null);
      const field = Object.keys(byField)[0];
      if (field) document.getElementById(`edit-${field}`)?.focus();
    }
  }

  return (
    <form className="action-form" onSubmit={onSubmit} onInput={(event) => edited((event.target as HTMLInputElement).name)} noValidate aria-label="Edit details">
      {(["givenName", "familyName"] as const).map((name) => (
        <div className="field" key={name}>
          <label htmlFor={`edit-${name}`}>{name === "givenName" ? "Given name" : "Family name"}</label>
          <input
            id={`edit-${name}`}
            name={name}
            autoComplete="off"
            defaultValue={patient[name]}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={errors[name] ? `edit-${name}-error` : undefined}
          />
          {errors[name] && (
            <p className="field-error" id={`edit-${name}-error`}>
              {errors[name]}
            </p>
          )}
        </div>
      ))}
      <DateInput id="edit-dateOfBirth" name="dateOfBirth" label="Date of birth" value={patient.dateOfBirth} error={errors.dateOfBirth} required />
      <ContactFields idPrefix="edit" errors={errors} values={patient} />
      {conflict && (
        <div className="error" role="alert">
          <p>Someone else changed this patient&apos;s details since you opened them. Reload to see theirs, then make your change again.</p>
          <button type="button" className="button secondary" onClick={onDone}>
            Reload
          </button>
        </div>
      )}
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        <button className="button" type="submit" disabled={loading || conflict}>
          {loading ? "Saving…" : "Save details"}
        </button>
        <button className="button secondary" type="button" onClick={onDone}>
          Close
        </button>
      </div>
    </form>
  );
}

export function PatientDetails({ patientId, canRefer }: { patientId: string; canRefer: boolean }) {
  const { data, loading, error, fetchMore, refetch } = useQuery(PATIENT_DETAILS, {
    variables: { id: patientId, first: PAGE_SIZE },
    // A referral sent a moment ago must be in the history when the clinician comes back.
    fetchPolicy: "cache-and-network",
  });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  if (isMissingRecord(error) || (data && !data.patient)) return <NotFound what="patient" />;
  if (error) {
    return (
      <p className="error" role="alert">
        {apiErrors(error)[0]?.message}
      </p>
    );
  }
  const patient = data?.patient;
  if (!patient) return <p className="muted" role="status">Loading the patient…</p>;

  const referrals = patient.referrals.edges.map((edge) => edge.node);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/patients">Patients</Link> › {personName(patient)}
      </nav>
      <div className="page-heading">
        <h1>{personName(patient)}</h1>
        {canRefer && (
          <Link className="button" href={`/patients/${patient.id}/referrals/new`}>
            New referral
          </Link>
        )}
      </div>
      {canRefer && <DraftOffer patientId={patient.id} />}
      <section className="card" aria-labelledby="patient-details-heading">
        <div className="section-heading">
          <h2 id="patient-details-heading">Details</h2>
          {!editing && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setSaved(null);
                setEditing(true);
              }}
            >
              Edit details
            </button>
          )}
        </div>
        {editing ? (
          <EditPatient
            patient={patient}
            onDone={() => {
              setEditing(false);
              void refetch().then(() => setSaved("Details saved."));
            }}
          />
        ) : (
          <>
            <dl className="details">
              <div>
                <dt>Medical record number</dt>
                <dd>{patient.medicalRecordNumber}</dd>
              </div>
              <div>
                <dt>Date of birth</dt>
                <dd>{formatDate(patient.dateOfBirth)}</dd>
              </div>
              <div>
                <dt>Last changed</dt>
                <dd>
                  <time dateTime={patient.updatedAt}>{formatDateTime(patient.updatedAt)}</time>
                </dd>
              </div>
              {patient.duplicateReason && (
                <div className="wide">
                  <dt>Added although a patient had the same name and date of birth</dt>
                  <dd className="prose">{patient.duplicateReason}</dd>
                </div>
              )}
            </dl>
            <h3>Contact</h3>
            <PatientContact patient={patient} />
          </>
        )}
        <p className="muted" role="status">
          {saved}
        </p>
      </section>
      <section className="card" aria-labelledby="patient-referrals-heading">
        <div className="section-heading">
          <h2 id="patient-referrals-heading">Referral history</h2>
          <Link href={`/referrals?patientId=${encodeURIComponent(patient.id)}`}>Filter in all referrals</Link>
        </div>
        {referrals.length === 0 ? (
          <p className="muted">No referrals for this patient yet.</p>
        ) : (
          <ReferralTable referrals={referrals} caption={`Referrals for ${personName(patient)}, newest first`} showPatient={false} />
        )}
        <LoadMore pageInfo={patient.referrals.pageInfo} loading={loading} onMore={(after) => fetchMore({ variables: { after } })} />
      </section>
    </>
  );
}
