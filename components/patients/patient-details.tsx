"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { apiErrors, isMissingRecord } from "@/components/graphql-errors";
import { formatDate, personName } from "@/components/labels";
import { NotFound } from "@/components/not-found";
import { ReferralTable } from "@/components/referrals/referral-table";
import { PATIENT_DETAILS } from "./operations";
import { LoadMore } from "@/components/load-more";

const PAGE_SIZE = 20;

export function PatientDetails({ patientId }: { patientId: string }) {
  const { data, loading, error, fetchMore } = useQuery(PATIENT_DETAILS, {
    variables: { id: patientId, first: PAGE_SIZE },
    // A referral sent a moment ago must be in the history when the clinician comes back.
    fetchPolicy: "cache-and-network",
  });

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
        <Link className="button" href={`/patients/${patient.id}/referrals/new`}>
          New referral
        </Link>
      </div>
      <section className="card" aria-labelledby="patient-details-heading">
        <h2 id="patient-details-heading">Details</h2>
        <dl className="details">
          <div>
            <dt>Medical record number</dt>
            <dd>{patient.medicalRecordNumber}</dd>
          </div>
          <div>
            <dt>Date of birth</dt>
            <dd>{formatDate(patient.dateOfBirth)}</dd>
          </div>
        </dl>
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
