"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Permission } from "@/lib/permissions";

/** Each section with the permission it needs (lib/permissions); the layout passes the viewer's. */
const SECTIONS: readonly { href: string; label: string; requires: Permission }[] = [
  { href: "/patients", label: "Patients", requires: "READ_PATIENTS" },
  { href: "/referrals", label: "Referrals", requires: "READ_REFERRALS" },
  { href: "/admin/users", label: "Users", requires: "ADMINISTER_USERS" },
  { href: "/admin/audit", label: "Audit trail", requires: "READ_AUDIT_TRAIL" },
  { href: "/dashboard", label: "Dashboard", requires: "READ_DASHBOARD" },
];

export function PortalNav({ permissions }: { permissions: readonly Permission[] }) {
  const pathname = usePathname();
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
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
