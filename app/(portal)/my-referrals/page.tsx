import type { Metadata } from "next";
import { Refusal } from "@/components/refusal";
import { MyReferrals } from "@/components/referrals/my-referrals";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "My referrals" };

export default async function MyReferralsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "SEND_REFERRALS")) {
    return <Refusal title="My referrals" message="Only clinicians who send referrals have this page." />;
  }
  return (
    <>
      <h1>My referrals</h1>
      <MyReferrals />
    </>
  );
}
