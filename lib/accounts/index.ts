import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAuditEvents, type AuditWriter } from "@/lib/audit";
import { normaliseEmail } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { assertRecentSecondFactor } from "@/lib/auth/second-factor/manage";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { endAllSessions } from "@/lib/auth/sessions";
import { countRequest } from "@/lib/auth/throttle";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, badInput, notFound } from "@/lib/errors";
import { Prisma, type PrismaClient, type User } from "@/lib/generated/prisma/client";
import type { AccountTokenPurpose } from "@/lib/generated/prisma/enums";
import { Role } from "@/lib/generated/prisma/enums";
import { notify, type NotificationWriter } from "@/lib/notifications";
import { assertCan } from "@/lib/permissions";
import { viewerOf, writeAudited, type RequestContext, type RequestOrigin } from "@/lib/request/context";
import { parseInput } from "@/lib/validation";
import { issueAccountToken, parseLinkToken, secretMatches, type TokenWriter } from "./tokens";

export { accountLinkOf, issueAccountToken, linkTokenOf, parseLinkToken, TOKEN_LIFETIME_SECONDS } from "./tokens";

/**
 * Invitations and password resets: an administrator invites a user by e-mail
 * instead of typing their password, and anyone who forgot theirs asks for a
 * link. Either link sets the password and nothing more: it signs nobody in, so
 * whatever sign-in asks after the password (a second factor) it still asks.
 */

export const inviteUserSchema = z
  .object({
    email: z.email("Email is not a valid address").max(320, "Email must be at most 320 characters").transform(normaliseEmail),
    name: z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
    role: z.enum(Role),
    serviceId: z.uuid("serviceId is not a valid id").nullish(),
  })
  .refine((user) => user.role !== "THERAPIST" || user.serviceId, { message: "Choose the service a therapist works for", path: ["serviceId"] })
  .refine((user) => user.role === "THERAPIST" || !user.serviceId, { message: "Only therapists belong to a service", path: ["serviceId"] });

type UserQuery = { include?: Prisma.UserInclude; select?: Prisma.UserSelect };

/** The link and its e-mail, in the caller's transaction. */
async function sendLink(tx: TokenWriter & NotificationWriter, userId: string, purpose: AccountTokenPurpose): Promise<void> {
  const tokenId = await issueAccountToken(tx, userId, purpose);
  await notify(tx, { kind: purpose, accountTokenId: tokenId }, { userIds: [userId] });
}

/**
 * Adds a user to the administrator's clinic without a password and e-mails
 * them a link (72 hours, single use) to set one. The user, the link, its
 * e-mail in the outbox and the audit event commit together.
 */
export async function inviteUser(context: RequestContext, input: unknown, query: UserQuery = {}): Promise<User> {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  const user = parseInput(inviteUserSchema, input, ["input"]);
  // Adding a user asks for the administrator's second factor again (step-up), however they get their password.
  assertRecentSecondFactor(context);
  if (user.serviceId && !(await context.db.therapyService.count({ where: { id: user.serviceId, clinicId: admin.clinicId, removedAt: null } }))) {
    notFound("Therapy service");
  }
  try {
    return await writeAudited(
      context,
      { action: "user.invite", entityType: "User" },
      async (db) => {
        const created = (await db.user.create({
          ...query,
          data: { clinicId: admin.clinicId, email: user.email, name: user.name, role: user.role, serviceId: user.serviceId ?? null, passwordHash: null },
        })) as User;
        await sendLink(db as unknown as TokenWriter & NotificationWriter, created.id, "INVITATION");
        return created;
      },
      (created) => [created.id],
    );
  } catch (error) {
    // Emails are unique across clinics; saying "exists" would tell an administrator about another clinic's staff.
    if (isUniqueViolation(error)) badInput("This email address cannot be used for a new account.", ["input", "email"]);
    throw error;
  }
}

/** A new invitation link for a user of the clinic who has not accepted yet (the earlier link stops working). */
export async function resendInvitation(context: RequestContext, id: string, query: UserQuery = {}): Promise<User> {
  const admin = viewerOf(context);
  assertCan(admin, "ADMINISTER_USERS");
  assertRecentSecondFactor(context);
  await writeAudited(
    context,
    { action: "user.invite", entityType: "User" },
    async (db) => {
      const user = await db.user.findFirst({ where: { id }, select: { id: true, active: true, passwordHash: true } });
      if (!user) notFound("User");
      if (user.passwordHash !== null) badInput("This user has already set a password.", ["id"]);
      if (!user.active) badInput("This user is deactivated: reactivate them first.", ["id"]);
      await sendLink(db as unknown as TokenWriter & NotificationWriter, user.id, "INVITATION");
    },
    () => [id],
  );
  return context.db.user.findUniqueOrThrow({ ...query, where: { id } }) as Promise<User>;
}

/** "Forgot password" per account and per address, in 15 minutes; beyond, requests are dropped unanswered (and unseen). */
export const RESET_REQUEST_LIMITS = { perAccount: 3, perAddress: 20, windowSeconds: 15 * 60 };

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

const resetEmailSchema = z.email("Enter your email address, e.g. name@clinic.example").max(320, "Email must be at most 320 characters").transform(normaliseEmail);

/**
 * "Forgot password": answers the same whether or not the address has an
 * account, because it does the same work on both paths: it counts the
 * request against the address's and the account's limits (one statement)
 * and, within them, writes the request (one insert). It does not look the
 * address up; the outbox worker does that afterwards (handleResetRequests),
 * away from the answer, and only then makes a link for an active account.
 * Throttled requests are dropped the same way for every address.
 */
export async function requestPasswordReset(prisma: PrismaClient, email: unknown, origin: RequestOrigin): Promise<void> {
  const address = parseInput(resetEmailSchema, email, ["email"]);
  const within = await countRequest(
    prisma,
    [
      { key: `reset-account:${digest(address)}`, limit: RESET_REQUEST_LIMITS.perAccount },
      { key: `reset-address:${digest(origin.ip ?? "unknown")}`, limit: RESET_REQUEST_LIMITS.perAddress },
    ],
    RESET_REQUEST_LIMITS.windowSeconds,
  );
  if (!within) return;
  await prisma.passwordResetRequest.create({ data: { email: address, ip: origin.ip, userAgent: origin.userAgent } });
}

/** Requests older than this when the worker reaches them are dropped: their sender has long given up. */
const RESET_REQUEST_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * The worker's half of "forgot password": for each waiting request, an active
 * account with a password gets a reset link (15 minutes) and its e-mail, and
 * the request is on that account's audit trail; an address without one gets
 * nothing. Requests are claimed with SKIP LOCKED, so several workers share
 * them, and deleted in the same transaction. Returns how many it handled.
 */
export async function handleResetRequests(prisma: PrismaClient, batch = 20): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const requests = await tx.$queryRaw<{ id: string; email: string; ip: string | null; userAgent: string | null; createdAt: Date }[]>`
      SELECT id, email, ip, "userAgent", "createdAt" FROM "PasswordResetRequest" ORDER BY "createdAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
    for (const request of requests) {
      if (Date.now() - request.createdAt.getTime() > RESET_REQUEST_MAX_AGE_MS) continue;
      const user = await tx.user.findUnique({ where: { email: request.email }, select: { id: true, clinicId: true, active: true, passwordHash: true } });
      if (!user?.active || user.passwordHash === null) continue;
      await sendLink(tx, user.id, "PASSWORD_RESET");
      await appendAuditEvents(tx as unknown as AuditWriter, [
        {
          clinicId: user.clinicId,
          userId: user.id,
          action: "auth.password_reset_requested",
          entityType: "User",
          entityIds: [user.id],
          outcome: "SUCCESS",
          ip: request.ip,
          userAgent: request.userAgent,
        },
      ]);
    }
    if (requests.length) await tx.passwordResetRequest.deleteMany({ where: { id: { in: requests.map((request) => request.id) } } });
    return requests.length;
  });
}

const invalidLink = () =>
  new AppError("BAD_USER_INPUT", "This link does not work: it may have been used already, replaced by a newer one, or expired. Ask for a new one.", {
    field: ["token"],
  });

interface TokenRow {
  userId: string;
  purpose: AccountTokenPurpose;
  secretHash: string;
  usable: boolean;
  active: boolean;
  clinicId: string;
}

const tokenRow = (db: Pick<PrismaClient, "$queryRaw">, id: string, lock: boolean) => db.$queryRaw<TokenRow[]>`
  SELECT t."userId", t.purpose, t."secretHash", (t."usedAt" IS NULL AND t."expiresAt" > now()) AS usable, u.active, u."clinicId"
    FROM "AccountToken" t JOIN "User" u ON u.id = t."userId"
   WHERE t.id = ${id}::uuid
   ${lock ? Prisma.sql`FOR UPDATE OF t` : Prisma.empty}`;

/** Whether a link of this purpose would work now (for the page that shows the form). */
export async function linkIsUsable(prisma: PrismaClient, purpose: AccountTokenPurpose, token: unknown): Promise<boolean> {
  const parsed = parseLinkToken(token);
  if (!parsed) return false;
  const [row] = await tokenRow(prisma, parsed.id, false);
  return Boolean(row && row.purpose === purpose && row.usable && row.active && secretMatches(parsed.secret, row.secretHash));
}

const AUDITED: Readonly<Record<AccountTokenPurpose, string>> = { INVITATION: "user.invitation_accepted", PASSWORD_RESET: "auth.password_reset" };

/**
 * Sets a user's password through a link: the link must be of this purpose,
 * unused, unexpired, its secret right and its user active. It is used up in
 * the same transaction that sets the password, under a lock on its row, so two
 * uses at once set it once. Every session of the user ends (whoever had one
 * is signed out). Signs nobody in.
 */
export async function setPasswordWithLink(
  prisma: PrismaClient,
  purpose: AccountTokenPurpose,
  token: unknown,
  newPassword: unknown,
  origin: RequestOrigin,
): Promise<void> {
  if (!(await linkIsUsable(prisma, purpose, token))) throw invalidLink();
  const password = parseInput(newPasswordSchema, newPassword, ["newPassword"]);
  const passwordHash = await hashPassword(password);
  const { id, secret } = parseLinkToken(token)!;
  await prisma.$transaction(async (tx) => {
    const [row] = await tokenRow(tx, id, true);
    if (!row || row.purpose !== purpose || !row.usable || !row.active || !secretMatches(secret, row.secretHash)) throw invalidLink();
    await tx.accountToken.update({ where: { id }, data: { usedAt: new Date() } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await endAllSessions(tx as unknown as PrismaClient, row.userId, "PASSWORD_RESET");
    await appendAuditEvents(tx as unknown as AuditWriter, [
      { clinicId: row.clinicId, userId: row.userId, action: AUDITED[purpose], entityType: "User", entityIds: [row.userId], outcome: "SUCCESS", ...origin },
    ]);
  });
}
