import type { Metadata } from "next";
import { NewPatientForm } from "@/components/patients/new-patient-form";
import { PatientSearch } from "@/components/patients/patient-search";
import { requireViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Patients" };

export default async function PatientsPage() {
  await requireViewer();
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
