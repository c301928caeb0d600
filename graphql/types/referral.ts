import { queryFromInfo } from "@pothos/plugin-prisma";
import type { GraphQLResolveInfo } from "graphql";
import { builder } from "@/graphql/builder";
import { viewerOf, type GraphQLContext } from "@/graphql/context";
import { badInput, notFound, parseId, parseInput } from "@/graphql/input";
import { decodeCursor, encodeCursor, PageInfo, toPage, type Page } from "@/graphql/pagination";
import { ConditionCode, NeedCode, NeedsInput, TriageResultRef } from "@/graphql/types/triage";
import type { Prisma, Referral as ReferralRow } from "@/lib/generated/prisma/client";
import { Discipline, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { allowedTransitions, followsRecommendation } from "@/lib/referrals/lifecycle";
import { changeReferralStatus, sendReferral } from "@/lib/referrals/service";
import {
  changeStatusSchema,
  createReferralSchema,
  pageSchema,
  referralFilterSchema,
} from "@/lib/referrals/validation";
import type { ConditionCode as ConditionCodeValue, NeedCode as NeedCodeValue, TriageResult } from "@/lib/triage";

const DisciplineEnum = builder.enumType(Discipline, { name: "Discipline" });
const PriorityEnum = builder.enumType(ReferralPriority, {
  name: "ReferralPriority",
  description: "FHIR ServiceRequest priority.",
});
const StatusEnum = builder.enumType(ReferralStatus, { name: "ReferralStatus" });
const AuthorEnum = builder.enumType("ReferralAuthor", { values: ["ME", "ANYONE"] as const });

builder.prismaObject("ReferralEvent", {
  description: "One entry of a referral's timeline.",
  fields: (t) => ({
    id: t.exposeID("id"),
    actor: t.relation("actor"),
    fromStatus: t.expose("fromStatus", { type: StatusEnum, nullable: true }),
    toStatus: t.expose("toStatus", { type: StatusEnum }),
    note: t.exposeString("note", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const Referral = builder.prismaObject("Referral", {
  description: "A referral as sent, with the triage result as it was computed then.",
  fields: (t) => ({
    id: t.exposeID("id"),
    patient: t.relation("patient"),
    author: t.relation("author"),
    needs: t.field({ type: [NeedCode], resolve: (referral) => referral.needs as NeedCodeValue[] }),
    conditions: t.field({ type: [ConditionCode], resolve: (referral) => referral.conditions as ConditionCodeValue[] }),
    notes: t.exposeString("notes"),
    triage: t.field({
      type: TriageResultRef,
      description: "As computed when the referral was sent, never recomputed.",
      resolve: (referral) => referral.triage as unknown as TriageResult,
    }),
    disciplines: t.expose("disciplines", { type: [DisciplineEnum] }),
    followedRecommendation: t.boolean({
      resolve: (referral) => followsRecommendation(referral.recommendation, referral.disciplines),
    }),
    overrideReason: t.exposeString("overrideReason", { nullable: true }),
    priority: t.expose("priority", { type: PriorityEnum }),
    status: t.expose("status", { type: StatusEnum }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    events: t.relation("events", { description: "Oldest first.", query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
    allowedTransitions: t.field({
      type: [StatusEnum],
      description: "The statuses the viewer may move this referral to now.",
      resolve: (referral, _args, context) => allowedTransitions(viewerOf(context), referral),
    }),
  }),
});

const ReferralEdge = builder.objectRef<Page<ReferralRow>["edges"][number]>("ReferralEdge").implement({
  fields: (t) => ({
    cursor: t.exposeString("cursor"),
    node: t.field({ type: Referral, resolve: (edge) => edge.node }),
  }),
});

export const ReferralConnection = builder.objectRef<Page<ReferralRow>>("ReferralConnection").implement({
  fields: (t) => ({
    edges: t.field({ type: [ReferralEdge], resolve: (page) => page.edges }),
    pageInfo: t.field({ type: PageInfo, resolve: (page) => page.pageInfo }),
  }),
});

/**
 * One page of referrals, newest first (ties broken by id), by keyset on the
 * (createdAt, id) index: rows inserted meanwhile are newer than any cursor, so
 * later pages neither skip nor repeat. Nested selections are loaded with the
 * page (Prisma include), so the statement count does not grow with the page.
 */
export async function referralPage(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  where: Prisma.ReferralWhereInput,
  page: { first: number; after?: string | null },
  nodePath: string[],
) {
  const conditions: Prisma.ReferralWhereInput[] = [where];
  if (page.after) {
    const [createdAtText, id] = decodeCursor(page.after, 2, ["after"]) as [string, string];
    const createdAt = new Date(createdAtText);
    if (Number.isNaN(createdAt.getTime())) badInput("after is not a cursor this API gave out", ["after"]);
    conditions.push({
      // The redundant upper bound lets PostgreSQL use the index range (measured: see DESIGN.md).
      createdAt: { lte: createdAt },
      OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }],
    });
  }
  const rows = await context.db.referral.findMany({
    ...queryFromInfo({ context, info, typeName: "Referral", path: nodePath }),
    where: { AND: conditions },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.first + 1,
  });
  return toPage(rows, page.first, (referral) => encodeCursor([referral.createdAt.toISOString(), referral.id]));
}

const ReferralFilter = builder.inputType("ReferralFilter", {
  fields: (t) => ({
    patientId: t.id(),
    discipline: t.field({ type: DisciplineEnum }),
    status: t.field({ type: StatusEnum }),
    priority: t.field({ type: PriorityEnum }),
    author: t.field({ type: AuthorEnum }),
    createdFrom: t.field({ type: "Date", description: "From the start of this day (UTC)." }),
    createdTo: t.field({ type: "Date", description: "To the end of this day (UTC)." }),
  }),
});

const CreateReferralInput = builder.inputType("CreateReferralInput", {
  fields: (t) => ({
    idempotencyKey: t.string({ required: true, description: "A UUID made once per form; resending it returns the first referral." }),
    patientId: t.id({ required: true }),
    needs: t.field({ type: NeedsInput, required: true }),
    disciplines: t.field({ type: [DisciplineEnum], required: true }),
    overrideReason: t.string({ description: "Required when the disciplines differ from the recommendation." }),
    priority: t.field({ type: PriorityEnum, required: true }),
  }),
});

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000);

builder.queryFields((t) => ({
  referrals: t.field({
    type: ReferralConnection,
    description: "The clinic's referrals, newest first.",
    args: { filter: t.arg({ type: ReferralFilter }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context, info) => {
      const filter = parseInput(referralFilterSchema, args.filter ?? {}, ["filter"]);
      const page = parseInput(pageSchema, args);
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
      if (filter.createdFrom || filter.createdTo) {
        where.createdAt = {
          ...(filter.createdFrom ? { gte: new Date(`${filter.createdFrom}T00:00:00Z`) } : {}),
          ...(filter.createdTo ? { lt: nextDay(filter.createdTo) } : {}),
        };
      }
      return referralPage(context, info, where, page, ["edges", "node"]);
    },
  }),
  referral: t.prismaField({
    type: "Referral",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const referral = await context.db.referral.findFirst({ ...query, where: { id: parseId(args.id, ["id"]) } });
      return referral ?? notFound("Referral");
    },
  }),
}));

builder.mutationFields((t) => ({
  createReferral: t.prismaField({
    type: "Referral",
    description: "Sends a referral; the triage result is recomputed on the server from the needs.",
    args: { input: t.arg({ type: CreateReferralInput, required: true }) },
    resolve: async (query, _root, args, context) => {
      const input = parseInput(createReferralSchema, args.input, ["input"]);
      const id = await sendReferral(context.db, viewerOf(context), input);
      return context.db.referral.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  changeReferralStatus: t.prismaField({
    type: "Referral",
    description: "Moves a referral along its lifecycle; expectedVersion must be the version the client saw.",
    args: {
      id: t.arg.id({ required: true }),
      status: t.arg({ type: StatusEnum, required: true }),
      expectedVersion: t.arg.int({ required: true }),
      note: t.arg.string(),
    },
    resolve: async (query, _root, args, context) => {
      const change = parseInput(changeStatusSchema, { ...args, id: String(args.id) });
      await changeReferralStatus(context.db, viewerOf(context), change);
      return context.db.referral.findUniqueOrThrow({ ...query, where: { id: change.id } });
    },
  }),
}));
