/**
 * The ways a referral leaves the portal: its letter (the clinic's copy, or the
 * patient's without internal notes and the override discussion) and its FHIR
 * R4 Bundle. Plain links to the export routes, which check the session and
 * the clinic and record the export in the audit trail.
 */
export function ReferralExports({ referralId }: { referralId: string }) {
  const base = `/api/referrals/${encodeURIComponent(referralId)}`;
  return (
    <nav className="referral-exports actions" aria-label="Export this referral">
      <a className="button secondary" href={`${base}/letter.pdf`} download data-testid="download-letter">
        Download letter
      </a>
      <a className="button secondary" href={`${base}/letter.pdf?copy=patient`} download data-testid="download-patient-copy">
        Patient copy
      </a>
      <a className="button secondary" href={`${base}/fhir`} download data-testid="download-fhir">
        FHIR (JSON)
      </a>
    </nav>
  );
}
