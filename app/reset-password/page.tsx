import type { Metadata } from "next";
import Link from "next/link";
import { LinkPage } from "@/components/account/link-page";
import { linkIsUsable } from "@/lib/accounts";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Set a new password" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  return (
    <LinkPage
      title="Set a new password"
      intro="Choose a new password for your account. Every session of your account ends when you set it."
      usable={await linkIsUsable(db(), "PASSWORD_RESET", value)}
      purpose="PASSWORD_RESET"
      token={value}
      instead={
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      }
    />
  );
}
