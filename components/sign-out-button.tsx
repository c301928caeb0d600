"use client";

import { signOut } from "next-auth/react";
import { clearReferralDrafts } from "@/components/referrals/referral-draft";

export function SignOutButton() {
  return (
    <button className="button secondary" type="button" onClick={() => {
        // A draft holds patient data: it never outlives the session on a shared PC.
        clearReferralDrafts();
        void signOut({ callbackUrl: "/login" });
      }}>
      Sign out
    </button>
  );
}
