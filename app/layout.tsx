import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Clinic referral portal", template: "%s · Clinic referral portal" },
  description: "Refer patients to occupational therapy or physiotherapy, with the reasons shown.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
