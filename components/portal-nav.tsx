"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { UNREAD_NOTIFICATION_COUNT } from "@/components/notifications/operations";
import { UNREAD_REFERRAL_COUNT } from "@/components/referrals/operations";
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

function UnreadCount() {
  const { data } = useQuery(UNREAD_REFERRAL_COUNT, { pollInterval: UNREAD_POLL_MS, fetchPolicy: "cache-and-network" });
  const count = data?.unreadReferralCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid="unread-count">
      {count}
      <span className="visually-hidden"> {count === 1 ? "referral" : "referrals"} with unread updates</span>
    </span>
  );
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
  const { data } = useQuery(UNREAD_NOTIFICATION_COUNT, { pollInterval: UNREAD_POLL_MS, fetchPolicy: "cache-and-network" });
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
