import type { PatientContactFieldsFragment as PatientContactFields } from "@/lib/generated/graphql/graphql";

const NOT_RECORDED = <span className="muted">Not recorded</span>;

const telephone = (number: string) => <a href={`tel:${number.replace(/[^\d+]/g, "")}`}>{number}</a>;

/** How to reach a patient and who to call, as their record holds it; "Not recorded" where it holds nothing. */
export function PatientContact({ patient }: { patient: PatientContactFields }) {
  const address = [patient.addressLine1, patient.addressLine2, [patient.city, patient.postalCode].filter(Boolean).join(" ")].filter(Boolean);
  const kin = [patient.nextOfKinName, patient.nextOfKinRelationship && `(${patient.nextOfKinRelationship})`].filter(Boolean).join(" ");
  return (
    <dl className="details" data-testid="patient-contact">
      <div>
        <dt>Address</dt>
        <dd>{address.length ? address.map((line) => <span key={line} className="block">{line}</span>) : NOT_RECORDED}</dd>
      </div>
      <div>
        <dt>Phone</dt>
        <dd>{patient.phone ? telephone(patient.phone) : NOT_RECORDED}</dd>
      </div>
      <div>
        <dt>Email</dt>
        <dd>{patient.email ? <a href={`mailto:${patient.email}`}>{patient.email}</a> : NOT_RECORDED}</dd>
      </div>
      <div>
        <dt>GP practice</dt>
        <dd>{patient.gpPractice ?? NOT_RECORDED}</dd>
      </div>
      <div>
        <dt>Next of kin</dt>
        <dd>
          {kin || patient.nextOfKinPhone ? (
            <>
              {kin && <span className="block">{kin}</span>}
              {patient.nextOfKinPhone && <span className="block">{telephone(patient.nextOfKinPhone)}</span>}
            </>
          ) : (
            NOT_RECORDED
          )}
        </dd>
      </div>
      <div>
        <dt>Preferred language</dt>
        <dd>{patient.preferredLanguage ?? NOT_RECORDED}</dd>
      </div>
      <div>
        <dt>Interpreter</dt>
        <dd data-testid="interpreter">{patient.interpreterNeeded ? <strong>Needed</strong> : "Not needed"}</dd>
      </div>
    </dl>
  );
}
