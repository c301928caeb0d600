import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Tenancy at the edge of data access: a client whose every read and write of
 * clinic-owned rows is confined to one clinic, so no resolver can forget it.
 * A row of another clinic is simply not there (callers answer NOT_FOUND).
 */

/** Matches no clinic: the client of a request without a session sees nothing. */
export const NO_CLINIC = "00000000-0000-0000-0000-000000000000";

const SCOPED_MODELS = new Set(["Patient", "Referral", "User"]);
const READS_AND_WRITES_BY_WHERE = new Set([
  "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany",
  "count", "aggregate", "groupBy", "update", "updateMany", "delete", "deleteMany", "upsert",
]);

function withClinic(where: unknown, clinic: Record<string, string>): Record<string, unknown> {
  // Merged with AND so a caller's own clinicId can never widen the scope.
  const own = (where ?? {}) as Record<string, unknown>;
  return { ...own, AND: [...(Array.isArray(own.AND) ? own.AND : own.AND ? [own.AND] : []), clinic] };
}

export function forClinic(prisma: PrismaClient, clinicId: string) {
  return prisma.$extends({
    name: "clinic-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scoped = args as Record<string, unknown>;
          if (model === "Clinic" && READS_AND_WRITES_BY_WHERE.has(operation)) {
            scoped.where = withClinic(scoped.where, { id: clinicId });
          } else if (SCOPED_MODELS.has(model)) {
            if (READS_AND_WRITES_BY_WHERE.has(operation)) scoped.where = withClinic(scoped.where, { clinicId });
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

/** One scoped client per clinic, reused across requests (extending per request would allocate each time). */
export function clinicDb(prisma: PrismaClient, clinicId: string | null): ClinicDb {
  const key = clinicId ?? NO_CLINIC;
  let client = clients.get(key);
  if (!client) {
    if (clients.size > 10_000) clients.clear();
    client = forClinic(prisma, key);
    clients.set(key, client);
  }
  return client;
}
