import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { unauthenticated } from "@/lib/errors";

export interface GraphQLContext {
  db: PrismaClient;
  /** The signed-in user, from the session token; null without a session. */
  viewer: Viewer | null;
}

export function createContext(db: PrismaClient, viewer: Viewer | null): GraphQLContext {
  return { db, viewer };
}

/** The viewer, for resolvers; the requireSession plugin has already refused operations without one. */
export function viewerOf(context: GraphQLContext): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}
