import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { clinicDb, type ClinicDb } from "@/lib/db/tenant";
import { unauthenticated } from "@/lib/errors";

export interface GraphQLContext {
  /** Confined to the viewer's clinic (lib/db/tenant.ts); without a session it sees nothing. */
  db: ClinicDb;
  /** The signed-in user, from the session token; null without a session. */
  viewer: Viewer | null;
}

export function createContext(prisma: PrismaClient, viewer: Viewer | null): GraphQLContext {
  return { db: clinicDb(prisma, viewer?.clinicId ?? null), viewer };
}

/** The viewer, for resolvers; the requireSession plugin has already refused operations without one. */
export function viewerOf(context: GraphQLContext): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}
