import type { Viewer } from "@/lib/auth/viewer";
import { withinDays } from "@/lib/dates";
import { isUniqueViolation } from "@/lib/db/errors";
import { NEWEST_FIRST, olderThan, type NewestFirstKey } from "@/lib/db/keyset";
import type { ClinicDb } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma, Referral } from "@/lib/generated/prisma/client";
import type { Discipline, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { assertCan, mayChangeReferralStatus, refuseReferralStatus } from "@/lib/permissions";
import { followsRecommendation, isAllowedTransition } from "@/lib/referrals/lifecycle";
import type { ReferralFilter } from "@/lib/referrals/validation";
import { viewerOf, type RequestContext } from "@/lib/request/context";
import { triage, type ValidNeedsInput } from "@/lib/triage";

/** What to load with each referral: the API passes the selection it was asked for, so nested fields cost no extra statements. */
export type ReferralQuery = { include?: Prisma.ReferralInclude; select?: Prisma.ReferralSelect };

/**
 * One page (`first` + 1 rows, the extra one only says there is more) of the
 * clinic's referrals, newest first by keyset on the (createdAt, id) index:
 * rows inserted meanwhile are newer than any cursor, so later pages neither
 * skip nor repeat.
 */
async function referralRows(
  context: RequestContext,
  where: Prisma.ReferralWhereInput,
  page: { first: number; after: NewestFirstKey | null },
  query: ReferralQuery,
): Promise<Referral[]> {
  assertCan(viewerOf(context), "READ_REFERRALS");
  return context.db.referral.findMany({
    ...query,
    where: { AND: [where, ...(page.after ? [olderThan(page.after)] : [])] },
    orderBy: NEWEST_FIRST,
    take: page.first + 1,
  }) as Promise<Referral[]>;
}

/** The clinic's referrals matching a filter; a patient filter must name one of the clinic's patients. */
export async function listReferrals(
  context: RequestContext,
  filter: ReferralFilter,
  page: { first: number; after: NewestFirstKey | null },
  query: ReferralQuery = {},
): Promise<Referral[]> {
  const where: Prisma.ReferralWhereInput = {};
  if (filter.patientId) {
    const patient = await context.db.patient.findFirst({ where: { id: filter.patientId }, select: { id: true } });
    if (!patient) notFound("Patient");
    where.patientId = filter.patientId;
  }
  if (filter.discipline) where.disciplines = { has: filter.discipline };
  if (filter.status) where.status = filter.status;
  if (filter.priority) where.priority = filter.priority;
  if (filter.author === "ME") where.authorId = viewerOf(context).id;
  const created = withinDays(filter.createdFrom, filter.createdTo);
  if (created) where.createdAt = created;
  return referralRows(context, where, page, query);
}

/** A patient's referrals, for a patient already found in the clinic. */
export function referralsOfPatient(
  context: RequestContext,
  patientId: string,
  page: { first: number; after: NewestFirstKey | null },
  query: ReferralQuery = {},
): Promise<Referral[]> {
  return referralRows(context, { patientId }, page, query);
}

export async function findReferral(context: RequestContext, id: string, query: ReferralQuery = {}): Promise<Referral> {
  assertCan(viewerOf(context), "READ_REFERRALS");
  const referral = (await context.db.referral.findFirst({ ...query, where: { id } })) as Referral | null;
  return referral ?? notFound("Referral");
}

export interface NewReferral {
  idempotencyKey: string;
  patientId: string;
  needs: ValidNeedsInput;
  disciplines: Discipline[];
  overrideReason: string | null;
  priority: ReferralPriority;
}

/** The referral already sent with this key, which must have been for the same patient. */
async function referralSentWithKey(db: ClinicDb, viewer: Viewer, referral: NewReferral): Promise<string | null> {
  const existing = await db.referral.findUnique({
    where: { clinicId_idempotencyKey: { clinicId: viewer.clinicId, idempotencyKey: referral.idempotencyKey } },
    select: { id: true, patientId: true },
  });
  if (existing && existing.patientId !== referral.patientId) {
    throw new AppError("CONFLICT", "This idempotency key was already used for another referral.");
  }
  return existing?.id ?? null;
}

/**
 * Sends a referral: the triage result is recomputed here from the needs (never
 * taken from the client), and the referral and its first event are written in
 * one transaction. Resending the same idempotency key returns the first referral.
 */
export async function sendReferral(context: RequestContext, referral: NewReferral): Promise<string> {
  const { db } = context;
  const viewer = viewerOf(context);
  assertCan(viewer, "SEND_REFERRALS");
  const resent = await referralSentWithKey(db, viewer, referral);
  if (resent) return resent;
  const patient = await db.patient.findUnique({ where: { id: referral.patientId }, select: { id: true } });
  if (!patient) throw new AppError("NOT_FOUND", "Patient was not found.");

  const result = triage(referral.needs);
  const followed = followsRecommendation(result.recommendation, referral.disciplines);
  if (!followed && !referral.overrideReason) {
    throw new AppError("BAD_USER_INPUT", "Give a reason for choosing otherwise than the recommendation.", {
      field: ["input", "overrideReason"],
    });
  }
  try {
    const created = await db.referral.create({
      data: {
        clinicId: viewer.clinicId,
        patientId: patient.id,
        authorId: viewer.id,
        idempotencyKey: referral.idempotencyKey,
        needs: referral.needs.needs,
        conditions: referral.needs.conditions,
        notes: referral.needs.notes,
        recommendation: result.recommendation,
        triage: result as unknown as Prisma.InputJsonObject,
        rulesetVersion: result.rulesetVersion,
        disciplines: referral.disciplines,
        overrideReason: followed ? null : referral.overrideReason,
        priority: referral.priority,
        // A nested create: Prisma writes the referral and its first event in one transaction.
        events: { create: { actorId: viewer.id, toStatus: "SENT" } },
      },
      select: { id: true },
    });
    return created.id;
  } catch (error) {
    // Two requests with one key raced: the unique index let one through; answer with it.
    if (isUniqueViolation(error)) {
      const first = await referralSentWithKey(db, viewer, referral);
      if (first) return first;
    }
    throw error;
  }
}

export interface StatusChange {
  id: string;
  status: ReferralStatus;
  expectedVersion: number;
  note: string | null;
}

/**
 * Moves a referral along its lifecycle if the viewer saw the current version:
 * the status, version and a timeline event change together or not at all.
 */
export async function changeReferralStatus(context: RequestContext, change: StatusChange): Promise<void> {
  const { db } = context;
  const viewer = viewerOf(context);
  const referral = await db.referral.findUnique({
    where: { id: change.id },
    select: { id: true, status: true, version: true, authorId: true },
  });
  if (!referral) throw new AppError("NOT_FOUND", "Referral was not found.");
  const stale = () =>
    new AppError("CONFLICT", "Someone else changed this referral since you loaded it; reload to see the latest.");
  if (referral.version !== change.expectedVersion) throw stale();
  if (!isAllowedTransition(referral.status, change.status)) {
    throw new AppError("BAD_USER_INPUT", `A ${referral.status.toLowerCase()} referral cannot become ${change.status.toLowerCase()}.`, {
      field: ["status"],
    });
  }
  if (!mayChangeReferralStatus(viewer, referral, change.status)) throw refuseReferralStatus(change.status);
  await db.$transaction(async (tx) => {
    const { count } = await tx.referral.updateMany({
      where: { id: referral.id, version: change.expectedVersion },
      data: { status: change.status, version: { increment: 1 } },
    });
    if (count === 0) throw stale();
    await tx.referralEvent.create({
      data: {
        referralId: referral.id,
        actorId: viewer.id,
        fromStatus: referral.status,
        toStatus: change.status,
        note: change.note,
      },
    });
  });
}
