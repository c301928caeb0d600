import type { Viewer } from "@/lib/auth/viewer";

declare module "next-auth" {
  interface Session {
    viewer?: Viewer;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    viewer?: Viewer;
  }
}
