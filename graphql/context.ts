import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { clinicDb, type ClinicDb } from "@/lib/db/tenant";
import { AuditBuffer } from "@/lib/audit";
import { unauthenticated } from "@/lib/errors";

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface GraphQLContext {
  /** Confined to the viewer's clinic (lib/db/tenant.ts); without a session it sees nothing. */
  db: ClinicDb;
  /** The unscoped client, for writes that belong to no clinic's data (the audit trail). */
  prisma: PrismaClient;
  /** The signed-in user, from a live session; null without one. */
  viewer: Viewer | null;
  origin: RequestOrigin;
  /** The request's reads and writes of patient data, written to the audit trail once at its end (graphql/audit.ts). */
  audit: AuditBuffer;
}

export function createContext(options: { prisma: PrismaClient; viewer: Viewer | null; origin?: RequestOrigin }): GraphQLContext {
  return {
    db: clinicDb(options.prisma, options.viewer?.clinicId ?? null),
    prisma: options.prisma,
    viewer: options.viewer,
    origin: options.origin ?? { ip: null, userAgent: null },
    audit: new AuditBuffer(),
  };
}

/** The viewer, for resolvers; the requireSession plugin has already refused operations without one. */
export function viewerOf(context: GraphQLContext): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}
