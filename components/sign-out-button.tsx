"use client";

import { signOutHere } from "@/components/sign-out";

export function SignOutButton() {
  return (
    <button className="button secondary" type="button" onClick={() => void signOutHere("/login")}>
      Sign out
    </button>
  );
}
