import type { Metadata } from "next";
import { PatientDetails } from "@/components/patients/patient-details";
import { requireViewer } from "@/lib/auth/session";

// No name in the title: it shows in the tab bar and the browser history.
export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  await requireViewer();
  const { id } = await params;
  return <PatientDetails patientId={id} />;
}
