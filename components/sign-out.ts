import { signOut } from "next-auth/react";

/**
 * Signs out and goes to `path` on the address the portal was opened at.
 * next-auth's own redirect names NEXTAUTH_URL's host, which sends a portal
 * opened at another of its addresses (127.0.0.1 for localhost) elsewhere.
 */
export async function signOutHere(path: string): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign(path);
}
