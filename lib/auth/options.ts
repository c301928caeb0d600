import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signIn, type SignInResult } from "@/lib/auth/credentials";
import { endSession, resolveSession, sessionPolicy } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { requestOrigin } from "@/lib/request-origin";
import { THROTTLED_PREFIX } from "@/lib/auth/messages";
import { recordAuditEvents, type AuditEventInput } from "@/lib/audit";

/**
 * Every sign-in attempt on the audit trail. A failure names the account only
 * when it exists; for an unknown email nothing identifying is kept.
 */
function signInAuditEvent(result: SignInResult, origin: { ip: string | null; userAgent: string | null }): AuditEventInput {
  const who =
    result.outcome === "SIGNED_IN"
      ? { clinicId: result.viewer.clinicId, userId: result.viewer.id }
      : result.outcome === "REFUSED"
        ? { clinicId: result.clinicId, userId: result.userId }
        : { clinicId: null, userId: null };
  return {
    ...who,
    action: result.outcome === "SIGNED_IN" ? "auth.sign_in" : "auth.sign_in_failed",
    entityType: who.userId ? "User" : null,
    entityIds: who.userId ? [who.userId] : [],
    outcome: result.outcome === "SIGNED_IN" ? "SUCCESS" : result.outcome === "THROTTLED" ? "DENIED" : "FAILURE",
    ...origin,
  };
}

export const authOptions: NextAuthOptions = {
  // The token only names a server-side session (lib/auth/sessions.ts), which
  // enforces the idle and absolute limits and revocation on every request.
  session: { strategy: "jwt", maxAge: sessionPolicy().maxAgeSeconds },
  pages: { signIn: "/login" },
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
        await recordAuditEvents(db(), [signInAuditEvent(result, origin)]);
        if (result.outcome === "THROTTLED") throw new Error(`${THROTTLED_PREFIX}${result.retryAfterSeconds}`);
        if (result.outcome === "REFUSED") return null;
        return { id: result.viewer.id, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // `user` is present only at sign-in: the token carries the session's id and nothing else of note.
      if (user) token.sessionId = user.sessionId;
      return token;
    },
    async session({ session, token }) {
      const live = await resolveSession(db(), token.sessionId);
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
