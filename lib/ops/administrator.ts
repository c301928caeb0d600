import { recordAuditEvents } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createUserSchema } from "@/lib/users/validation";
import { parseInput } from "@/lib/validation";

/**
 * A clinic's administrator made from the command line: the first clinic of a
 * real deployment (which gets no demo data), or a new administrator for a
 * clinic that has none left active. The clinic is found by its exact name or
 * created. The operator is not a user, so the audit event names no actor.
 */
export async function createAdministrator(
  prisma: PrismaClient,
  input: { clinic: string; email: string; name: string; password: string },
): Promise<{ clinicId: string; userId: string; createdClinic: boolean }> {
  const clinicName = input.clinic.trim();
  if (!clinicName || clinicName.length > 200) throw new AppError("BAD_USER_INPUT", "Name the clinic (at most 200 characters).", { field: ["clinic"] });
  const user = parseInput(createUserSchema, { email: input.email, name: input.name, role: "ADMIN", password: input.password });
  const passwordHash = await hashPassword(user.password);
  const result = await prisma.$transaction(async (tx) => {
    const existing = await tx.clinic.findFirst({ where: { name: clinicName }, select: { id: true } });
    // A new clinic runs a service of each discipline from the start, so its clinicians can refer at once.
    const clinic =
      existing ??
      (await tx.clinic.create({
        data: {
          name: clinicName,
          services: {
            create: [
              { discipline: "OCCUPATIONAL_THERAPY", name: `${clinicName} Occupational Therapy` },
              { discipline: "PHYSIOTHERAPY", name: `${clinicName} Physiotherapy` },
            ],
          },
        },
        select: { id: true },
      }));
    if (await tx.user.count({ where: { email: user.email } })) throw new AppError("BAD_USER_INPUT", `A user with the email ${user.email} already exists.`, { field: ["email"] });
    const created = await tx.user.create({
      data: { clinicId: clinic.id, email: user.email, name: user.name, role: "ADMIN", passwordHash },
      select: { id: true },
    });
    return { clinicId: clinic.id, userId: created.id, createdClinic: !existing };
  });
  await recordAuditEvents(prisma, [
    { clinicId: result.clinicId, userId: null, action: "user.create", entityType: "User", entityIds: [result.userId], outcome: "SUCCESS", ip: null, userAgent: "npm run admin:create" },
  ]);
  return result;
}
