import { requireViewer } from "@/lib/auth/session";

export default async function HomePage() {
  // Checked here as well as in the layout: a page must never render without a session.
  const viewer = await requireViewer();
  return (
    <section className="card">
      <h1>Welcome, {viewer.name}</h1>
      <p className="muted">
        {viewer.clinicName} · signed in as {viewer.email} ({viewer.role === "ADMIN" ? "administrator" : "clinician"})
      </p>
    </section>
  );
}
