import { readEnv, type ResponseTargets } from "@/lib/env";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, badInput, notFound } from "@/lib/errors";
import type { Discipline, ReferralPriority } from "@/lib/generated/prisma/enums";
import { Prisma, type TherapyService } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/permissions";
import { viewerOf, writeAudited, type RequestContext } from "@/lib/request/context";
import { newServiceSchema, serviceChangeSchema } from "@/lib/services/validation";
import { parseInput } from "@/lib/validation";

/** What to load with each service: the API passes the selection it was asked for. */
export type ServiceQuery = { include?: Prisma.TherapyServiceInclude; select?: Prisma.TherapyServiceSelect };

/** A service one may send new referrals to: neither closed to them nor removed. */
export const REFERABLE = { closedAt: null, removedAt: null } satisfies Prisma.TherapyServiceWhereInput;

/** The statuses of a part still open at its service (lib/referrals/parts.ts has the lifecycle). */
const OPEN_PART_STATUSES = ["SENT", "AWAITING_REFERRER", "ACCEPTED", "IN_PROGRESS"] as const;

/**
 * The directory of therapy services a clinic can refer to: its own, and other
 * clinics' services that accept outside referrals (lib/db/tenant.ts shows no
 * others), open to new referrals. Own clinic's first, then by name.
 */
export async function listServices(
  context: RequestContext,
  filter: { discipline?: Discipline | null; search?: string | null },
  query: ServiceQuery = {},
): Promise<TherapyService[]> {
  const viewer = viewerOf(context);
  const where: Prisma.TherapyServiceWhereInput = { ...REFERABLE };
  if (filter.discipline) where.discipline = filter.discipline;
  if (filter.search) where.name = { contains: filter.search, mode: "insensitive" };
  // Two reads, so the clinic's own services are never crowded out by the first 200 of everyone else's.
  const orderBy = [{ name: "asc" as const }, { id: "asc" as const }];
  const [own, others] = await Promise.all([
    context.db.therapyService.findMany({ ...query, where: { ...where, clinicId: viewer.clinicId }, orderBy }),
    context.db.therapyService.findMany({ ...query, where: { ...where, clinicId: { not: viewer.clinicId } }, orderBy, take: 200 }),
  ]);
  return [...own, ...others] as TherapyService[];
}

/** The clinic's own services, closed ones too (not removed ones), for its administrators. */
export function listClinicServices(context: RequestContext, query: ServiceQuery = {}): Promise<TherapyService[]> {
  const viewer = viewerOf(context);
  assertCan(viewer, "MANAGE_SERVICES");
  return context.db.therapyService.findMany({
    ...query,
    where: { clinicId: viewer.clinicId, removedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  }) as Promise<TherapyService[]>;
}

let portalTargets: ResponseTargets | undefined;

/** The portal's response targets (RESPONSE_TARGET_WORKING_DAYS), read once. */
export function portalResponseTargets(): ResponseTargets {
  portalTargets ??= readEnv().RESPONSE_TARGET_WORKING_DAYS;
  return portalTargets;
}

/** A service's own targets (its `responseTargets` column) over the portal's, per priority. */
export function responseTargetsOf(service: { responseTargets: Prisma.JsonValue | null } | null | undefined): ResponseTargets {
  const own = (service?.responseTargets ?? {}) as Partial<Record<ReferralPriority, unknown>>;
  const targets = { ...portalResponseTargets() };
  for (const priority of Object.keys(targets) as ReferralPriority[]) {
    const days = own[priority];
    if (typeof days === "number" && Number.isInteger(days) && days >= 1) targets[priority] = days;
  }
  return targets;
}

const nameTaken = () => badInput("Another service of your clinic has this name.", ["input", "name"]);

/** Adds a service to the administrator's clinic. */
export async function createTherapyService(context: RequestContext, input: unknown, query: ServiceQuery = {}): Promise<TherapyService> {
  const viewer = viewerOf(context);
  assertCan(viewer, "MANAGE_SERVICES");
  const service = parseInput(newServiceSchema, input, ["input"]);
  try {
    return await writeAudited(
      context,
      { action: "service.create", entityType: "TherapyService" },
      async (db) =>
        (await db.therapyService.create({
          ...query,
          data: {
            clinicId: viewer.clinicId,
            name: service.name,
            discipline: service.discipline,
            description: service.description,
            eligibilityCriteria: service.eligibilityCriteria,
            exclusions: service.exclusions,
            contactPhone: service.contactPhone,
            contactEmail: service.contactEmail,
            address: service.address,
            acceptsExternalReferrals: service.acceptsExternalReferrals ?? false,
            responseTargets: service.responseTargets ?? Prisma.DbNull,
          },
        })) as TherapyService,
      (created) => [created.id],
    );
  } catch (error) {
    if (isUniqueViolation(error)) nameTaken();
    throw error;
  }
}

/**
 * Renames, describes, opens to other clinics, closes or reopens one of the
 * administrator's own services. Another clinic's service is not found (the
 * clinic-scoped client writes only the viewer's clinic's). Its discipline changes
 * only while no referral was ever sent to it: the parts it holds are of its discipline.
 */
export async function updateTherapyService(context: RequestContext, id: string, input: unknown, query: ServiceQuery = {}): Promise<TherapyService> {
  const viewer = viewerOf(context);
  assertCan(viewer, "MANAGE_SERVICES");
  const change = parseInput(serviceChangeSchema, input, ["input"]);
  const { closed, responseTargets, ...fields } = change;
  const data: Prisma.TherapyServiceUpdateManyMutationInput = { ...fields };
  if (responseTargets !== undefined) data.responseTargets = responseTargets ?? Prisma.DbNull;
  try {
    await writeAudited(
      context,
      { action: "service.update", entityType: "TherapyService" },
      async (db) => {
        const current = await db.therapyService.findFirst({
          where: { id, clinicId: viewer.clinicId, removedAt: null },
          select: { discipline: true, closedAt: true, _count: { select: { parts: true } } },
        });
        if (!current) notFound("Therapy service");
        if (change.discipline && change.discipline !== current.discipline && current._count.parts > 0) {
          badInput("Referrals were sent to this service as it is: add a service of the other discipline instead.", ["input", "discipline"]);
        }
        if (closed !== undefined) data.closedAt = closed ? (current.closedAt ?? new Date()) : null;
        await db.therapyService.updateMany({ where: { id }, data });
      },
      () => [id],
    );
  } catch (error) {
    if (isUniqueViolation(error)) nameTaken();
    throw error;
  }
  return context.db.therapyService.findUniqueOrThrow({ ...query, where: { id } }) as Promise<TherapyService>;
}

/**
 * Removes one of the administrator's own services: only when no part is open
 * there (otherwise it can only be closed to new referrals, and its open parts
 * carry on) and no therapist works for it. It leaves every directory but stays
 * for the history of the referrals it had. The service row is locked first, so
 * a referral being sent to it at that moment either commits before (and its
 * part is counted as open) or is refused after (a trigger of the migration
 * service_directory refuses parts at a closed or removed service).
 */
export async function removeTherapyService(context: RequestContext, id: string): Promise<void> {
  const viewer = viewerOf(context);
  assertCan(viewer, "MANAGE_SERVICES");
  await writeAudited(
    context,
    { action: "service.remove", entityType: "TherapyService" },
    async (db) => {
      const locked = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM "TherapyService" WHERE id = ${id}::uuid AND "clinicId" = ${viewer.clinicId}::uuid AND "removedAt" IS NULL FOR UPDATE`;
      if (!locked.length) notFound("Therapy service");
      const open = await db.referralPart.count({ where: { serviceId: id, status: { in: [...OPEN_PART_STATUSES] } } });
      const therapists = await db.user.count({ where: { serviceId: id } });
      if (open > 0) {
        throw new AppError(
          "CONFLICT",
          `${open} ${open === 1 ? "referral is" : "referrals are"} still open at this service: close it to new referrals instead, and remove it once they are done.`,
        );
      }
      if (therapists > 0) {
        throw new AppError("CONFLICT", "Therapists work for this service: move them to another service or deactivate them first.");
      }
      const now = new Date();
      await db.therapyService.updateMany({ where: { id }, data: { removedAt: now, closedAt: now } });
    },
    () => [id],
  );
}
