import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { decode } from "next-auth/jwt";
import { signIn } from "@/lib/auth/credentials";
import { nextAuthLogger, safeRedirect, signalBusy } from "@/lib/auth/next-auth-support";
import { signInAuditEvents } from "@/lib/auth/sign-in-audit";
import { endSession, resolveSession, sessionPolicy } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { requestOrigin } from "@/lib/request-origin";
import { THROTTLED_PREFIX } from "@/lib/auth/messages";
import { recordAuditEvents } from "@/lib/audit";

/** The session the browser signed in with before, if any: ended when it signs in again. */
async function previousSessionId(cookieHeader: string | undefined): Promise<string | undefined> {
  const cookies = new Map(
    (cookieHeader ?? "").split(";").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const token = cookies.get("__Secure-next-auth.session-token") ?? cookies.get("next-auth.session-token");
  if (!token || !process.env.NEXTAUTH_SECRET) return undefined;
  try {
    const decoded = await decode({ token, secret: process.env.NEXTAUTH_SECRET });
    return typeof decoded?.sessionId === "string" ? decoded.sessionId : undefined;
  } catch {
    return undefined;
  }
}

async function endPreviousSession(cookieHeader: string | undefined, origin: { ip: string | null; userAgent: string | null }) {
  const sessionId = await previousSessionId(cookieHeader);
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  const ended = await endSession(db(), sessionId, "REPLACED");
  if (!ended) return;
  await recordAuditEvents(db(), [
    { ...ended, action: "auth.sign_out", entityType: "User", entityIds: [ended.userId], outcome: "SUCCESS", ...origin },
  ]);
}

export const authOptions: NextAuthOptions = {
  // The token only names a server-side session (lib/auth/sessions.ts), which
  // enforces the idle and absolute limits and revocation on every request.
  session: { strategy: "jwt", maxAge: sessionPolicy().maxAgeSeconds },
  pages: { signIn: "/login" },
  logger: nextAuthLogger,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: async (credentials, request) => {
        const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
        const origin = requestOrigin({ get: (name) => headers[name] ?? null });
        const result = await signIn(db(), credentials ?? {}, origin);
        await recordAuditEvents(db(), await signInAuditEvents(db(), result, origin));
        if (result.outcome === "BUSY") {
          signalBusy(result.retryAfterSeconds);
          throw new Error(`${THROTTLED_PREFIX}${result.retryAfterSeconds}`);
        }
        if (result.outcome === "THROTTLED") throw new Error(`${THROTTLED_PREFIX}${result.retryAfterSeconds}`);
        if (result.outcome === "REFUSED") return null;
        // Signing in again in the same browser ends the session it had (ASVS 3.2.1: a new session on authentication).
        await endPreviousSession(headers.cookie, origin);
        return { id: result.viewer.id, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    redirect: safeRedirect,
    jwt({ token, user }) {
      // `user` is present only at sign-in: the token carries the session's id and nothing else of note.
      if (user) token.sessionId = user.sessionId;
      return token;
    },
    async session({ session, token }) {
      // Pending too, so the pages can send a session that owes its second factor to that step (and nowhere else).
      const live = await resolveSession(db(), token.sessionId, { pending: true });
      if (live && live.stage !== "COMPLETE") return { ...session, secondFactor: { stage: live.stage, userId: live.viewer.id } };
      return { ...session, viewer: live?.viewer, idleExpiresAt: live?.idleExpiresAt.toISOString() };
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.sessionId) return;
      const ended = await endSession(db(), token.sessionId, "SIGNED_OUT");
      if (!ended) return;
      await recordAuditEvents(db(), [
        { ...ended, action: "auth.sign_out", entityType: "User", entityIds: [ended.userId], outcome: "SUCCESS", ip: null, userAgent: null },
      ]);
    },
  },
};
