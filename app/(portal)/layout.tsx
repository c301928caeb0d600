import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { ApolloProvider } from "@/components/apollo-provider";
import { AccountLink, NotificationsLink, PortalMenu } from "@/components/portal-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { StepUpProvider } from "@/components/second-factor/step-up";
import { SessionTimeout } from "@/components/session-timeout";
import { requireLiveSession } from "@/lib/auth/session";
import { sessionPolicy } from "@/lib/auth/sessions";
import { permissionsOf } from "@/lib/permissions";

// Every page below reads the session: never prerendered, never cached.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { viewer, idleExpiresAt } = await requireLiveSession();
  const policy = sessionPolicy();
  // proxy.ts puts the policy, nonce included, on the request; Next.js reads its own scripts' nonce the same way.
  const nonce = (await headers()).get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
  // The provider wraps the header too: the navigation asks the API for the unread count.
  return (
    <ApolloProvider nonce={nonce}>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" href="/">
          Referral portal
        </Link>
        <PortalMenu permissions={permissionsOf(viewer)}>
          <div className="viewer">
            <span className="viewer-who">
              <strong data-testid="viewer-name">{viewer.name}</strong>
              <span className="viewer-clinic">
                {" "}
                · <span data-testid="viewer-clinic">{viewer.clinicName}</span>
              </span>
            </span>
            <NotificationsLink />
            <AccountLink />
            <SignOutButton />
          </div>
        </PortalMenu>
      </header>
      <SessionTimeout initialExpiresAt={idleExpiresAt} idleSeconds={policy.idleSeconds} warningSeconds={policy.warningSeconds} />
      <main id="content">
        <StepUpProvider>{children}</StepUpProvider>
      </main>
    </ApolloProvider>
  );
}
