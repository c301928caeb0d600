import type { Metadata } from "next";
import { PatientDetails } from "@/components/patients/patient-details";
import { Refusal } from "@/components/refusal";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

// No name in the title: it shows in the tab bar and the browser history.
export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!can(viewer, "READ_PATIENTS")) return <Refusal title="Patient" message="Only clinicians and administrators of the clinic can see patients." />;
  const { id } = await params;
  return <PatientDetails patientId={id} canRefer={can(viewer, "SEND_REFERRALS")} />;
}
