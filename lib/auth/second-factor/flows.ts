import QRCode from "qrcode";
import { z } from "zod";
import { appendAuditEvents, recordAuditEvents, type AuditEventInput, type AuditOutcome } from "@/lib/audit";
import { recentlyVerified } from "@/lib/auth/second-factor/policy";
import { authenticationOptions, registrationOptions, verifiedAssertion, verifiedRegistration } from "@/lib/auth/second-factor/passkeys";
import { consumeRecoveryCode, replaceRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { consumeTotpCode, matchingStep, newTotpSecret, otpauthUri } from "@/lib/auth/second-factor/totp";
import type { LiveSession } from "@/lib/auth/sessions";
import { reserveSignInAttempt } from "@/lib/auth/throttle";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, badInput, TooManyAttemptsError, unauthenticated } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { RequestOrigin } from "@/lib/request/context";
import { parseInput } from "@/lib/validation";

/**
 * The second-factor step of signing in, step-up checks, and enrolment: what the
 * routes under /api/second-factor do (lib/request/pipeline.ts `secondFactorRoute`
 * hands them the session, pending or not). A pending session reaches these and
 * nothing else.
 */

export interface FactorRequest {
  prisma: PrismaClient;
  session: LiveSession;
  origin: RequestOrigin;
}

type Tx = Prisma.TransactionClient;

const TRANSACTION = { maxWait: 5_000, timeout: 15_000 };

function eventOf(request: FactorRequest, action: string, entityType: string, entityIds: string[], outcome: AuditOutcome = "SUCCESS"): AuditEventInput {
  const { viewer } = request.session;
  return { clinicId: viewer.clinicId, userId: viewer.id, action, entityType, entityIds, outcome, ...request.origin };
}

/** Serialises changes to one user's factors (two removals at once cannot both take "one of two"). */
export async function lockUser(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
}

export async function hasSecondFactor(tx: Pick<PrismaClient, "passkey" | "totpFactor">, userId: string): Promise<boolean> {
  const [passkeys, totp] = await Promise.all([
    tx.passkey.count({ where: { userId } }),
    tx.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
  ]);
  return passkeys + totp > 0;
}

/** Asks for the second factor again when the session's last check is older than STEP_UP_SECONDS. */
export function stepUpRequired(): never {
  throw new AppError("SECOND_FACTOR_REQUIRED", "Confirm it is you: use your second factor again.");
}

/**
 * Adding a factor: anyone without one (forced enrolment included); someone who
 * has one only from a session that passed it within the last 10 minutes, so
 * neither a session that has not passed it nor a stolen old one can add its own.
 */
async function assertMayEnrol(tx: Tx, request: FactorRequest): Promise<void> {
  if ((await hasSecondFactor(tx, request.session.viewer.id)) && !recentlyVerified(request.session.secondFactorAt)) stepUpRequired();
}

/** The session has now passed a second factor (sign-in's second step, step-up, or enrolment). */
async function markVerified(tx: Tx, sessionId: string): Promise<void> {
  const changed = await tx.$executeRaw`UPDATE "UserSession" SET "secondFactorAt" = now() WHERE id = ${sessionId}::uuid AND "endedAt" IS NULL`;
  if (!changed) throw unauthenticated();
}

/** Ten new recovery codes when the user has no unused ones (their first factor); null when they still have some. */
async function recoveryCodesIfNone(tx: Tx, request: FactorRequest): Promise<string[] | null> {
  const userId = request.session.viewer.id;
  if (await tx.recoveryCode.count({ where: { userId, usedAt: null } })) return null;
  const codes = await replaceRecoveryCodes(tx, userId);
  await appendAuditEvents(tx, [eventOf(request, "second_factor.recovery_codes", "User", [userId])]);
  return codes;
}

const VERIFY_INPUT = z.discriminatedUnion("method", [
  z.object({ method: z.literal("TOTP"), code: z.string().max(32, "Enter the 6-digit code.") }),
  z.object({ method: z.literal("RECOVERY_CODE"), code: z.string().max(64, "Enter one of your recovery codes.") }),
  z.object({ method: z.literal("PASSKEY"), response: z.record(z.string(), z.unknown()) }),
]);

const WRONG = {
  TOTP: "That code is not right, or it was used already. Enter the newest code from your app.",
  RECOVERY_CODE: "That recovery code is not right, or it was used already.",
  PASSKEY: "That passkey was not accepted. Try again, or use another way.",
} as const;

/**
 * Checks a second factor and marks the session as having passed it: the second
 * step of signing in, or a step-up before an administrator's action. Counted by
 * the sign-in throttle exactly like a password (same counters: the account, the
 * account from this address, the address), before it is checked.
 */
export async function verifySecondFactor(request: FactorRequest, input: unknown): Promise<void> {
  const { session, prisma, origin } = request;
  const answer = parseInput(VERIFY_INPUT, input);
  if (session.stage === "ENROLMENT") throw new AppError("FORBIDDEN", "Set up a second factor first.");
  const userId = session.viewer.id;
  const reservation = await reserveSignInAttempt(prisma, session.viewer.email, origin.ip);
  if (!reservation.allowed) {
    await recordAuditEvents(prisma, [eventOf(request, "auth.second_factor_failed", "User", [userId], "DENIED")]);
    throw new TooManyAttemptsError(reservation.retryAfterSeconds);
  }
  let passed: boolean;
  try {
    passed = await prisma.$transaction(async (tx) => {
      const used =
        answer.method === "TOTP"
          ? (await consumeTotpCode(tx, userId, answer.code)) && { type: "TotpFactor", id: userId }
          : answer.method === "RECOVERY_CODE"
            ? await consumeRecoveryCode(tx, userId, answer.code).then((id) => id && { type: "RecoveryCode", id })
            : await verifiedAssertion(tx, session.sessionId, userId, answer.response).then((id) => id && { type: "Passkey", id });
      if (!used) return false;
      await markVerified(tx, session.sessionId);
      await appendAuditEvents(tx, [eventOf(request, "auth.second_factor", used.type, [used.id])]);
      return true;
    }, TRANSACTION);
  } catch (error) {
    await reservation.release("FAILURE");
    throw error;
  }
  if (!passed) {
    await reservation.release("FAILURE");
    await recordAuditEvents(prisma, [eventOf(request, "auth.second_factor_failed", "User", [userId], "FAILURE")]);
    badInput(WRONG[answer.method], [answer.method === "PASSKEY" ? "response" : "code"]);
  }
  await reservation.release("SUCCESS");
}

/** What the second-factor step offers this user. */
export async function secondFactorMethods(prisma: PrismaClient, userId: string) {
  const [passkeys, totp, recoveryCodes] = await Promise.all([
    prisma.passkey.count({ where: { userId } }),
    prisma.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { passkeys, totp: totp > 0, recoveryCodes };
}

export async function passkeySignInOptions(request: FactorRequest) {
  if (request.session.stage === "ENROLMENT") throw new AppError("FORBIDDEN", "Set up a second factor first.");
  const options = await authenticationOptions(request.prisma, request.session.sessionId, request.session.viewer.id);
  if (!options) badInput("You have no passkey: use your authenticator app or a recovery code.", ["method"]);
  return options;
}

/** Starts setting up an authenticator app: a new secret, as a QR code and as text to type. */
export async function startTotpEnrolment(request: FactorRequest): Promise<{ secret: string; uri: string; qrCode: string }> {
  const { prisma, session } = request;
  const userId = session.viewer.id;
  const secret = newTotpSecret();
  await prisma.$transaction(async (tx) => {
    await lockUser(tx, userId);
    await assertMayEnrol(tx, request);
    if (await tx.totpFactor.count({ where: { userId, confirmedAt: { not: null } } })) {
      throw new AppError("CONFLICT", "You already have an authenticator app. Remove it first to set up another.");
    }
    await tx.totpFactor.upsert({
      where: { userId },
      create: { userId, secret },
      update: { secret, lastUsedStep: null, lastUsedAt: null },
    });
  }, TRANSACTION);
  const uri = otpauthUri(secret, session.viewer.email);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** Finishes setting up the authenticator app with a code from it; the session counts as verified. */
export async function confirmTotpEnrolment(request: FactorRequest, input: unknown): Promise<{ recoveryCodes: string[] | null }> {
  const { code } = parseInput(z.object({ code: z.string().max(32, "Enter the 6-digit code.") }), input);
  const { prisma, session } = request;
  const userId = session.viewer.id;
  return prisma.$transaction(async (tx) => {
    await lockUser(tx, userId);
    await assertMayEnrol(tx, request);
    const pending = await tx.totpFactor.findUnique({ where: { userId } });
    if (!pending || pending.confirmedAt) badInput("Start setting up the app again.", ["code"]);
    const step = matchingStep(pending.secret, code);
    if (step === null) badInput("That code is not right. Check that the time on your phone is correct and enter the newest code.", ["code"]);
    await tx.totpFactor.update({ where: { userId }, data: { confirmedAt: new Date(), lastUsedStep: step, lastUsedAt: new Date() } });
    await appendAuditEvents(tx, [eventOf(request, "second_factor.enrol", "TotpFactor", [userId])]);
    const recoveryCodes = await recoveryCodesIfNone(tx, request);
    await markVerified(tx, session.sessionId);
    return { recoveryCodes };
  }, TRANSACTION);
}

export async function passkeyRegistrationOptions(request: FactorRequest) {
  const { prisma, session } = request;
  await prisma.$transaction((tx) => assertMayEnrol(tx, request), TRANSACTION);
  return registrationOptions(prisma, session.sessionId, session.viewer);
}

const PASSKEY_NAME = z
  .string()
  .trim()
  .min(1, "Name the passkey, e.g. “Work laptop”.")
  .max(60, "Keep the name to 60 characters.")
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "The name cannot hold control characters.");

/** Registers a passkey from the browser's answer to this session's challenge; the session counts as verified. */
export async function registerPasskey(request: FactorRequest, input: unknown): Promise<{ id: string; recoveryCodes: string[] | null }> {
  const { name, response } = parseInput(z.object({ name: PASSKEY_NAME, response: z.record(z.string(), z.unknown()) }), input);
  const { prisma, session } = request;
  const userId = session.viewer.id;
  try {
    return await prisma.$transaction(async (tx) => {
      await lockUser(tx, userId);
      await assertMayEnrol(tx, request);
      const credential = await verifiedRegistration(tx, session.sessionId, response);
      if (!credential) badInput("The passkey could not be registered. Try again.", ["response"]);
      const passkey = await tx.passkey.create({ data: { ...credential, userId, name }, select: { id: true } });
      await appendAuditEvents(tx, [eventOf(request, "second_factor.enrol", "Passkey", [passkey.id])]);
      const recoveryCodes = await recoveryCodesIfNone(tx, request);
      await markVerified(tx, session.sessionId);
      return { id: passkey.id, recoveryCodes };
    }, TRANSACTION);
  } catch (error) {
    if (isUniqueViolation(error)) badInput("This passkey is registered already.", ["response"]);
    throw error;
  }
}
