import type { Metadata } from "next";
import { LinkPage } from "@/components/account/link-page";
import { linkIsUsable } from "@/lib/accounts";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Accept your invitation" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  return (
    <LinkPage
      title="Welcome to the clinic referral portal"
      intro="Your clinic invited you. Choose a password to start; then sign in with your email address and it."
      usable={await linkIsUsable(db(), "INVITATION", value)}
      purpose="INVITATION"
      token={value}
      instead={<p>Ask your clinic&apos;s administrator to send you a new invitation.</p>}
    />
  );
}
