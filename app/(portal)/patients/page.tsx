import type { Metadata } from "next";
import { NewPatientForm } from "@/components/patients/new-patient-form";
import { PatientSearch } from "@/components/patients/patient-search";
import { Refusal } from "@/components/refusal";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Patients" };

export default async function PatientsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "READ_PATIENTS")) return <Refusal title="Patients" message="Only clinicians and administrators of the clinic can see patients." />;
  return (
    <>
      <h1>Patients</h1>
      <div className="two-columns">
        <PatientSearch />
        <NewPatientForm />
      </div>
    </>
  );
}
