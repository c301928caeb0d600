import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * The session, looked up once per request: the layout and the page both check
 * it, and React's cache lets the second check reuse the first's database read.
 */
const currentSession = cache(() => getServerSession(authOptions));

/** For protected server components: the viewer of a live session, or a redirect to the sign-in page. */
export async function requireViewer(): Promise<Viewer> {
  const session = await currentSession();
  if (!session?.viewer) redirect("/login");
  return session.viewer;
}

/** For the portal layout: the viewer and when the session ends without activity. */
export async function requireLiveSession(): Promise<{ viewer: Viewer; idleExpiresAt: string }> {
  const session = await currentSession();
  if (!session?.viewer || !session.idleExpiresAt) redirect("/login");
  return { viewer: session.viewer, idleExpiresAt: session.idleExpiresAt };
}
