import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";
import "./print.css";

export const metadata: Metadata = {
  title: { default: "Clinic referral portal", template: "%s · Clinic referral portal" },
  description: "Refer patients to occupational therapy or physiotherapy, with the reasons shown.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, the not-found page included: Next.js can put
  // proxy.ts's per-request CSP nonce on its scripts only then (a prerendered page has none).
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
