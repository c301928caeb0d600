import { Prisma } from "@/lib/generated/prisma/client";

/** A unique index refused the write (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** SQLSTATE the trigger of the migration service_directory raises for a part at a closed or removed service. */
export const SERVICE_CLOSED_SQLSTATE = "P0C01";

/** A referral part was refused because its service closed to new referrals (a race with closing it; lib/services). */
export function isServiceClosedError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : "";
  return text.includes("service_closed_to_referrals");
}
