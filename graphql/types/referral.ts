import { queryFromInfo } from "@pothos/plugin-prisma";
import { builder } from "@/graphql/builder";
import { connection, cursorTime, encodeCursor, decodeCursor, newestFirstCursor, toPage } from "@/graphql/pagination";
import { ConditionCode, NeedCode, NeedsInput, TriageResultRef } from "@/graphql/types/triage";
import { StaffContact } from "@/graphql/types/user";
import { partIsVisible, visibleTo } from "@/lib/db/tenant";
import { exportReferralBundle } from "@/lib/fhir";
import { badInput } from "@/lib/errors";
import { CancelReason, DeclineReason, Discipline, PartAction, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { followsRecommendation } from "@/lib/referrals/lifecycle";
import { allowedActions, changeReferralPart, findPart, overallStatus, priorityOfRank, waiting } from "@/lib/referrals/parts";
import { findReferral, listReferrals, sendReferral, sentReferral } from "@/lib/referrals/service";
import { changePartSchema, createReferralSchema, referralFilterSchema, worklistFilterSchema } from "@/lib/referrals/validation";
import { markReferralSeen, partsNeedingViewer, referralUpdates, unreadReferralCount, worklist, type WorklistKey } from "@/lib/referrals/worklist";
import { scopeOf, viewerOf, type RequestContext } from "@/lib/request/context";
import { responseTargetsOf } from "@/lib/services";
import type { ConditionCode as ConditionCodeValue, NeedCode as NeedCodeValue, TriageResult } from "@/lib/triage";
import { pageSchema, parseId, parseInput } from "@/lib/validation";

export const DisciplineEnum = builder.enumType(Discipline, { name: "Discipline" });
export const PriorityEnum = builder.enumType(ReferralPriority, {
  name: "ReferralPriority",
  description: "FHIR ServiceRequest priority.",
});
const StatusEnum = builder.enumType(ReferralStatus, {
  name: "ReferralStatus",
  description: "Where one discipline's part of a referral stands at its service (FHIR Task status).",
});
const PartActionEnum = builder.enumType(PartAction, { name: "PartAction" });
export const DeclineReasonEnum = builder.enumType(DeclineReason, { name: "DeclineReason" });
export const CancelReasonEnum = builder.enumType(CancelReason, { name: "CancelReason", description: "Why the referrer cancelled a part." });
const AuthorEnum = builder.enumType("ReferralAuthor", { values: ["ME", "ANYONE"] as const });

/** What the viewer may see of nested relations (top-level reads are scoped by lib/db/tenant.ts). */
const visible = (context: RequestContext) => visibleTo(scopeOf(context));

export const ReferralEvent = builder.prismaObject("ReferralEvent", {
  description: "One entry of a referral part's timeline.",
  fields: (t) => ({
    id: t.exposeID("id"),
    actor: t.relation("actor", { type: StaffContact }),
    action: t.expose("action", { type: PartActionEnum }),
    fromStatus: t.expose("fromStatus", { type: StatusEnum, nullable: true }),
    toStatus: t.expose("toStatus", { type: StatusEnum }),
    note: t.exposeString("note", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    part: t.relation("part"),
    referral: t.relation("referral"),
    unread: t.boolean({
      description: "Whether the viewer has not opened the referral since this happened.",
      select: (_args, context) => ({ referral: { select: { views: { where: { userId: viewerOf(context).id }, select: { seenAt: true } } } } }),
      resolve: (event) => {
        const seenAt = event.referral.views[0]?.seenAt;
        return !seenAt || event.createdAt > seenAt;
      },
    }),
  }),
});

const Outcome = builder.objectRef<{ provided: string; recommendations: string; score: number | null }>("ReferralOutcome").implement({
  description: "What the service returns when it completes its part.",
  fields: (t) => ({
    provided: t.exposeString("provided", { description: "What was provided." }),
    recommendations: t.exposeString("recommendations"),
    score: t.exposeFloat("score", { nullable: true, description: "Therapy Outcome Measures score, 0 to 5." }),
  }),
});

const Waiting = builder.objectRef<ReturnType<typeof waiting>>("PartWaiting").implement({
  description: "How long a part has waited for its service's decision, against the target for its priority.",
  fields: (t) => ({
    workingDays: t.exposeInt("workingDays"),
    targetWorkingDays: t.exposeInt("targetWorkingDays"),
    overdue: t.exposeBoolean("overdue", { description: "Still awaiting a decision past the target." }),
  }),
});

export const ReferralPart = builder.prismaObject("ReferralPart", {
  description: "One discipline's part of a referral at one therapy service, with its own status, decision and outcome.",
  fields: (t) => ({
    id: t.exposeID("id"),
    discipline: t.expose("discipline", { type: DisciplineEnum }),
    status: t.expose("status", { type: StatusEnum }),
    version: t.exposeInt("version"),
    priority: t.field({ type: PriorityEnum, select: { priorityRank: true }, resolve: (part) => priorityOfRank(part.priorityRank) }),
    sentAt: t.expose("sentAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When anything of the part last changed." }),
    decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    declineReason: t.expose("declineReason", { type: DeclineReasonEnum, nullable: true }),
    declineComment: t.exposeString("declineComment", { nullable: true }),
    cancelReason: t.expose("cancelReason", { type: CancelReasonEnum, nullable: true }),
    cancelComment: t.exposeString("cancelComment", { nullable: true }),
    outcome: t.field({
      type: Outcome,
      nullable: true,
      select: { outcomeProvided: true, outcomeRecommendations: true, outcomeScore: true },
      resolve: (part) =>
        part.outcomeProvided === null
          ? null
          : { provided: part.outcomeProvided, recommendations: part.outcomeRecommendations ?? "", score: part.outcomeScore },
    }),
    outcomeAcknowledgedAt: t.expose("outcomeAcknowledgedAt", { type: "DateTime", nullable: true }),
    service: t.relation("service"),
    referral: t.relation("referral"),
    events: t.relation("events", { description: "Oldest first.", query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
    waiting: t.field({
      type: Waiting,
      description: "Against the response target of the part's service (its own, else the portal's).",
      select: { status: true, sentAt: true, priorityRank: true, service: { select: { responseTargets: true } } },
      resolve: (part) => waiting(part, new Date(), responseTargetsOf(part.service)),
    }),
    allowedActions: t.field({
      type: [PartActionEnum],
      description: "The actions the viewer may take on this part now.",
      select: { status: true, serviceId: true, outcomeAcknowledgedAt: true, referral: { select: { clinicId: true, authorId: true } } },
      resolve: (part, _args, context) => allowedActions(viewerOf(context), part),
    }),
    viewerOpenedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the viewer last opened this referral; null: not yet opened.",
      select: (_args, context) => ({ referral: { select: { views: { where: { userId: viewerOf(context).id }, select: { seenAt: true } } } } }),
      resolve: (part) => part.referral.views[0]?.seenAt ?? null,
    }),
    changedSinceViewerOpened: t.boolean({
      description: "Whether the part changed after the viewer last opened the referral (false when never opened).",
      select: (_args, context) => ({
        updatedAt: true,
        referral: { select: { views: { where: { userId: viewerOf(context).id }, select: { seenAt: true } } } },
      }),
      resolve: (part) => {
        const seenAt = part.referral.views[0]?.seenAt;
        return Boolean(seenAt && part.updatedAt > seenAt);
      },
    }),
  }),
});

// A to-one relation takes no `where`, so the tenant condition is checked here: the service a part was
// redirected to must not read the earlier part at another service (its timeline, its notes).
builder.prismaObjectField("ReferralPart", "redirectedFrom", (t) =>
  t.field({
    type: ReferralPart,
    nullable: true,
    description: "The part this one was redirected from, when the viewer may see it.",
    select: (_args, _context, nestedSelection) => ({
      redirectedFrom: nestedSelection({ include: { referral: { select: { clinicId: true } } } }),
    }),
    resolve: (part, _args, context) => {
      const from = part.redirectedFrom;
      return from && partIsVisible(scopeOf(context), from) ? from : null;
    },
  }),
);

const PARTS_ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

export const Referral = builder.prismaObject("Referral", {
  description: "A referral as sent, with the triage result as it was computed then, and a part per discipline at its service.",
  // Select mode: a query loads only the columns its fields need (a history page has no use for the notes and the
  // triage result, the largest columns), plus the keyset cursor's (createdAt, id).
  select: { id: true, createdAt: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    patient: t.relation("patient"),
    author: t.relation("author", { type: StaffContact }),
    needs: t.field({ type: [NeedCode], select: { needs: true }, resolve: (referral) => referral.needs as NeedCodeValue[] }),
    conditions: t.field({
      type: [ConditionCode],
      select: { conditions: true },
      resolve: (referral) => referral.conditions as ConditionCodeValue[],
    }),
    notes: t.exposeString("notes"),
    triage: t.field({
      type: TriageResultRef,
      description: "As computed when the referral was sent, never recomputed.",
      select: { triage: true },
      resolve: (referral) => referral.triage as unknown as TriageResult,
    }),
    disciplines: t.expose("disciplines", { type: [DisciplineEnum] }),
    assessFirst: t.exposeBoolean("assessFirst", {
      description: "Sent to one service to assess the patient first (its discipline is the one in disciplines).",
    }),
    followedRecommendation: t.boolean({
      select: { recommendation: true, disciplines: true, assessFirst: true },
      resolve: (referral) => followsRecommendation(referral.recommendation, referral.disciplines, referral.assessFirst),
    }),
    overrideReason: t.exposeString("overrideReason", { nullable: true }),
    duplicateReason: t.exposeString("duplicateReason", {
      nullable: true,
      description: "Why it was sent although the patient had an open part of one of its disciplines (the duplicate warning's answer).",
    }),
    priority: t.expose("priority", { type: PriorityEnum }),
    status: t.field({
      type: StatusEnum,
      description: "What most needs attention among the parts the viewer may see (a question first), else how they ended.",
      // The same arguments as `parts` below, so that a query asking for both loads the parts once, not once per referral.
      select: (_args, context) => ({ parts: { where: visible(context).part, orderBy: PARTS_ORDER, select: { status: true } } }),
      resolve: (referral) => overallStatus(referral.parts),
    }),
    parts: t.relation("parts", {
      description: "The parts the viewer's clinic may see: all of them for the referring clinic, its own for a receiving one.",
      query: (_args, context) => ({ where: visible(context).part, orderBy: PARTS_ORDER }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    events: t.relation("events", {
      description: "The timeline of the parts the viewer may see, oldest first.",
      query: (_args, context) => ({ where: visible(context).event, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    }),
    fhirBundle: t.field({
      type: "JSON",
      description:
        "The referral as a FHIR R4 Bundle (collection) of the parts the viewer may see, as GET /api/referrals/{id}/fhir answers; recorded in the audit trail as an export.",
      resolve: (referral, _args, context) => exportReferralBundle(context, referral.id),
    }),
  }),
});

export const ReferralConnection = connection("Referral", Referral);
const ReferralPartConnection = connection("ReferralPart", ReferralPart);
const ReferralEventConnection = connection("ReferralEvent", ReferralEvent);

const ReferralFilter = builder.inputType("ReferralFilter", {
  fields: (t) => ({
    patientId: t.id(),
    discipline: t.field({ type: DisciplineEnum }),
    status: t.field({ type: StatusEnum, description: "Referrals with a part in this status." }),
    priority: t.field({ type: PriorityEnum }),
    author: t.field({ type: AuthorEnum }),
    createdFrom: t.field({ type: "Date", description: "From the start of this day (UTC)." }),
    createdTo: t.field({ type: "Date", description: "To the end of this day (UTC)." }),
  }),
});

const WorklistFilter = builder.inputType("WorklistFilter", {
  fields: (t) => ({
    status: t.field({ type: StatusEnum, description: "Default SENT: awaiting the service's decision." }),
    priority: t.field({ type: PriorityEnum }),
  }),
});

const CreateReferralInput = builder.inputType("CreateReferralInput", {
  fields: (t) => ({
    idempotencyKey: t.string({ required: true, description: "A UUID made once per form; resending it returns the first referral." }),
    patientId: t.id({ required: true }),
    needs: t.field({ type: NeedsInput, required: true }),
    disciplines: t.field({ type: [DisciplineEnum], required: true }),
    overrideReason: t.string({ description: "Required when the disciplines differ from the recommendation." }),
    duplicateReason: t.string({
      description: "Required when the patient has an open part of a chosen discipline (CONFLICT names them): why it is sent anyway.",
    }),
    assessFirst: t.boolean({
      description: "Send to one service (one discipline, with its service in serviceIds) to assess the patient first; overrides any recommendation but assess first.",
    }),
    priority: t.field({ type: PriorityEnum, required: true }),
    serviceIds: t.idList({
      description: "A therapy service per chosen discipline; a discipline left out goes to the clinic's own service of it.",
    }),
  }),
});

const OutcomeInput = builder.inputType("ReferralOutcomeInput", {
  fields: (t) => ({
    provided: t.string({ required: true, description: "What was provided." }),
    recommendations: t.string(),
    score: t.float({ description: "Therapy Outcome Measures score, 0 to 5 in half points." }),
  }),
});

const ChangeReferralPartInput = builder.inputType("ChangeReferralPartInput", {
  fields: (t) => ({
    id: t.id({ required: true, description: "The part." }),
    expectedVersion: t.int({ required: true, description: "The version the viewer saw; a stale one answers CONFLICT." }),
    action: t.field({ type: PartActionEnum, required: true }),
    note: t.string({ description: "The comment, question or answer; required to decline, ask and answer." }),
    declineReason: t.field({ type: DeclineReasonEnum, description: "Required to decline." }),
    cancelReason: t.field({ type: CancelReasonEnum, description: "Required to cancel; OTHER needs a note saying why." }),
    serviceId: t.id({ description: "The service of the other discipline, to redirect." }),
    outcome: t.field({ type: OutcomeInput, description: "Required to complete." }),
  }),
});

const worklistCursor = {
  encode: (part: WorklistKey) => encodeCursor([String(part.priorityRank), part.sentAt.toISOString(), part.id]),
  decode(cursor: string | null | undefined): WorklistKey | null {
    if (!cursor) return null;
    const [rank, sentAtText, id] = decodeCursor(cursor, 3) as [string, string, string];
    if (!/^[0-3]$/.test(rank)) badInput("after is not a cursor this API gave out", ["after"]);
    return { priorityRank: Number(rank), sentAt: cursorTime(sentAtText), id };
  },
};

builder.queryFields((t) => ({
  referrals: t.field({
    type: ReferralConnection,
    description: "The referrals the viewer's clinic sent, newest first.",
    args: { filter: t.arg({ type: ReferralFilter }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context, info) => {
      const filter = parseInput(referralFilterSchema, args.filter ?? {}, ["filter"]);
      const { first, after } = parseInput(pageSchema, args);
      const query = queryFromInfo({ context, info, typeName: "Referral", path: ["edges", "node"] });
      const rows = await listReferrals(context, filter, { first, after: newestFirstCursor.decode(after) }, query);
      return toPage(rows, first, newestFirstCursor.encode);
    },
  }),
  referral: t.prismaField({
    type: "Referral",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => findReferral(context, parseId(args.id, ["id"]), query),
  }),
  worklist: t.field({
    type: ReferralPartConnection,
    description: "The viewer's therapy service's referral parts in one status (default: awaiting a decision), most urgent first, then longest waiting.",
    args: { filter: t.arg({ type: WorklistFilter }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context, info) => {
      const filter = parseInput(worklistFilterSchema, args.filter ?? {}, ["filter"]);
      const { first, after } = parseInput(pageSchema, args);
      const query = queryFromInfo({ context, info, typeName: "ReferralPart", path: ["edges", "node"] });
      const rows = await worklist(context, filter, { first, after: worklistCursor.decode(after) }, query);
      return toPage(rows, first, worklistCursor.encode);
    },
  }),
  referralUpdates: t.field({
    type: ReferralEventConnection,
    description: "What the services did to the referrals the viewer sent (decisions, questions, outcomes), newest first.",
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context, info) => {
      const { first, after } = parseInput(pageSchema, args);
      const query = queryFromInfo({ context, info, typeName: "ReferralEvent", path: ["edges", "node"] });
      const rows = await referralUpdates(context, { first, after: newestFirstCursor.decode(after) }, query);
      return toPage(rows, first, newestFirstCursor.encode);
    },
  }),
  partsNeedingAttention: t.prismaField({
    type: ["ReferralPart"],
    description:
      "What needs the viewer now, newest change first (at most 20): for a referrer, the questions to answer and outcomes to acknowledge on the referrals they sent; for a therapist, their service's parts not yet opened or changed since they opened them.",
    resolve: (query, _root, _args, context) => partsNeedingViewer(context, query),
  }),
  unreadReferralCount: t.int({
    description: "How many of the referrals the viewer sent have updates they have not opened.",
    resolve: (_root, _args, context) => unreadReferralCount(context),
  }),
}));

builder.mutationFields((t) => ({
  createReferral: t.prismaField({
    type: "Referral",
    description: "Sends a referral, a part per discipline to a therapy service; the triage result is recomputed on the server from the needs.",
    args: { input: t.arg({ type: CreateReferralInput, required: true }) },
    resolve: async (query, _root, args, context) => {
      const sent = await sendReferral(context, parseInput(createReferralSchema, args.input, ["input"]));
      return sentReferral(context, sent, query);
    },
  }),
  changeReferralPart: t.prismaField({
    type: "ReferralPart",
    description: "One action on a referral part (lib/referrals/parts.ts has who may take which, from where); returns the part acted on.",
    args: { input: t.arg({ type: ChangeReferralPartInput, required: true }) },
    resolve: async (query, _root, args, context) => {
      const change = parseInput(changePartSchema, { ...args.input, id: String(args.input.id) }, ["input"]);
      await changeReferralPart(context, change);
      return findPart(context, change.id, query);
    },
  }),
  markReferralSeen: t.boolean({
    description: "Records that the viewer opened the referral now (unread updates, 'not yet opened' flags).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      await markReferralSeen(context, parseId(args.id, ["id"]));
      return true;
    },
  }),
}));
