"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { UNREAD_NOTIFICATION_COUNT } from "@/components/notifications/operations";
import { UNREAD_REFERRAL_COUNT } from "@/components/referrals/operations";
import { BACKGROUND_REQUEST_HEADER } from "@/lib/background-request";
import type { Permission } from "@/lib/permissions";

/** Each section with the permission it needs (lib/permissions); the layout passes the viewer's. */
const SECTIONS: readonly { href: string; label: string; requires: Permission }[] = [
  { href: "/worklist", label: "Worklist", requires: "DECIDE_REFERRALS" },
  { href: "/patients", label: "Patients", requires: "READ_PATIENTS" },
  { href: "/my-referrals", label: "My referrals", requires: "SEND_REFERRALS" },
  { href: "/referrals", label: "Referrals", requires: "READ_REFERRALS" },
  { href: "/admin/users", label: "Users", requires: "ADMINISTER_USERS" },
  { href: "/admin/services", label: "Services", requires: "MANAGE_SERVICES" },
  { href: "/admin/mail", label: "E-mail", requires: "READ_MAIL_DELIVERIES" },
  { href: "/admin/audit", label: "Audit trail", requires: "READ_AUDIT_TRAIL" },
  { href: "/dashboard", label: "Dashboard", requires: "READ_DASHBOARD" },
];

/** How often the unread count is asked for; actions that change it refetch it at once. */
const UNREAD_POLL_MS = 60_000;

/** Nobody asked for the poll: it must not keep the session alive (lib/background-request.ts). */
const BACKGROUND = { headers: { [BACKGROUND_REQUEST_HEADER]: "1" } };

function useUnreadCount(poll: boolean): number {
  const { data } = useQuery(UNREAD_REFERRAL_COUNT, {
    pollInterval: poll ? UNREAD_POLL_MS : undefined,
    fetchPolicy: poll ? "cache-and-network" : "cache-only",
    context: BACKGROUND,
  });
  return data?.unreadReferralCount ?? 0;
}

function CountBadge({ count, testId }: { count: number; testId?: string }) {
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid={testId}>
      {count}
      <span className="visually-hidden"> {count === 1 ? "referral" : "referrals"} with unread updates</span>
    </span>
  );
}

function UnreadCount() {
  return <CountBadge count={useUnreadCount(true)} testId="unread-count" />;
}

export function PortalNav({ permissions }: { permissions: readonly Permission[] }) {
  // Null only under the Pages Router, which serves no page here (pages/ holds the GraphQL API route alone).
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Main" className="portal-nav">
      <ul>
        {SECTIONS.filter((section) => permissions.includes(section.requires)).map((section) => {
          // A patient's new-referral page sits under /patients, so Patients stays current there.
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link href={section.href} aria-current={current ? "page" : undefined}>
                {section.label}
                {section.href === "/my-referrals" && <UnreadCount />}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function UnreadNotifications() {
  const { data } = useQuery(UNREAD_NOTIFICATION_COUNT, { pollInterval: UNREAD_POLL_MS, fetchPolicy: "cache-and-network", context: BACKGROUND });
  const count = data?.unreadNotificationCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid="unread-notifications">
      {count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}

/** Every user's notifications, beside their name: what happened that concerns them. */
export function NotificationsLink() {
  // Null only under the Pages Router, which serves no page here (pages/ holds the GraphQL API route alone).
  const pathname = usePathname() ?? "";
  return (
    <Link href="/notifications" className="account-link" aria-current={pathname === "/notifications" ? "page" : undefined}>
      Notifications
      <UnreadNotifications />
    </Link>
  );
}

/**
 * The navigation and the viewer's name, account and sign-out. On a wide
 * screen they sit in the header's line; on a phone they fold behind a Menu
 * button (with the unread count on it), so the header is one short line.
 * Following a link closes the menu.
 */
export function PortalMenu({ permissions, children }: { permissions: readonly Permission[]; children: ReactNode }) {
  const pathname = usePathname() ?? "";
  // Open on the page it was opened on: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const unread = useUnreadCount(false);
  return (
    <>
      <button
        type="button"
        className="button secondary menu-toggle"
        aria-expanded={open}
        aria-controls="portal-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        Menu
        {permissions.includes("SEND_REFERRALS") && <CountBadge count={unread} />}
      </button>
      <div id="portal-menu" className={`topbar-menu${open ? " open" : ""}`}>
        <PortalNav permissions={permissions} />
        {children}
      </div>
    </>
  );
}

/** The viewer's own account (their password), beside their name: a link styled as the sections are. */
export function AccountLink() {
  // Null only under the Pages Router, which serves no page here (pages/ holds the GraphQL API route alone).
  const pathname = usePathname() ?? "";
  return (
    <Link href="/account" className="account-link" aria-current={pathname === "/account" ? "page" : undefined}>
      Account
    </Link>
  );
}
