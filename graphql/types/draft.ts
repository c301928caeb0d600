import { builder } from "@/graphql/builder";
import { ConditionCode, NeedCode } from "@/graphql/types/triage";
import { DisciplineEnum, PriorityEnum } from "@/graphql/types/referral";
import { discardDraft, draftContent, draftExpiresAt, draftInputSchema, findDraft, listDrafts, saveDraft } from "@/lib/drafts";
import { Recommendation } from "@/lib/generated/prisma/enums";
import { parseId, parseInput } from "@/lib/validation";

const DraftDecisionEnum = builder.enumType("ReferralDraftDecision", {
  description: "Whether the draft accepts the recommendation or chooses otherwise.",
  values: ["ACCEPT", "OVERRIDE"] as const,
});
const ChoiceEnum = builder.enumType("ReferralDraftChoice", {
  description: "What the draft chose instead of the recommendation.",
  values: Object.values(Recommendation),
});

const DraftService = builder.objectRef<{ discipline: "OCCUPATIONAL_THERAPY" | "PHYSIOTHERAPY"; serviceId: string }>("ReferralDraftService").implement({
  fields: (t) => ({
    discipline: t.expose("discipline", { type: DisciplineEnum }),
    serviceId: t.exposeID("serviceId"),
  }),
});

builder.prismaObject("ReferralDraft", {
  description:
    "A half-written referral of the viewer's, for one patient: kept on the server until it is sent, discarded, or 14 days pass without a change. Only its author reads it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    patient: t.relation("patient"),
    needs: t.field({ type: [NeedCode], select: { content: true }, resolve: (draft) => draftContent(draft).needs ?? [] }),
    conditions: t.field({ type: [ConditionCode], select: { content: true }, resolve: (draft) => draftContent(draft).conditions ?? [] }),
    notes: t.string({ select: { content: true }, resolve: (draft) => draftContent(draft).notes ?? "" }),
    decision: t.field({ type: DraftDecisionEnum, nullable: true, select: { content: true }, resolve: (draft) => draftContent(draft).decision ?? null }),
    choice: t.field({ type: ChoiceEnum, nullable: true, select: { content: true }, resolve: (draft) => draftContent(draft).choice ?? null }),
    overrideReason: t.string({ select: { content: true }, resolve: (draft) => draftContent(draft).overrideReason ?? "" }),
    priority: t.field({ type: PriorityEnum, select: { content: true }, resolve: (draft) => draftContent(draft).priority ?? "ROUTINE" }),
    services: t.field({ type: [DraftService], select: { content: true }, resolve: (draft) => draftContent(draft).services ?? [] }),
    assessment: t.field({
      type: DraftService,
      nullable: true,
      description: "The service chosen to assess the patient first.",
      select: { content: true },
      resolve: (draft) => draftContent(draft).assessment ?? null,
    }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    expiresAt: t.field({
      type: "DateTime",
      description: "When it is deleted unless changed before.",
      select: { updatedAt: true },
      resolve: (draft) => draftExpiresAt(draft),
    }),
  }),
});

const DraftServiceInput = builder.inputType("ReferralDraftServiceInput", {
  fields: (t) => ({
    discipline: t.field({ type: DisciplineEnum, required: true }),
    serviceId: t.id({ required: true }),
  }),
});

const ReferralDraftInput = builder.inputType("ReferralDraftInput", {
  description: "The new-referral form as it stands.",
  fields: (t) => ({
    patientId: t.id({ required: true }),
    needs: t.field({ type: [NeedCode], required: true }),
    conditions: t.field({ type: [ConditionCode], required: true }),
    notes: t.string({ required: true, description: "At most 20,000 characters: more than can be sent, so pasted work is kept while it is shortened." }),
    decision: t.field({ type: DraftDecisionEnum }),
    choice: t.field({ type: ChoiceEnum }),
    overrideReason: t.string({ required: true }),
    priority: t.field({ type: PriorityEnum, required: true }),
    services: t.field({ type: [DraftServiceInput], required: true }),
    assessment: t.field({ type: DraftServiceInput, description: "The service chosen to assess the patient first." }),
  }),
});

builder.queryFields((t) => ({
  referralDraft: t.prismaField({
    type: "ReferralDraft",
    nullable: true,
    description: "The viewer's draft referral for a patient of their clinic, if there is one.",
    args: { patientId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => findDraft(context, parseId(args.patientId, ["patientId"]), query),
  }),
  referralDrafts: t.prismaField({
    type: ["ReferralDraft"],
    description: "The viewer's draft referrals, most recently changed first (at most 20).",
    resolve: (query, _root, _args, context) => listDrafts(context, query),
  }),
}));

builder.mutationFields((t) => ({
  saveReferralDraft: t.prismaField({
    type: "ReferralDraft",
    description: "Keeps the new-referral form as the viewer's draft for the patient (one per patient), replacing the one before.",
    args: { input: t.arg({ type: ReferralDraftInput, required: true }) },
    resolve: (query, _root, args, context) => {
      const input = args.input;
      return saveDraft(
        context,
        parseInput(
          draftInputSchema,
          {
            ...input,
            patientId: String(input.patientId),
            assessment: input.assessment ? { discipline: input.assessment.discipline, serviceId: String(input.assessment.serviceId) } : null,
            services: input.services.map((service) => ({ discipline: service.discipline, serviceId: String(service.serviceId) })),
          },
          ["input"],
        ),
        query,
      );
    },
  }),
  discardReferralDraft: t.boolean({
    description: "Deletes one of the viewer's drafts.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      await discardDraft(context, parseId(args.id, ["id"]));
      return true;
    },
  }),
}));
