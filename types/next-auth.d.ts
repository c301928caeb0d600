import type { Viewer } from "@/lib/auth/viewer";

declare module "next-auth" {
  interface User {
    /** Set by authorize: the session just started for this sign-in. */
    sessionId?: string;
  }

  interface Session {
    viewer?: Viewer;
    /** ISO time at which the session ends without further activity. */
    idleExpiresAt?: string;
    /** Set instead of `viewer` while the session owes its second factor: the one step it may take. */
    secondFactor?: { stage: "SECOND_FACTOR" | "ENROLMENT"; userId: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The UserSession row this token stands for. */
    sessionId?: string;
  }
}
