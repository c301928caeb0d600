import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { requireViewer } from "@/lib/auth/session";

// Every page below reads the session: never prerendered, never cached.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" href="/">
          Referral portal
        </Link>
        <div className="viewer">
          <span>
            <strong data-testid="viewer-name">{viewer.name}</strong> · <span data-testid="viewer-clinic">{viewer.clinicName}</span>
          </span>
          <SignOutButton />
        </div>
      </header>
      <main id="content">{children}</main>
    </>
  );
}
