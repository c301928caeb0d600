import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PAGE_PATH_HEADER, safeNextPath } from "@/lib/auth/messages";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * The session, looked up once per request: the layout and the page both check
 * it, and React's cache lets the second check reuse the first's database read.
 */
const currentSession = cache(() => getServerSession(authOptions));

/** The page a session that owes its second factor is sent to: passing it, or setting one up. */
export const SECOND_FACTOR_PAGES = { SECOND_FACTOR: "/login/verify", ENROLMENT: "/login/enrol" } as const;

/** To sign-in, which comes back to the page asked for (a link in an e-mail opens its referral after sign-in). */
async function toSignIn(): Promise<never> {
  const next = safeNextPath((await headers()).get(PAGE_PATH_HEADER));
  redirect(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
}

/** For protected server components: the viewer of a live session, or a redirect to the sign-in page (or the second-factor step it owes). */
export async function requireViewer(): Promise<Viewer> {
  const session = await currentSession();
  if (session?.secondFactor) redirect(SECOND_FACTOR_PAGES[session.secondFactor.stage]);
  if (!session?.viewer) return toSignIn();
  return session.viewer;
}

/** For the portal layout: the viewer and when the session ends without activity. */
export async function requireLiveSession(): Promise<{ viewer: Viewer; idleExpiresAt: string }> {
  const session = await currentSession();
  if (session?.secondFactor) redirect(SECOND_FACTOR_PAGES[session.secondFactor.stage]);
  if (!session?.viewer || !session.idleExpiresAt) return toSignIn();
  return { viewer: session.viewer, idleExpiresAt: session.idleExpiresAt };
}

/**
 * For the second-factor pages: the session must owe exactly this step. No
 * session goes to sign-in; a signed-in one goes home; one owing the other step goes there.
 */
export async function requireSecondFactorStep(stage: "SECOND_FACTOR" | "ENROLMENT"): Promise<{ userId: string }> {
  const session = await currentSession();
  if (session?.viewer) redirect("/");
  if (!session?.secondFactor) redirect("/login");
  if (session.secondFactor.stage !== stage) redirect(SECOND_FACTOR_PAGES[session.secondFactor.stage]);
  return { userId: session.secondFactor.userId };
}
