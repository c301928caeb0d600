import { queryFromInfo } from "@pothos/plugin-prisma";
import { builder } from "@/graphql/builder";
import { connection, newestFirstCursor, toPage } from "@/graphql/pagination";
import { ConditionCode, NeedCode, NeedsInput, TriageResultRef } from "@/graphql/types/triage";
import { Discipline, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { allowedTransitions, followsRecommendation } from "@/lib/referrals/lifecycle";
import { changeReferralStatus, findReferral, listReferrals, sendReferral } from "@/lib/referrals/service";
import { changeStatusSchema, createReferralSchema, referralFilterSchema } from "@/lib/referrals/validation";
import { viewerOf } from "@/lib/request/context";
import type { ConditionCode as ConditionCodeValue, NeedCode as NeedCodeValue, TriageResult } from "@/lib/triage";
import { pageSchema, parseId, parseInput } from "@/lib/validation";

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

export const ReferralConnection = connection("Referral", Referral);

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

builder.queryFields((t) => ({
  referrals: t.field({
    type: ReferralConnection,
    description: "The clinic's referrals, newest first.",
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
}));

builder.mutationFields((t) => ({
  createReferral: t.prismaField({
    type: "Referral",
    description: "Sends a referral; the triage result is recomputed on the server from the needs.",
    args: { input: t.arg({ type: CreateReferralInput, required: true }) },
    resolve: async (query, _root, args, context) => {
      const id = await sendReferral(context, parseInput(createReferralSchema, args.input, ["input"]));
      return findReferral(context, id, query);
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
      await changeReferralStatus(context, change);
      return findReferral(context, change.id, query);
    },
  }),
}));
