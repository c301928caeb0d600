import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signIn } from "@/lib/auth/credentials";
import { endSession, resolveSession, sessionPolicy } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { requestOrigin } from "@/lib/request-origin";
import { THROTTLED_PREFIX } from "@/lib/auth/messages";

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
      if (token?.sessionId) await endSession(db(), token.sessionId, "SIGNED_OUT");
    },
  },
};
