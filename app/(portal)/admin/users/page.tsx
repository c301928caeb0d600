import type { Metadata } from "next";
import { UserAdministration } from "@/components/users/user-administration";
import { requireViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") {
    return (
      <section className="card">
        <h1>Users</h1>
        <p>Only clinic administrators can manage users.</p>
      </section>
    );
  }
  return (
    <>
      <h1 className="page-heading">Users</h1>
      <UserAdministration viewerId={viewer.id} />
    </>
  );
}
