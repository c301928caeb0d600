import { appendAuditEvents, type AuditWriter } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { formatCalendarDate, withinDays } from "@/lib/dates";
import { uuidV7 } from "@/lib/ids";
import { isServiceClosedError, isUniqueViolation } from "@/lib/db/errors";
import { notify, type NotificationWriter } from "@/lib/notifications";
import { REFERABLE } from "@/lib/services";
import { NEWEST_FIRST, olderThan, type NewestFirstKey } from "@/lib/db/keyset";
import { selectsOnly } from "@/lib/db/selection";
import type { ClinicDb } from "@/lib/db/tenant";
import { AppError, badInput, notFound } from "@/lib/errors";
import type { Prisma, Referral } from "@/lib/generated/prisma/client";
import type { Discipline, ReferralPriority } from "@/lib/generated/prisma/enums";
import { assertCan, referralReadScope, refusal } from "@/lib/permissions";
import { followsRecommendation } from "@/lib/referrals/lifecycle";
import { DISCIPLINE_NAMES, STATUS_NAMES } from "@/lib/referrals/labels";
import { OPEN_STATUSES, PRIORITY_RANK } from "@/lib/referrals/parts";
import type { ReferralFilter } from "@/lib/referrals/validation";
import { auditEventOf, viewerOf, writeAudited, type RequestContext } from "@/lib/request/context";
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
  return context.db.referral.findMany({
    ...query,
    where: { AND: [where, ...(page.after ? [olderThan(page.after)] : [])] },
    orderBy: NEWEST_FIRST,
    take: page.first + 1,
  }) as Promise<Referral[]>;
}

/** The referrals the viewer's clinic sent, matching a filter; a patient filter must name one of the clinic's patients. */
export async function listReferrals(
  context: RequestContext,
  filter: ReferralFilter,
  page: { first: number; after: NewestFirstKey | null },
  query: ReferralQuery = {},
): Promise<Referral[]> {
  const viewer = viewerOf(context);
  assertCan(viewer, "READ_REFERRALS");
  const where: Prisma.ReferralWhereInput = { clinicId: viewer.clinicId };
  if (filter.patientId) {
    const patient = await context.db.patient.findFirst({ where: { id: filter.patientId }, select: { id: true } });
    if (!patient) notFound("Patient");
    where.patientId = filter.patientId;
  }
  if (filter.discipline) where.disciplines = { has: filter.discipline };
  if (filter.status) where.parts = { some: { status: filter.status } };
  if (filter.priority) where.priority = filter.priority;
  if (filter.author === "ME") where.authorId = viewerOf(context).id;
  const created = withinDays(filter.createdFrom, filter.createdTo);
  if (created) where.createdAt = created;
  return referralRows(context, where, page, query);
}

/**
 * What of the referrals the clinic may see (lib/db/tenant.ts) this viewer
 * reads: all of them, or for a therapist those with a part at their service.
 */
function readableBy(context: RequestContext): Prisma.ReferralWhereInput {
  const scope = referralReadScope(viewerOf(context));
  if (!scope) throw refusal("READ_REFERRALS");
  return scope === "CLINIC" ? {} : { parts: { some: { serviceId: scope.serviceId } } };
}

/** A patient's referrals that the viewer may read, for a patient already found. */
export function referralsOfPatient(
  context: RequestContext,
  patientId: string,
  page: { first: number; after: NewestFirstKey | null },
  query: ReferralQuery = {},
): Promise<Referral[]> {
  return referralRows(context, { patientId, ...readableBy(context) }, page, query);
}

export async function findReferral(context: RequestContext, id: string, query: ReferralQuery = {}): Promise<Referral> {
  const referral = (await context.db.referral.findFirst({ ...query, where: { id, ...readableBy(context) } })) as Referral | null;
  return referral ?? notFound("Referral");
}

/**
 * A referral just sent, as the API asks for it: the form's `createReferral { id }`
 * is answered from the row in hand; a selection of anything more is read back.
 */
export function sentReferral(context: RequestContext, sent: SentReferral, query: ReferralQuery = {}): Promise<Referral> {
  return selectsOnly(query, sent) ? Promise.resolve(sent as Referral) : findReferral(context, sent.id, query);
}

export interface NewReferral {
  idempotencyKey: string;
  patientId: string;
  needs: ValidNeedsInput;
  disciplines: Discipline[];
  overrideReason: string | null;
  /** Why it is sent although the patient has an open part of one of its disciplines; required then. */
  duplicateReason: string | null;
  /** Sent to the one service chosen to assess the patient (its discipline is the one in `disciplines`). */
  assessFirst: boolean;
  priority: ReferralPriority;
  /** A service per discipline; a discipline without one goes to the clinic's own service of it. */
  serviceIds: string[];
}

/** What sending answers with: the referral's id and when it was sent (all `createReferral { id }` asks). */
export type SentReferral = Pick<Referral, "id" | "createdAt">;

/** The referral already sent with this key, which must have been for the same patient. */
async function referralSentWithKey(db: ClinicDb, viewer: Viewer, referral: NewReferral): Promise<SentReferral | null> {
  const existing = await db.referral.findUnique({
    where: { clinicId_idempotencyKey: { clinicId: viewer.clinicId, idempotencyKey: referral.idempotencyKey } },
    select: { id: true, createdAt: true, patientId: true },
  });
  if (existing && existing.patientId !== referral.patientId) {
    throw new AppError("CONFLICT", "This idempotency key was already used for another referral.");
  }
  return existing && { id: existing.id, createdAt: existing.createdAt };
}

/**
 * Sends a referral: the triage result is recomputed here from the needs (never
 * taken from the client), and the referral and its first event are written in
 * one transaction. Resending the same idempotency key returns the first referral.
 */
export async function sendReferral(context: RequestContext, referral: NewReferral): Promise<SentReferral> {
  const { db } = context;
  const viewer = viewerOf(context);
  assertCan(viewer, "SEND_REFERRALS");
  // The four reads depend on none of the others, so they go out together (one
  // wait for PostgreSQL instead of four); their answers are judged in this
  // order, so a resend, an unknown patient and a wrong service are answered
  // exactly as when they ran one after another.
  const lookups = [
    referralSentWithKey(db, viewer, referral),
    db.patient.findUnique({ where: { id: referral.patientId }, select: { id: true } }),
    servicesFor(context, referral),
    openPartsOf(db, referral.patientId, referral.disciplines),
  ] as const;
  // An earlier answer may decide before a later one settles: its failure is then not the request's.
  for (const lookup of lookups) lookup.catch(() => undefined);
  const resent = await lookups[0];
  if (resent) {
    // The answer reads the stored referral back: a read like any other, on the trail.
    context.audit.record("referral.read", "Referral", [resent.id], "SUCCESS");
    return resent;
  }
  const patient = await lookups[1];
  if (!patient) throw new AppError("NOT_FOUND", "Patient was not found.");
  const services = await lookups[2];
  const result = triage(referral.needs);
  const followed = followsRecommendation(result.recommendation, referral.disciplines, referral.assessFirst);
  if (!followed && !referral.overrideReason) {
    throw new AppError("BAD_USER_INPUT", "Give a reason for choosing otherwise than the recommendation.", {
      field: ["input", "overrideReason"],
    });
  }
  const open = await lookups[3];
  if (open.length > 0 && !referral.duplicateReason) {
    const named = open.map(
      (part) =>
        `${DISCIPLINE_NAMES[part.discipline]} at ${part.service.name}, sent ${formatCalendarDate(part.sentAt.toISOString().slice(0, 10))}, status ${STATUS_NAMES[part.status]}`,
    );
    throw new AppError("CONFLICT", `Already open for this patient: ${named.join("; ")}. Send anyway? Say why.`, {
      field: ["input", "duplicateReason"],
    });
  }
  try {
    // The id is made here because each part's first event names it too.
    const id = uuidV7();
    const write = async (tx: ClinicDb): Promise<SentReferral> => {
      const sent = await tx.referral.create({
        data: {
          id,
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
          duplicateReason: open.length > 0 ? referral.duplicateReason : null,
          assessFirst: referral.assessFirst,
          priority: referral.priority,
          // Nested creates: Prisma writes the referral, its parts and their first events in one transaction.
          parts: {
            create: services.map((service) => ({
              serviceId: service.id,
              discipline: service.discipline,
              priorityRank: PRIORITY_RANK[referral.priority],
              events: { create: { referralId: id, actorId: viewer.id, action: "SEND" as const, toStatus: "SENT" as const } },
            })),
          },
        },
        select: { id: true, createdAt: true, parts: { select: { id: true, serviceId: true } } },
      });
      // Each receiving service's therapists are told in the same transaction (the outbox: lib/notifications).
      for (const part of sent.parts) {
        await notify(tx as unknown as NotificationWriter, { kind: "PART_RECEIVED", referralId: id, partId: part.id, actorId: viewer.id }, { serviceId: part.serviceId });
      }
      // Sent: the author's draft for this patient has done its work (lib/drafts).
      await tx.referralDraft.deleteMany({ where: { userId: viewer.id, patientId: patient.id } });
      if (open.length > 0) {
        // The answer to the duplicate warning, naming the referrals that were open.
        await appendAuditEvents(tx as unknown as AuditWriter, [
          auditEventOf(context, {
            action: "referral.duplicate_confirmed",
            entityType: "Referral",
            entityIds: [sent.id, ...new Set(open.map((part) => part.referralId))],
          }),
        ]);
      }
      return { id: sent.id, createdAt: sent.createdAt };
    };
    return await writeAudited(context, { action: "referral.create", entityType: "Referral" }, write, (row) => [row.id]);
  } catch (error) {
    // Two requests with one key raced: the unique index let one through; answer with it.
    if (isServiceClosedError(error)) badInput("A chosen service has just closed to new referrals: choose another.", ["input", "serviceIds"]);
    if (isUniqueViolation(error)) {
      const first = await referralSentWithKey(db, viewer, referral);
      if (first) {
        context.audit.record("referral.read", "Referral", [first.id], "SUCCESS");
        return first;
      }
    }
    throw error;
  }
}

/** The patient's parts still open (sent, questioned, accepted, in progress) in any of these disciplines: the duplicate warning's subject. */
export function openPartsOf(db: ClinicDb, patientId: string, disciplines: readonly Discipline[]) {
  return db.referralPart.findMany({
    where: { referral: { patientId }, discipline: { in: [...disciplines] }, status: { in: [...OPEN_STATUSES] } },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take: 5,
    select: { id: true, referralId: true, discipline: true, status: true, sentAt: true, service: { select: { name: true } } },
  });
}

/**
 * The service each chosen discipline goes to: the one named for it, which the
 * clinic must be able to refer to, or else the clinic's own service of that
 * discipline (the first by name).
 */
async function servicesFor(context: RequestContext, referral: NewReferral) {
  const { db } = context;
  const named = referral.serviceIds.length
    ? await db.therapyService.findMany({ where: { id: { in: referral.serviceIds }, ...REFERABLE }, select: { id: true, discipline: true, clinicId: true } })
    : [];
  if (named.length !== new Set(referral.serviceIds).size) notFound("Therapy service");
  const chosen = [];
  for (const discipline of referral.disciplines) {
    const forDiscipline = named.filter((service) => service.discipline === discipline);
    if (forDiscipline.length > 1) badInput("Choose one service per discipline.", ["input", "serviceIds"]);
    const service =
      forDiscipline[0] ??
      (await db.therapyService.findFirst({
        where: { clinicId: viewerOf(context).clinicId, discipline, ...REFERABLE },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: { id: true, discipline: true, clinicId: true },
      }));
    if (!service) badInput("Your clinic has no service of this discipline: choose another clinic's service.", ["input", "serviceIds"]);
    chosen.push(service);
  }
  if (named.some((service) => !referral.disciplines.includes(service.discipline))) {
    badInput("A chosen service is not of a chosen discipline.", ["input", "serviceIds"]);
  }
  return chosen;
}
