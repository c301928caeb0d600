import type { Viewer } from "@/lib/auth/viewer";
import { appendAuditEvents, AuditBuffer, type AuditEventInput, type AuditOutcome, type AuditWriter } from "@/lib/audit";
import { clinicDb, type ClinicDb, type TenantScope } from "@/lib/db/tenant";
import { unauthenticated } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { receivingServiceOf } from "@/lib/permissions";

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/**
 * What every request that touches patient data carries, from the request
 * pipeline (lib/request/pipeline.ts) down to the domain functions: who asks,
 * a database confined to their clinic, and the audit buffer their reads and
 * writes are noted in. The GraphQL context is this.
 */
export interface RequestContext {
  /** Confined to what the viewer may see (lib/db/tenant.ts); without a session it sees nothing. */
  db: ClinicDb;
  /** What `db` is confined to: the viewer's clinic, and the service whose received parts they work; null without a session. */
  scope: TenantScope | null;
  /** The unscoped client, for writes that belong to no clinic's data (the audit trail, sessions). */
  prisma: PrismaClient;
  /** The signed-in user, from a live session; null without one (or with one that still owes its second factor). */
  viewer: Viewer | null;
  /** The viewer's session: which one, and when it last passed a second factor (administrators' actions ask again after 10 minutes). */
  session: { id: string; secondFactorAt: Date | null } | null;
  origin: RequestOrigin;
  /** The request's reads and writes of patient data, written to the audit trail once before the response leaves. */
  audit: AuditBuffer;
}

export function createRequestContext(options: {
  prisma: PrismaClient;
  viewer: Viewer | null;
  origin?: RequestOrigin;
  session?: RequestContext["session"];
}): RequestContext {
  const { viewer } = options;
  const scope = viewer ? { clinicId: viewer.clinicId, serviceId: receivingServiceOf(viewer) } : null;
  return {
    session: viewer ? (options.session ?? null) : null,
    db: clinicDb(options.prisma, scope),
    scope,
    prisma: options.prisma,
    viewer: options.viewer,
    origin: options.origin ?? { ip: null, userAgent: null },
    audit: new AuditBuffer(),
  };
}

/** What the signed-in viewer may see (lib/db/tenant.ts); UNAUTHENTICATED without a session. */
export function scopeOf(context: Pick<RequestContext, "scope">): TenantScope {
  if (!context.scope) throw unauthenticated();
  return context.scope;
}

/** The signed-in viewer; UNAUTHENTICATED without one. */
export function viewerOf(context: Pick<RequestContext, "viewer">): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

/** An audit event of this request's viewer, from where the request came. */
export function auditEventOf(
  context: RequestContext,
  event: { action: string; entityType: string | null; entityIds: string[]; outcome?: AuditOutcome },
): AuditEventInput {
  return {
    clinicId: context.viewer?.clinicId ?? null,
    userId: context.viewer?.id ?? null,
    ip: context.origin.ip,
    userAgent: context.origin.userAgent,
    outcome: "SUCCESS",
    ...event,
  };
}

/**
 * A write and the audit event that records it, in one transaction: they
 * commit together or not at all. `write` gets the clinic-scoped client of the
 * transaction; `recorded` says which records the event names.
 */
export function writeAudited<Result>(
  context: RequestContext,
  event: { action: string; entityType: string },
  write: (db: ClinicDb) => Promise<Result>,
  recorded: (result: Result) => string[],
): Promise<Result> {
  return context.db.$transaction(
    async (tx) => {
      const result = await write(tx as unknown as ClinicDb);
      await appendAuditEvents(tx as unknown as AuditWriter, [auditEventOf(context, { ...event, entityIds: recorded(result) })]);
      return result;
    },
    // Under load a write may wait for a pooled connection and then for a busy audit chain.
    { maxWait: 5_000, timeout: 15_000 },
  );
}
