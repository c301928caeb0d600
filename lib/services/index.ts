import type { Discipline } from "@/lib/generated/prisma/enums";
import type { Prisma, TherapyService } from "@/lib/generated/prisma/client";
import { viewerOf, type RequestContext } from "@/lib/request/context";

/**
 * The directory of therapy services a clinic can refer to: its own, and other
 * clinics' services that accept outside referrals (lib/db/tenant.ts shows no
 * others). Own clinic's first, then by name.
 */
export async function listServices(
  context: RequestContext,
  filter: { discipline?: Discipline | null; search?: string | null },
  query: { include?: Prisma.TherapyServiceInclude; select?: Prisma.TherapyServiceSelect } = {},
): Promise<TherapyService[]> {
  const viewer = viewerOf(context);
  const where: Prisma.TherapyServiceWhereInput = {};
  if (filter.discipline) where.discipline = filter.discipline;
  if (filter.search) where.name = { contains: filter.search, mode: "insensitive" };
  const services = (await context.db.therapyService.findMany({
    ...query,
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 200,
  })) as TherapyService[];
  const own = (service: TherapyService) => (service.clinicId === viewer.clinicId ? 0 : 1);
  return services.sort((a, b) => own(a) - own(b));
}
