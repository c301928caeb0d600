import type { Metadata } from "next";
import { UserAdministration } from "@/components/users/user-administration";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "ADMINISTER_USERS")) {
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
