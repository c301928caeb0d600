"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "/patients", label: "Patients", adminOnly: false },
  { href: "/referrals", label: "Referrals", adminOnly: false },
  { href: "/admin/users", label: "Users", adminOnly: true },
  { href: "/admin/audit", label: "Audit trail", adminOnly: true },
] as const;

export function PortalNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="portal-nav">
      <ul>
        {SECTIONS.filter((section) => isAdmin || !section.adminOnly).map((section) => {
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
