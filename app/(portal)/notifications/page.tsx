import type { Metadata } from "next";
import { Notifications } from "@/components/notifications/notifications";
import { requireViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requireViewer();
  return (
    <>
      <h1 className="page-heading">Notifications</h1>
      <Notifications />
    </>
  );
}
