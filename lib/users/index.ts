import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/sessions";
import { isUniqueViolation } from "@/lib/db/errors";
import { badInput, notFound } from "@/lib/errors";
import type { Prisma, User } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/permissions";
import { viewerOf, type RequestContext } from "@/lib/request/context";
import { createUserSchema, newPasswordSchema, type NewUser } from "@/lib/users/validation";
import { parseInput } from "@/lib/validation";

export { createUserSchema, type NewUser };

/**
 * The clinic's users: the viewer's own account, and administration by the
 * clinic's administrators. Every change that ends sessions ends them at once,
 * and every change is on the audit trail.
 */

/** What to load with each user: the API passes the selection it was asked for. */
export type UserQuery = { include?: Prisma.UserInclude; select?: Prisma.UserSelect };

export function findViewerUser(context: RequestContext, query: UserQuery = {}): Promise<User | null> {
  return context.db.user.findUnique({ ...query, where: { id: viewerOf(context).id } }) as Promise<User | null>;
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
  // A therapist works for a service of the administrator's own clinic.
  if (user.serviceId && !(await context.db.therapyService.count({ where: { id: user.serviceId, clinicId: admin.clinicId } }))) {
    notFound("Therapy service");
  }
  try {
    const created = (await context.db.user.create({
      ...query,
      data: {
        clinicId: admin.clinicId,
        email: user.email,
        name: user.name,
        role: user.role,
        serviceId: user.serviceId ?? null,
        passwordHash: await hashPassword(user.password),
      },
    })) as User;
    context.audit.record("user.create", "User", [created.id], "SUCCESS");
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) badInput("A user with this email already exists.", ["input", "email"]);
    throw error;
  }
}

/** Deactivates (ending their sessions at once) or reactivates a user of the clinic; nobody deactivates themselves. */
export async function setUserActive(context: RequestContext, id: string, active: boolean, query: UserQuery = {}): Promise<User> {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  if (id === admin.id && !active) badInput("You cannot deactivate your own account.", ["id"]);
  const { count } = await context.db.user.updateMany({ where: { id }, data: { active } });
  if (count === 0) notFound("User");
  if (!active) await endAllSessions(context.prisma, id, "DEACTIVATED");
  context.audit.record(active ? "user.reactivate" : "user.deactivate", "User", [id], "SUCCESS");
  return reloaded(context, id, query);
}

/** Sets a new password for a user of the clinic and ends their sessions. */
export async function resetUserPassword(context: RequestContext, id: string, newPassword: string, query: UserQuery = {}): Promise<User> {
  assertCan(viewerOf(context), "ADMINISTER_USERS");
  const password = parseInput(newPasswordSchema, newPassword, ["newPassword"]);
  const { count } = await context.db.user.updateMany({ where: { id }, data: { passwordHash: await hashPassword(password) } });
  if (count === 0) notFound("User");
  await endAllSessions(context.prisma, id, "PASSWORD_RESET");
  context.audit.record("user.password_reset", "User", [id], "SUCCESS");
  return reloaded(context, id, query);
}

/** The viewer changes their own password; every session of theirs ends, the current one too. */
export async function changeOwnPassword(context: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
  const viewer = viewerOf(context);
  const user = await context.db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    badInput("The current password is not right.", ["currentPassword"]);
  }
  const password = parseInput(newPasswordSchema, newPassword, ["newPassword"]);
  if (password === currentPassword) badInput("Choose a password different from the current one.", ["newPassword"]);
  await context.db.user.update({ where: { id: viewer.id }, data: { passwordHash: await hashPassword(password) } });
  await endAllSessions(context.prisma, viewer.id, "PASSWORD_CHANGED");
  context.audit.record("user.password_change", "User", [viewer.id], "SUCCESS");
}
