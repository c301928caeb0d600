import { appendAuditEvents } from "@/lib/audit";
import { hasSecondFactor, lockUser, stepUpRequired } from "@/lib/auth/second-factor/flows";
import { recentlyVerified, secondFactorRequired } from "@/lib/auth/second-factor/policy";
import { replaceRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { endAllSessions } from "@/lib/auth/sessions";
import { badInput, notFound } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { SecondFactorPolicy } from "@/lib/generated/prisma/enums";
import { assertCan } from "@/lib/permissions";
import { auditEventOf, viewerOf, type RequestContext } from "@/lib/request/context";

/**
 * A signed-in user's own second factors (Your account) and an administrator's
 * part in them: the clinic's policy and resetting someone's factors. Every
 * change asks for a second factor passed within the last 10 minutes
 * (`assertRecentSecondFactor`), and is audited in its own transaction.
 */

type Tx = Prisma.TransactionClient;
const TRANSACTION = { maxWait: 5_000, timeout: 15_000 };

/** Administrators' actions and changes to one's own factors: the session's last second-factor check must be recent. */
export function assertRecentSecondFactor(context: Pick<RequestContext, "session">): void {
  if (!recentlyVerified(context.session?.secondFactorAt ?? null)) stepUpRequired();
}

async function policyOf(prisma: Pick<PrismaClient, "clinic">, clinicId: string): Promise<SecondFactorPolicy> {
  const clinic = await prisma.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { secondFactorPolicy: true } });
  return clinic.secondFactorPolicy;
}

export async function mySecondFactors(context: RequestContext) {
  const viewer = viewerOf(context);
  const [passkeys, totp, recoveryCodesLeft, policy] = await Promise.all([
    context.prisma.passkey.findMany({
      where: { userId: viewer.id },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    context.prisma.totpFactor.findFirst({ where: { userId: viewer.id, confirmedAt: { not: null } }, select: { confirmedAt: true, lastUsedAt: true } }),
    context.prisma.recoveryCode.count({ where: { userId: viewer.id, usedAt: null } }),
    policyOf(context.prisma, viewer.clinicId),
  ]);
  return {
    required: secondFactorRequired(viewer, policy),
    passkeys,
    authenticatorApp: totp ? { addedAt: totp.confirmedAt!, lastUsedAt: totp.lastUsedAt } : null,
    recoveryCodesLeft,
  };
}

/** How many factors the user has; run after lockUser so two removals cannot both see "two". */
async function factorCount(tx: Tx, userId: string): Promise<number> {
  const [passkeys, totp] = await Promise.all([
    tx.passkey.count({ where: { userId } }),
    tx.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
  ]);
  return passkeys + totp;
}

/**
 * Removes one of the viewer's own factors, never the last while the policy
 * requires one. With none left, the recovery codes go too (they would recover nothing).
 */
async function removeOwnFactor(context: RequestContext, entityType: "Passkey" | "TotpFactor", remove: (tx: Tx, userId: string) => Promise<string | null>) {
  const viewer = viewerOf(context);
  const policy = await policyOf(context.prisma, viewer.clinicId);
  await context.prisma.$transaction(async (tx) => {
    await lockUser(tx, viewer.id);
    const before = await factorCount(tx, viewer.id);
    const removed = await remove(tx, viewer.id);
    // Not the viewer's (or not there): NOT_FOUND whatever the session; the step-up guards what is theirs.
    if (!removed) notFound(entityType === "Passkey" ? "Passkey" : "Authenticator app");
    assertRecentSecondFactor(context);
    if (before <= 1 && secondFactorRequired(viewer, policy)) {
      badInput("Your clinic requires a second factor: add another before removing your last one.", ["id"]);
    }
    if (before <= 1) await tx.recoveryCode.deleteMany({ where: { userId: viewer.id } });
    await appendAuditEvents(tx, [auditEventOf(context, { action: "second_factor.remove", entityType, entityIds: [removed] })]);
  }, TRANSACTION);
}

/** Only the viewer's own passkey: another user's id is not found. */
export function removeMyPasskey(context: RequestContext, id: string): Promise<void> {
  return removeOwnFactor(context, "Passkey", async (tx, userId) => {
    const { count } = await tx.passkey.deleteMany({ where: { id, userId } });
    return count ? id : null;
  });
}

export function removeMyAuthenticatorApp(context: RequestContext): Promise<void> {
  return removeOwnFactor(context, "TotpFactor", async (tx, userId) => {
    const { count } = await tx.totpFactor.deleteMany({ where: { userId, confirmedAt: { not: null } } });
    return count ? userId : null;
  });
}

/** Ten new recovery codes, shown once; the old ones stop working. */
export async function regenerateMyRecoveryCodes(context: RequestContext): Promise<string[]> {
  const viewer = viewerOf(context);
  return context.prisma.$transaction(async (tx) => {
    await lockUser(tx, viewer.id);
    if (!(await hasSecondFactor(tx, viewer.id))) badInput("Add a passkey or an authenticator app first: recovery codes stand in for one.", []);
    assertRecentSecondFactor(context);
    const codes = await replaceRecoveryCodes(tx, viewer.id);
    await appendAuditEvents(tx, [auditEventOf(context, { action: "second_factor.recovery_codes", entityType: "User", entityIds: [viewer.id] })]);
    return codes;
  }, TRANSACTION);
}

/**
 * An administrator removes every second factor of a user of their clinic (a
 * lost phone) and ends all of that user's sessions: if the policy requires a
 * factor, they set up a new one at their next sign-in.
 */
export async function resetUserSecondFactors(context: RequestContext, userId: string): Promise<void> {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  if (userId === admin.id) badInput("Change your own second factors under Your account.", ["userId"]);
  assertRecentSecondFactor(context);
  await context.db.$transaction(async (scoped) => {
    // Through the clinic-scoped client: another clinic's user is not found.
    if (!(await scoped.user.count({ where: { id: userId } }))) notFound("User");
    const tx = scoped as unknown as Tx;
    await lockUser(tx, userId);
    await tx.passkey.deleteMany({ where: { userId } });
    await tx.totpFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await endAllSessions(tx as unknown as PrismaClient, userId, "SECOND_FACTORS_RESET");
    await appendAuditEvents(tx, [auditEventOf(context, { action: "second_factor.reset", entityType: "User", entityIds: [userId] })]);
  }, TRANSACTION);
}

/** Who in the clinic must have a second factor; audited. Live sessions of users who now must and have none go to enrolment. */
export async function setSecondFactorPolicy(context: RequestContext, policy: SecondFactorPolicy) {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  assertRecentSecondFactor(context);
  return context.db.$transaction(async (scoped) => {
    const clinic = await scoped.clinic.update({ where: { id: admin.clinicId }, data: { secondFactorPolicy: policy } });
    await appendAuditEvents(scoped as unknown as Tx, [auditEventOf(context, { action: "clinic.second_factor_policy", entityType: "Clinic", entityIds: [admin.clinicId] })]);
    return clinic;
  }, TRANSACTION);
}
