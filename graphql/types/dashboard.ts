import { builder } from "@/graphql/builder";
import { DeclineReasonEnum, DisciplineEnum, PriorityEnum } from "@/graphql/types/referral";
import { Recommendation } from "@/graphql/types/triage";
import {
  dashboard,
  type Dashboard,
  type DecisionFigure,
  type OverrideReason,
  type ResponseTimeFigure,
  type VolumeFigure,
  type WaitingFigure,
} from "@/lib/dashboard";
import { dashboardFilterSchema } from "@/lib/dashboard/validation";
import { parseInput } from "@/lib/validation";

const DirectionEnum = builder.enumType("DashboardDirection", {
  description: "SENT: parts of referrals the viewer's clinic sent. RECEIVED: parts that reached the viewer's services.",
  values: ["SENT", "RECEIVED"] as const,
});

const DecisionEnum = builder.enumType("DashboardDecision", {
  description: "What became of a part: a decision, a question to the referrer (as well as any decision), or none yet.",
  values: ["ACCEPTED", "DECLINED", "REDIRECTED", "QUESTION_ASKED", "UNDECIDED"] as const,
});

const DashboardFilterInput = builder.inputType("DashboardFilter", {
  description: "Parts sent from `from` to `to` (UTC days, both included; the last 12 weeks when left out, at most two years).",
  fields: (t) => ({
    from: t.field({ type: "Date" }),
    to: t.field({ type: "Date" }),
    discipline: t.field({ type: DisciplineEnum }),
    priority: t.field({ type: PriorityEnum }),
    serviceId: t.id({ description: "One of the viewer's own services: narrows the received figures." }),
  }),
});

const DashboardService = builder.objectRef<Dashboard["services"][number]>("DashboardService").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    discipline: t.expose("discipline", { type: DisciplineEnum }),
  }),
});

const DashboardVolume = builder.objectRef<VolumeFigure>("DashboardVolume").implement({
  description: "Parts sent or received in one week, of one discipline and priority.",
  fields: (t) => ({
    direction: t.expose("direction", { type: DirectionEnum }),
    weekStart: t.expose("weekStart", { type: "Date", description: "The Monday (UTC) the week starts on." }),
    discipline: t.expose("discipline", { type: DisciplineEnum }),
    priority: t.expose("priority", { type: PriorityEnum }),
    count: t.exposeInt("count"),
  }),
});

const DashboardDecisionFigure = builder.objectRef<DecisionFigure>("DashboardDecisionFigure").implement({
  fields: (t) => ({
    direction: t.expose("direction", { type: DirectionEnum }),
    decision: t.expose("decision", { type: DecisionEnum }),
    declineReason: t.expose("declineReason", { type: DeclineReasonEnum, nullable: true }),
    count: t.exposeInt("count"),
    parts: t.exposeInt("parts", { description: "Parts sent in the range in this direction: the rate's denominator." }),
    rate: t.exposeFloat("rate", { description: "count / parts, to 4 decimals." }),
  }),
});

const DashboardResponseTime = builder.objectRef<ResponseTimeFigure>("DashboardResponseTime").implement({
  description: "Working days from sending to decision and to completion (percentile_cont, to 2 decimals), against the target.",
  fields: (t) => ({
    direction: t.expose("direction", { type: DirectionEnum }),
    priority: t.expose("priority", { type: PriorityEnum }),
    targetWorkingDays: t.exposeInt("targetWorkingDays"),
    parts: t.exposeInt("parts"),
    decided: t.exposeInt("decided"),
    decisionMedian: t.exposeFloat("decisionMedian", { nullable: true }),
    decisionP90: t.exposeFloat("decisionP90", { nullable: true }),
    breached: t.exposeInt("breached", { description: "Decided parts whose decision took longer than the target." }),
    breachedShare: t.exposeFloat("breachedShare", { nullable: true, description: "breached / decided, to 4 decimals." }),
    completed: t.exposeInt("completed"),
    completionMedian: t.exposeFloat("completionMedian", { nullable: true }),
    completionP90: t.exposeFloat("completionP90", { nullable: true }),
  }),
});

const DashboardWaiting = builder.objectRef<WaitingFigure>("DashboardWaiting").implement({
  description: "Open parts at a service now, by whole weeks since sending.",
  fields: (t) => ({
    serviceId: t.exposeID("serviceId"),
    serviceName: t.exposeString("serviceName"),
    fromWeeks: t.exposeInt("fromWeeks"),
    toWeeks: t.exposeInt("toWeeks", { nullable: true, description: "Null for the last band (52 weeks and more)." }),
    awaitingDecision: t.exposeInt("awaitingDecision", { description: "Sent or awaiting the referrer's answer." }),
    acceptedNotStarted: t.exposeInt("acceptedNotStarted"),
  }),
});

const AgreementByRecommendation = builder
  .objectRef<Dashboard["agreement"]["byRecommendation"][number]>("DashboardAgreementByRecommendation")
  .implement({
    fields: (t) => ({
      recommendation: t.expose("recommendation", { type: Recommendation }),
      referrals: t.exposeInt("referrals"),
      overridden: t.exposeInt("overridden", { description: "Referrals whose clinician chose otherwise." }),
      rate: t.exposeFloat("rate", { description: "overridden / referrals, to 4 decimals." }),
    }),
  });

const AgreementByRule = builder.objectRef<Dashboard["agreement"]["byRule"][number]>("DashboardAgreementByRule").implement({
  description: "Sent referrals whose triage matched a rule, and how many of them the clinician overrode.",
  fields: (t) => ({
    ruleId: t.exposeString("ruleId"),
    referrals: t.exposeInt("referrals"),
    overridden: t.exposeInt("overridden"),
    rate: t.exposeFloat("rate", { description: "overridden / referrals, to 4 decimals." }),
  }),
});

const DashboardOverride = builder.objectRef<OverrideReason>("DashboardOverride").implement({
  fields: (t) => ({
    referralId: t.exposeID("referralId"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    recommendation: t.expose("recommendation", { type: Recommendation }),
    disciplines: t.expose("disciplines", { type: [DisciplineEnum] }),
    reason: t.exposeString("reason"),
  }),
});

const DashboardAgreement = builder.objectRef<Dashboard["agreement"]>("DashboardAgreement").implement({
  description: "How often clinicians chose otherwise than the recommendation (sent referrals only).",
  fields: (t) => ({
    byRecommendation: t.expose("byRecommendation", { type: [AgreementByRecommendation] }),
    byRule: t.expose("byRule", { type: [AgreementByRule] }),
    overrides: t.expose("overrides", { type: [DashboardOverride], description: "The latest override reasons, newest first (at most 50)." }),
  }),
});

const DashboardRef = builder.objectRef<Dashboard>("Dashboard").implement({
  description: "How referrals flow: the viewer's clinic's sent referrals and its services' received ones.",
  fields: (t) => ({
    from: t.field({ type: "Date", resolve: (figures) => figures.filter.from }),
    to: t.field({ type: "Date", resolve: (figures) => figures.filter.to }),
    showsSent: t.exposeBoolean("showsSent", { description: "False for therapists: they see their service's received parts only." }),
    services: t.expose("services", { type: [DashboardService], description: "The viewer's services: the service filter may name one of them." }),
    volume: t.expose("volume", { type: [DashboardVolume] }),
    decisions: t.expose("decisions", { type: [DashboardDecisionFigure] }),
    responseTimes: t.expose("responseTimes", { type: [DashboardResponseTime] }),
    waitingList: t.expose("waitingList", { type: [DashboardWaiting] }),
    agreement: t.expose("agreement", { type: DashboardAgreement }),
  }),
});

builder.queryFields((t) => ({
  dashboard: t.field({
    type: DashboardRef,
    description: "The referral flow dashboard (administrators and therapists), every section in one answer.",
    args: { filter: t.arg({ type: DashboardFilterInput, required: true }) },
    resolve: (_root, args, context) => dashboard(context, parseInput(dashboardFilterSchema(), args.filter, ["filter"])),
  }),
}));
