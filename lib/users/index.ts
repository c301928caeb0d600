import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertRecentSecondFactor } from "@/lib/auth/second-factor/manage";
import { reserveSignInAttempt } from "@/lib/auth/throttle";
import type { Viewer } from "@/lib/auth/viewer";
import { endAllSessions } from "@/lib/auth/sessions";
import { isUniqueViolation } from "@/lib/db/errors";
import { selectsOnly } from "@/lib/db/selection";
import { badInput, notFound, TooManyAttemptsError } from "@/lib/errors";
import type { ClinicDb } from "@/lib/db/tenant";
import type { Prisma, PrismaClient, User } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/permissions";
import { viewerOf, writeAudited, type RequestContext } from "@/lib/request/context";
import { createUserSchema, newPasswordSchema, ownContactSchema, type NewUser } from "@/lib/users/validation";
import { parseInput } from "@/lib/validation";

export { createUserSchema, type NewUser };

/**
 * The clinic's users: the viewer's own account, and administration by the
 * clinic's administrators. Every change that ends sessions ends them at once,
 * and every change is on the audit trail.
 */

/** What to load with each user: the API passes the selection it was asked for. */
export type UserQuery = { include?: Prisma.UserInclude; select?: Prisma.UserSelect };

/**
 * The columns of the viewer's own row that the session check read in this
 * request (lib/auth/sessions.ts), from PostgreSQL, moments ago: a live session
 * needs an active user.
 */
function rowOfSession(viewer: Viewer): Pick<User, "id" | "name" | "email" | "role" | "clinicId" | "serviceId" | "active"> {
  const { id, name, email, role, clinicId, serviceId } = viewer;
  return { id, name, email, role, clinicId, serviceId, active: true };
}

/**
 * The viewer's own account. A selection of nothing but the columns the session
 * check already read (the browser's `me { id permissions }` on every page) is
 * answered from them instead of reading the same row again; anything more (the
 * clinic, the service, the dates) is read.
 */
export function findViewerUser(context: RequestContext, query: UserQuery = {}): Promise<User | null> {
  const viewer = viewerOf(context);
  const fromSession = rowOfSession(viewer);
  if (selectsOnly(query, fromSession)) return Promise.resolve(fromSession as User);
  return context.db.user.findUnique({ ...query, where: { id: viewer.id } }) as Promise<User | null>;
}

export function listUsers(context: RequestContext, query: UserQuery = {}): Promise<User[]> {
  assertCan(viewerOf(context), "ADMINISTER_USERS");
  return context.db.user.findMany({ ...query, orderBy: [{ name: "asc" }, { id: "asc" }] }) as Promise<User[]>;
}

async function reloaded(context: RequestContext, id: string, query: UserQuery): Promise<User> {
  return context.db.user.findUniqueOrThrow({ ...query, where: { id } }) as Promise<User>;
}

export async function createUser(context: RequestContext, input: unknown, query: UserQuery = {}): Promise<User> {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  const user: NewUser = parseInput(createUserSchema, input, ["input"]);
  assertRecentSecondFactor(context);
  // A therapist works for a service of the administrator's own clinic.
  if (user.serviceId && !(await context.db.therapyService.count({ where: { id: user.serviceId, clinicId: admin.clinicId } }))) {
    notFound("Therapy service");
  }
  const passwordHash = await hashPassword(user.password);
  try {
    return await writeAudited(
      context,
      { action: "user.create", entityType: "User" },
      async (db) =>
        (await db.user.create({
          ...query,
          data: { clinicId: admin.clinicId, email: user.email, name: user.name, role: user.role, serviceId: user.serviceId ?? null, passwordHash },
        })) as User,
      (created) => [created.id],
    );
  } catch (error) {
    // Emails are unique across clinics; saying "exists" would tell an administrator about another clinic's staff.
    if (isUniqueViolation(error)) badInput("This email address cannot be used for a new account.", ["input", "email"]);
    throw error;
  }
}

/** Deactivates (ending their sessions at once) or reactivates a user of the clinic; nobody deactivates themselves. */
export async function setUserActive(context: RequestContext, id: string, active: boolean, query: UserQuery = {}): Promise<User> {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  if (id === admin.id && !active) badInput("You cannot deactivate your own account.", ["id"]);
  assertRecentSecondFactor(context);
  const action = active ? "user.reactivate" : "user.deactivate";
  // NOT_FOUND is thrown inside the transaction, so a refused change leaves no event behind.
  await writeAudited(
    context,
    { action, entityType: "User" },
    async (db) => {
      const changed = active
        ? (await db.user.updateMany({ where: { id }, data: { active } })).count
        : await deactivateKeepingAnAdministrator(db, admin.clinicId, id);
      if (!changed) notFound("User");
      if (!active) await endAllSessions(db as unknown as PrismaClient, id, "DEACTIVATED");
    },
    () => [id],
  );
  return reloaded(context, id, query);
}

/**
 * Deactivates a user unless they are the clinic's last active administrator,
 * decided in the write itself: the clinic's active administrators are locked
 * first, so two administrators deactivating each other at the same moment
 * queue here and the second sees the first's change. Runs in the caller's transaction.
 */
async function deactivateKeepingAnAdministrator(tx: ClinicDb, clinicId: string, id: string): Promise<number> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE "clinicId" = ${clinicId}::uuid AND role = 'ADMIN' AND active FOR UPDATE`;
  if (admins.some((row) => row.id === id) && admins.length <= 1) {
    badInput("A clinic keeps at least one active administrator: make someone else an administrator first.", ["id"]);
  }
  return (await tx.user.updateMany({ where: { id }, data: { active: false } })).count;
}

/** Sets a new password for another user of the clinic and ends their sessions. */
export async function resetUserPassword(context: RequestContext, id: string, newPassword: string, query: UserQuery = {}): Promise<User> {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  if (id === admin.id) badInput("Change your own password under Your account: it asks for the current one.", ["id"]);
  const password = parseInput(newPasswordSchema, newPassword, ["newPassword"]);
  assertRecentSecondFactor(context);
  const passwordHash = await hashPassword(password);
  await writeAudited(
    context,
    { action: "user.password_reset", entityType: "User" },
    async (db) => {
      const { count } = await db.user.updateMany({ where: { id }, data: { passwordHash } });
      if (!count) notFound("User");
      await endAllSessions(db as unknown as PrismaClient, id, "PASSWORD_RESET");
    },
    () => [id],
  );
  return reloaded(context, id, query);
}

/**
 * The viewer changes their own password; every session of theirs ends, the
 * current one too. It checks a password, so with a stolen session it is a way
 * to guess one: the new password's rules are checked first (a refusal of them
 * then says nothing of the current one), and the current one is counted like
 * a sign-in (the same throttle, per account and address, before the check),
 * each wrong one and each refusal to try on the audit trail.
 */
export async function changeOwnPassword(context: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
  const viewer = viewerOf(context);
  const password = parseInput(newPasswordSchema, newPassword, ["newPassword"]);
  if (password === currentPassword) badInput("Choose a password different from the current one.", ["newPassword"]);
  const attempt = await reserveSignInAttempt(context.prisma, viewer.email, context.origin.ip);
  if (!attempt.allowed) {
    context.audit.record("user.password_change", "User", [viewer.id], "DENIED");
    throw new TooManyAttemptsError(attempt.retryAfterSeconds);
  }
  const user = await context.db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  let matches: boolean;
  try {
    // Signed in means a password was set; the null case is the invited user's, who has no session.
    matches = user.passwordHash !== null && (await verifyPassword(user.passwordHash, currentPassword));
  } catch (error) {
    await attempt.release("FAILURE");
    throw error;
  }
  await attempt.release(matches ? "SUCCESS" : "FAILURE");
  if (!matches) {
    context.audit.record("user.password_change", "User", [viewer.id], "FAILURE");
    badInput("The current password is not right.", ["currentPassword"]);
  }
  const passwordHash = await hashPassword(password);
  await writeAudited(
    context,
    { action: "user.password_change", entityType: "User" },
    async (db) => {
      await db.user.update({ where: { id: viewer.id }, data: { passwordHash } });
      await endAllSessions(db as unknown as PrismaClient, viewer.id, "PASSWORD_CHANGED");
    },
    () => [viewer.id],
  );
}

/** The viewer sets their own work phone (the number the services they refer to call them on), audited. */
export async function updateOwnContact(context: RequestContext, input: unknown, query: UserQuery = {}): Promise<User> {
  const viewer = viewerOf(context);
  const contact = parseInput(ownContactSchema, input, ["input"]);
  await writeAudited(
    context,
    { action: "user.contact_change", entityType: "User" },
    (db) => db.user.update({ where: { id: viewer.id }, data: { workPhone: contact.workPhone }, select: { id: true } }),
    () => [viewer.id],
  );
  return reloaded(context, viewer.id, query);
}
