import type { ResponseTargets } from "@/lib/env";
import { AppError, badInput, notFound } from "@/lib/errors";
import type { Prisma, ReferralPart } from "@/lib/generated/prisma/client";
import type { PartAction, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { actsAs, referralReadScope, refusal, type PartActor } from "@/lib/permissions";
import { appendAuditEvents, type AuditWriter } from "@/lib/audit";
import { auditEventOf, viewerOf, type RequestContext } from "@/lib/request/context";
import { notify, type NotificationWriter } from "@/lib/notifications";
import { portalResponseTargets, REFERABLE } from "@/lib/services";

/**
 * The life of one discipline's part of a referral at its therapy service, as
 * FHIR Task, NHS e-RS and 360X close the loop: the service accepts, declines
 * with a coded reason, redirects to the other discipline, or asks the referrer
 * a question (which waits on the referrer); an accepted part goes in progress,
 * then completes with an outcome the referrer acknowledges. The referrer may
 * cancel while it is open, with a coded reason. Every change checks the version the actor saw,
 * writes a timeline event, and is audited, in one transaction.
 */

interface PartRule {
  /** The statuses the action may start from. */
  from: readonly ReferralStatus[];
  /** The status it leads to. */
  to: ReferralStatus;
  /** Who may take it. */
  by: PartActor;
}

const OPEN: readonly ReferralStatus[] = ["SENT", "AWAITING_REFERRER", "ACCEPTED", "IN_PROGRESS"];

/** The transitions table: every action a part allows, from where, to where, by whom. SEND only creates a part. */
export const PART_RULES: Readonly<Record<Exclude<PartAction, "SEND">, PartRule>> = {
  ACCEPT: { from: ["SENT"], to: "ACCEPTED", by: "SERVICE" },
  DECLINE: { from: ["SENT"], to: "DECLINED", by: "SERVICE" },
  REDIRECT: { from: ["SENT"], to: "REDIRECTED", by: "SERVICE" },
  ASK_QUESTION: { from: ["SENT"], to: "AWAITING_REFERRER", by: "SERVICE" },
  ANSWER_QUESTION: { from: ["AWAITING_REFERRER"], to: "SENT", by: "REFERRER" },
  START: { from: ["ACCEPTED"], to: "IN_PROGRESS", by: "SERVICE" },
  COMPLETE: { from: ["IN_PROGRESS"], to: "COMPLETED", by: "SERVICE" },
  ACKNOWLEDGE_OUTCOME: { from: ["COMPLETED"], to: "COMPLETED", by: "REFERRER" },
  CANCEL: { from: OPEN, to: "CANCELLED", by: "AUTHOR" },
};

export type ChangeAction = keyof typeof PART_RULES;
export const OPEN_STATUSES = OPEN;

/** The part as the rules need it. */
export interface PartState {
  status: ReferralStatus;
  serviceId: string;
  outcomeAcknowledgedAt: Date | null;
  referral: { clinicId: string; authorId: string };
}

function ruleAllows(action: ChangeAction, part: PartState): boolean {
  // An outcome is acknowledged once.
  if (action === "ACKNOWLEDGE_OUTCOME" && part.outcomeAcknowledgedAt) return false;
  return PART_RULES[action].from.includes(part.status);
}

/** The actions this viewer may take on this part now. */
export function allowedActions(viewer: Parameters<typeof actsAs>[0], part: PartState): ChangeAction[] {
  return (Object.keys(PART_RULES) as ChangeAction[]).filter(
    (action) => ruleAllows(action, part) && actsAs(viewer, PART_RULES[action].by, part),
  );
}

/** STAT 3, ASAP 2, URGENT 1, ROUTINE 0: the worklist orders on this (descending) by index. */
export const PRIORITY_RANK: Readonly<Record<ReferralPriority, number>> = { ROUTINE: 0, URGENT: 1, ASAP: 2, STAT: 3 };
export const priorityOfRank = (rank: number) =>
  (Object.keys(PRIORITY_RANK) as ReferralPriority[]).find((priority) => PRIORITY_RANK[priority] === rank) ?? "ROUTINE";

/** Working days within which a service should decide, per priority (RESPONSE_TARGET_WORKING_DAYS), read once. */
export const responseTargets = portalResponseTargets;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole working days (Monday to Friday, UTC) from `from` to `to`: a part sent on Friday and read on Monday waited 1. */
export function workingDaysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  if (end <= start) return 0;
  const days = Math.round((end - start) / DAY_MS);
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let day = start + weeks * 7 * DAY_MS + DAY_MS; day <= end; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

/**
 * Waiting time against the response target (the service's own, else the
 * portal's: lib/services responseTargetsOf), for a part still awaiting a decision.
 */
export function waiting(
  part: { status: ReferralStatus; sentAt: Date; priorityRank: number },
  now = new Date(),
  targets: ResponseTargets = responseTargets(),
) {
  const target = targets[priorityOfRank(part.priorityRank)];
  const days = workingDaysBetween(part.sentAt, now);
  const awaiting = part.status === "SENT" || part.status === "AWAITING_REFERRER";
  return { workingDays: days, targetWorkingDays: target, overdue: awaiting && days > target };
}

export interface PartChange {
  id: string;
  expectedVersion: number;
  action: ChangeAction;
  note: string | null;
  declineReason?: Prisma.ReferralPartUpdateInput["declineReason"];
  cancelReason?: Prisma.ReferralPartUpdateInput["cancelReason"];
  serviceId?: string | null;
  outcome?: { provided: string; recommendations: string; score: number | null } | null;
}

const stale = () => new AppError("CONFLICT", "Someone else changed this referral since you loaded it; reload to see the latest.");

const VERBS: Readonly<Record<ChangeAction, string>> = {
  ACCEPT: "accepted",
  DECLINE: "declined",
  REDIRECT: "redirected",
  ASK_QUESTION: "asked a question",
  ANSWER_QUESTION: "answered",
  START: "started",
  COMPLETE: "completed",
  ACKNOWLEDGE_OUTCOME: "acknowledged",
  CANCEL: "cancelled",
};

/**
 * Takes one action on a part if the actor saw its current version: the
 * part's status and version, what the action records (decision, outcome,
 * acknowledgement) and a timeline event change together or not at all; a
 * redirect also opens the new part at the other discipline's service; the
 * audit event that records the change commits with it.
 * Returns the id of the part the action leaves current (the new one after a redirect).
 */
export async function changeReferralPart(context: RequestContext, change: PartChange): Promise<string> {
  const viewer = viewerOf(context);
  const { db } = context;
  // A part the viewer may not read is not there: NOT_FOUND before its version or status can answer.
  const part = await db.referralPart.findFirst({
    where: { id: change.id, ...readablePart(viewer) },
    select: {
      id: true,
      status: true,
      version: true,
      serviceId: true,
      discipline: true,
      priorityRank: true,
      referralId: true,
      outcomeAcknowledgedAt: true,
      service: { select: { name: true } },
      referral: { select: { clinicId: true, authorId: true } },
    },
  });
  if (!part) notFound("Referral");
  if (part.version !== change.expectedVersion) throw stale();
  const rule = PART_RULES[change.action];
  if (!ruleAllows(change.action, part)) {
    badInput(`This referral is ${part.status.toLowerCase().replaceAll("_", " ")}: it cannot be ${VERBS[change.action]} now.`, ["input", "action"]);
  }
  if (!actsAs(viewer, rule.by, part)) {
    throw rule.by === "AUTHOR"
      ? new AppError("FORBIDDEN", "Only the clinician who sent this referral can cancel it.")
      : refusal(rule.by === "SERVICE" ? "DECIDE_REFERRALS" : "SEND_REFERRALS");
  }

  // A redirect goes only where the referring clinic could have sent the part itself: one of its own
  // services, or one that takes outside referrals (and which the viewer's clinic can see at all).
  const target =
    change.action === "REDIRECT"
      ? await db.therapyService.findFirst({
          where: { id: change.serviceId ?? "", ...REFERABLE, OR: [{ clinicId: part.referral.clinicId }, { acceptsExternalReferrals: true }] },
          select: { id: true, discipline: true, name: true },
        })
      : null;
  if (change.action === "REDIRECT") {
    if (!target) notFound("Therapy service");
    if (target.discipline === part.discipline) badInput("Redirect to a service of the other discipline.", ["input", "serviceId"]);
  }

  const now = new Date();
  const data: Prisma.ReferralPartUpdateManyMutationInput = { status: rule.to, version: { increment: 1 } };
  if (change.action === "ACCEPT" || change.action === "DECLINE" || change.action === "REDIRECT") data.decidedAt = now;
  if (change.action === "DECLINE") {
    data.declineReason = change.declineReason as Prisma.ReferralPartUpdateManyMutationInput["declineReason"];
    data.declineComment = change.note;
  }
  if (change.action === "CANCEL") {
    data.cancelReason = change.cancelReason as Prisma.ReferralPartUpdateManyMutationInput["cancelReason"];
    data.cancelComment = change.note;
  }
  if (change.action === "COMPLETE" && change.outcome) {
    data.completedAt = now;
    data.outcomeProvided = change.outcome.provided;
    data.outcomeRecommendations = change.outcome.recommendations;
    data.outcomeScore = change.outcome.score;
  }
  if (change.action === "ACKNOWLEDGE_OUTCOME") data.outcomeAcknowledgedAt = now;

  const current = await db.$transaction(async (tx) => {
    const recorded = (ids: string[]) =>
      appendAuditEvents(tx as unknown as AuditWriter, [auditEventOf(context, { action: "referral_part.change", entityType: "ReferralPart", entityIds: ids })]);
    const { count } = await tx.referralPart.updateMany({ where: { id: part.id, version: change.expectedVersion }, data });
    if (count === 0) throw stale();
    await tx.referralEvent.create({
      data: {
        referralId: part.referralId,
        partId: part.id,
        actorId: viewer.id,
        action: change.action,
        fromStatus: part.status,
        toStatus: rule.to,
        // A completion's event says what was provided, then any note that came with it.
        note: change.action === "COMPLETE" && change.outcome ? [change.outcome.provided, change.note].filter(Boolean).join("\n\n") : change.note,
      },
    });
    await notifyOf(tx as unknown as NotificationWriter, change.action, { ...part, partId: part.id }, viewer.id);
    if (!target) {
      await recorded([part.id]);
      return part.id;
    }
    const redirected = await tx.referralPart.create({
      data: {
        referralId: part.referralId,
        serviceId: target.id,
        discipline: target.discipline,
        priorityRank: part.priorityRank,
        redirectedFromId: part.id,
        events: {
          create: {
            referralId: part.referralId,
            actorId: viewer.id,
            action: "SEND",
            toStatus: "SENT",
            note: `Redirected from ${part.service.name}${change.note ? `: ${change.note}` : ""}`,
          },
        },
      },
      select: { id: true },
    });
    await notify(
      tx as unknown as NotificationWriter,
      { kind: "PART_RECEIVED", referralId: part.referralId, partId: redirected.id, actorId: viewer.id },
      { serviceId: target.id },
    );
    await recorded([part.id, redirected.id]);
    return redirected.id;
  });
  return current;
}

/** Whom each action tells, and of what: the referral's author of the service's doings, the service's therapists of the referrer's. */
const NOTICES: Partial<Record<ChangeAction, { kind: "QUESTION_ASKED" | "QUESTION_ANSWERED" | "PART_DECIDED" | "OUTCOME_READY" | "PART_CANCELLED"; to: "AUTHOR" | "SERVICE" }>> = {
  ACCEPT: { kind: "PART_DECIDED", to: "AUTHOR" },
  DECLINE: { kind: "PART_DECIDED", to: "AUTHOR" },
  REDIRECT: { kind: "PART_DECIDED", to: "AUTHOR" },
  ASK_QUESTION: { kind: "QUESTION_ASKED", to: "AUTHOR" },
  ANSWER_QUESTION: { kind: "QUESTION_ANSWERED", to: "SERVICE" },
  COMPLETE: { kind: "OUTCOME_READY", to: "AUTHOR" },
  CANCEL: { kind: "PART_CANCELLED", to: "SERVICE" },
};

/** The notifications of one action on a part, written in the action's transaction. */
async function notifyOf(
  tx: NotificationWriter,
  action: ChangeAction,
  part: { partId: string; referralId: string; serviceId: string; referral: { authorId: string } },
  actorId: string,
): Promise<void> {
  const notice = NOTICES[action];
  if (!notice) return;
  await notify(
    tx,
    { kind: notice.kind, referralId: part.referralId, partId: part.partId, actorId },
    notice.to === "AUTHOR" ? { userIds: [part.referral.authorId] } : { serviceId: part.serviceId },
  );
}

/** What of the parts the viewer's database shows (lib/db/tenant.ts) they read: all, or a therapist's service's. */
function readablePart(viewer: Parameters<typeof referralReadScope>[0]): Prisma.ReferralPartWhereInput {
  const scope = referralReadScope(viewer);
  if (!scope) throw refusal("READ_REFERRALS");
  return scope === "CLINIC" ? {} : { serviceId: scope.serviceId };
}

/** A part by id, for the viewer: NOT_FOUND when they may not see it, or a therapist's service does not hold it. */
export async function findPart(
  context: RequestContext,
  id: string,
  query: { include?: Prisma.ReferralPartInclude; select?: Prisma.ReferralPartSelect } = {},
): Promise<ReferralPart> {
  const where: Prisma.ReferralPartWhereInput = { id, ...readablePart(viewerOf(context)) };
  const part = (await context.db.referralPart.findFirst({ ...query, where })) as ReferralPart | null;
  return part ?? notFound("Referral");
}

/**
 * One status for a whole referral, for lists: what most needs someone's
 * attention among its parts (a question for the referrer first, then parts
 * awaiting a decision, then work under way), else how it ended.
 */
const SUMMARY_ORDER: readonly ReferralStatus[] = [
  "AWAITING_REFERRER",
  "SENT",
  "ACCEPTED",
  "IN_PROGRESS",
  "COMPLETED",
  "DECLINED",
  "CANCELLED",
  "REDIRECTED",
];

export function overallStatus(parts: readonly { status: ReferralStatus }[]): ReferralStatus {
  return SUMMARY_ORDER.find((status) => parts.some((part) => part.status === status)) ?? "SENT";
}
