import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Tenancy at the edge of data access: a client whose every read and write of
 * clinic-owned rows is confined to what one viewer may see, so no resolver can
 * forget it. A row the viewer may not see is simply not there (callers answer
 * NOT_FOUND).
 *
 * What a viewer sees: their clinic's own users and patients; the referrals
 * their clinic sent (every part and timeline event); its own services and every
 * service that accepts outside referrals. At a receiving clinic only the
 * therapists of the service a part was sent to see that part, its referral and
 * its timeline (the patient through the referral): nobody else there, not its
 * clinicians, its administrators or its other services. The attachments of
 * the referrals a viewer sees (of a part's attachments, only those of the
 * parts they see); their clinic's users' referral drafts (lib/drafts narrows
 * them to their author). Nested relations that Prisma loads with an `include`
 * are not seen by this extension: the API filters those with the same
 * conditions (`visibleTo`).
 */

/** Matches no clinic: the client of a request without a session sees nothing. */
export const NO_CLINIC = "00000000-0000-0000-0000-000000000000";

/**
 * Whom a client is confined for: their clinic, and the service whose received
 * parts they work, when they are its therapist (lib/permissions `receivingServiceOf`).
 */
export interface TenantScope {
  clinicId: string;
  serviceId: string | null;
}

/** The conditions of what the scope may see, per model; also used for nested relations. */
export function visibleTo({ clinicId, serviceId }: TenantScope) {
  const part: Prisma.ReferralPartWhereInput = { OR: [{ referral: { clinicId } }, ...(serviceId ? [{ serviceId }] : [])] };
  const referral: Prisma.ReferralWhereInput = { OR: [{ clinicId }, ...(serviceId ? [{ parts: { some: { serviceId } } }] : [])] };
  return {
    part,
    referral,
    // Seen as its part is: the referral's own with the referral, a part's with that part.
    attachment: { referral, OR: [{ partId: null }, { part }] } satisfies Prisma.AttachmentWhereInput,
    event: { OR: [{ referral: { clinicId } }, ...(serviceId ? [{ part: { serviceId } }] : [])] } satisfies Prisma.ReferralEventWhereInput,
    service: { OR: [{ clinicId }, { acceptsExternalReferrals: true }] } satisfies Prisma.TherapyServiceWhereInput,
  };
}

/** Whether the scope may see a part already loaded (a to-one relation, which takes no `where`). */
export function partIsVisible({ clinicId, serviceId }: TenantScope, part: { serviceId: string; referral: { clinicId: string } }): boolean {
  return part.referral.clinicId === clinicId || (serviceId !== null && part.serviceId === serviceId);
}

const READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
const WRITES_BY_WHERE = new Set(["update", "updateMany", "delete", "deleteMany", "upsert"]);

function withCondition(where: unknown, condition: object): Record<string, unknown> {
  // Merged with AND so a caller's own conditions can never widen the scope.
  const own = (where ?? {}) as Record<string, unknown>;
  return { ...own, AND: [...(Array.isArray(own.AND) ? own.AND : own.AND ? [own.AND] : []), condition] };
}

/** The condition on each model's rows for an operation, or null when the model is not clinic data. */
function scopeOf(model: string, operation: string, scope: TenantScope): object | null {
  const { clinicId } = scope;
  const visible = visibleTo(scope);
  const read = READS.has(operation);
  switch (model) {
    case "Clinic":
      return { id: clinicId };
    case "User":
    case "Patient":
    // A clinic's users' notifications (each also filtered to its recipient by lib/notifications).
    case "Notification":
      return { clinicId };
    // A user's second factors and sessions: their own domain functions also confine them to the user.
    case "Passkey":
    case "TotpFactor":
    case "RecoveryCode":
    case "UserSession":
      return { user: { clinicId } };
    case "Referral":
      // Only the referring clinic changes a referral itself; its parts change through ReferralPart.
      return read ? visible.referral : { clinicId };
    case "ReferralPart":
      return visible.part;
    case "ReferralEvent":
      return visible.event;
    case "TherapyService":
      return read ? visible.service : { clinicId };
    case "Attachment":
      return visible.attachment;
    // Bytes are read only through the attachment store (lib/attachments/store.ts), once their
    // Attachment row has been found through this client: through it, no chunk is ever there.
    case "AttachmentChunk":
      return { storageKey: NO_CLINIC };
    // A clinic's users' drafts; lib/drafts narrows them to their author.
    case "ReferralDraft":
      return { clinicId };
    // The dashboard's roll-ups: lib/dashboard reads them in raw SQL confined to its Scope; through this
    // client a clinic reaches only its own rows (its agreement figures, what it sent), never a service's.
    case "DashboardAgreement":
      return { clinicId };
    case "DashboardDay":
    case "DashboardDuration":
      return { direction: "SENT", ownerId: clinicId };
    default:
      return null;
  }
}

/** Models whose new rows belong to the clinic that creates them. */
const CREATED_WITH_CLINIC = new Set(["Patient", "Referral", "User", "TherapyService", "ReferralDraft"]);

export function forClinic(prisma: PrismaClient, scope: TenantScope) {
  const { clinicId } = scope;
  return prisma.$extends({
    name: "clinic-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scoped = args as Record<string, unknown>;
          if (READS.has(operation) || WRITES_BY_WHERE.has(operation)) {
            const condition = scopeOf(model, operation, scope);
            if (condition) scoped.where = withCondition(scoped.where, condition);
          }
          if (CREATED_WITH_CLINIC.has(model)) {
            if (operation === "create" || operation === "upsert") {
              const key = operation === "create" ? "data" : "create";
              scoped[key] = { ...(scoped[key] as object), clinicId };
            }
            if (operation === "createMany" || operation === "createManyAndReturn") {
              const rows = scoped.data as Record<string, unknown>[] | Record<string, unknown>;
              scoped.data = (Array.isArray(rows) ? rows : [rows]).map((row) => ({ ...row, clinicId }));
            }
          }
          return query(scoped);
        },
      },
    },
  });
}

export type ClinicDb = ReturnType<typeof forClinic>;

const clients = new Map<string, ClinicDb>();

/** One scoped client per clinic and service, reused across requests (extending per request would allocate each time). */
export function clinicDb(prisma: PrismaClient, scope: TenantScope | null): ClinicDb {
  const confined = scope ?? { clinicId: NO_CLINIC, serviceId: null };
  const key = `${confined.clinicId}/${confined.serviceId ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    if (clients.size > 10_000) clients.clear();
    client = forClinic(prisma, confined);
    clients.set(key, client);
  }
  return client;
}
