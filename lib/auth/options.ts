import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/credentials";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";

/** Absolute session lifetime (ASVS): a token older than this is refused. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: async (credentials) => authenticate(db(), credentials ?? {}),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // `user` is present only at sign-in: copy the viewer into the token once.
      if (user) token.viewer = user as Viewer;
      return token;
    },
    session({ session, token }) {
      return { ...session, viewer: token.viewer };
    },
  },
};
