import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { DeclineReason, type Discipline, type Recommendation, type ReferralPriority } from "@/lib/generated/prisma/enums";
import { dashboardScope } from "@/lib/permissions";
import { PRIORITY_RANK, priorityOfRank, responseTargets } from "@/lib/referrals/parts";
import { viewerOf, type RequestContext } from "@/lib/request/context";
import { rangeInstants, type DashboardFilter } from "./validation";


/**
 * The referral flow dashboard: every figure is computed by PostgreSQL, one SQL
 * statement per section after one that finds the viewer's services, so a page
 * view costs the same few statements whatever the data (6).
 *
 * Tenancy: this is raw SQL, so lib/db/tenant.ts does not see it. Each statement
 * is confined by hand, and only by values from the session: "sent" rows are the
 * referrals whose clinicId is the viewer's clinic (and only for viewers who
 * may read their clinic's referrals), "received" rows are parts at services
 * read through the clinic-scoped client as the viewer's clinic's own (a
 * therapist: their own service). A serviceId in the filter only narrows that
 * list; one not in it answers NOT_FOUND.
 */

export type Direction = "SENT" | "RECEIVED";
export type DecisionKind = "ACCEPTED" | "DECLINED" | "REDIRECTED" | "QUESTION_ASKED" | "UNDECIDED";

export interface VolumeFigure {
  direction: Direction;
  /** The Monday (UTC) the week starts on, YYYY-MM-DD. */
  weekStart: string;
  discipline: Discipline;
  priority: ReferralPriority;
  count: number;
}

export interface DecisionFigure {
  direction: Direction;
  decision: DecisionKind;
  /** Set for DECLINED: one row per coded reason. */
  declineReason: DeclineReason | null;
  count: number;
  /** The parts sent in the range in this direction: the denominator of the rate. */
  parts: number;
  /** count / parts, rounded to 4 decimals. */
  rate: number;
}

export interface ResponseTimeFigure {
  direction: Direction;
  priority: ReferralPriority;
  targetWorkingDays: number;
  parts: number;
  decided: number;
  decisionMedian: number | null;
  decisionP90: number | null;
  /** Decided parts whose decision took more working days than the target. */
  breached: number;
  /** breached / decided, rounded to 4 decimals; null when nothing was decided. */
  breachedShare: number | null;
  completed: number;
  completionMedian: number | null;
  completionP90: number | null;
}

export interface WaitingFigure {
  serviceId: string;
  serviceName: string;
  /** The band: at least `fromWeeks` whole weeks since sending, fewer than `toWeeks` (null: no upper end). */
  fromWeeks: number;
  toWeeks: number | null;
  awaitingDecision: number;
  acceptedNotStarted: number;
}

export interface AgreementFigure {
  referrals: number;
  overridden: number;
  /** overridden / referrals, rounded to 4 decimals. */
  rate: number;
}

export interface OverrideReason {
  referralId: string;
  createdAt: Date;
  recommendation: Recommendation;
  disciplines: Discipline[];
  reason: string;
}

export interface Dashboard {
  filter: DashboardFilter;
  /** Whether the viewer sees their clinic's sent referrals (administrators; therapists see only received parts). */
  showsSent: boolean;
  /** The viewer's services, whose received parts are counted (the service filter narrows to one of them). */
  services: { id: string; name: string; discipline: Discipline }[];
  volume: VolumeFigure[];
  decisions: DecisionFigure[];
  responseTimes: ResponseTimeFigure[];
  waitingList: WaitingFigure[];
  agreement: {
    byRecommendation: (AgreementFigure & { recommendation: Recommendation })[];
    byRule: (AgreementFigure & { ruleId: string })[];
    /** The most recent override reasons, newest first, at most OVERRIDE_REASONS_SHOWN. */
    overrides: OverrideReason[];
  };
}

export const OVERRIDE_REASONS_SHOWN = 50;

/** What every statement is confined to; the clinic and services come from the session, never from arguments. */
export interface Scope {
  clinicId: string;
  sent: boolean;
  serviceIds: string[];
  start: Date;
  end: Date;
  discipline: Discipline | null;
  priority: ReferralPriority | null;
}

/** Weekdays among the days numbered [0, n) from a Monday: 5 per whole week, then up to 5 of the rest. */
const weekdaysBefore = (n: Prisma.Sql) => Prisma.sql`((${n}) / 7 * 5 + least((${n}) % 7, 5))`;

/** The UTC day an instant falls on, as days since 1970-01-01 (a Thursday); float arithmetic, cheaper than time zones per row. */
const dayNumber = (instant: Prisma.Sql) => Prisma.sql`floor(date_part('epoch', ${instant}) / 86400)::int`;

/**
 * Whole working days (Monday to Friday, UTC) from one instant to another, as
 * lib/referrals/parts.ts workingDaysBetween counts them: the weekdays among the
 * days after the first day up to and including the last. Null when `to` is.
 */
export function workingDaysSql(from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  const first = dayNumber(from);
  // Monday 0 … Sunday 6 (day 0 was a Thursday).
  const weekday = Prisma.sql`((${first} + 3) % 7)`;
  const days = Prisma.sql`greatest(${dayNumber(to)} - ${first}, 0)`;
  // greatest() skips nulls, so an instant that has not happened yet is kept null explicitly.
  return Prisma.sql`(CASE WHEN ${to} IS NOT NULL THEN ${weekdaysBefore(Prisma.sql`${weekday} + ${days} + 1`)} - ${weekdaysBefore(Prisma.sql`${weekday} + 1`)} END)`;
}

/**
 * The parts a section counts, with their direction: SENT are the parts the
 * viewer's clinic sent (its referrals created in the range; a redirect's new
 * part is the receiving service's doing, not a new sending), RECEIVED the parts
 * that reached the in-scope services in the range (redirected ones included).
 */
function partsInScope(scope: Scope): Prisma.Sql {
  const rank = scope.priority ? PRIORITY_RANK[scope.priority] : null;
  const columns = Prisma.sql`p.id, p.discipline, p."priorityRank", p.status, p."sentAt", p."decidedAt", p."completedAt", p."declineReason"`;
  const narrowed = Prisma.sql`
    AND (${scope.discipline}::"Discipline" IS NULL OR p.discipline = ${scope.discipline}::"Discipline")
    AND (${rank}::int IS NULL OR p."priorityRank" = ${rank}::int)`;
  // The sent side probes each referral's parts by the referralId index (OFFSET 0 keeps the planner
  // from hashing every part of every clinic instead: at a million referrals that scan dominated).
  return Prisma.sql`parts AS (
    SELECT 'SENT' AS direction, r."createdAt" AS at, p.*
      FROM "Referral" r
     CROSS JOIN LATERAL (
       SELECT ${columns} FROM "ReferralPart" p
        WHERE p."referralId" = r.id AND p."redirectedFromId" IS NULL ${narrowed}
       OFFSET 0
     ) p
     WHERE ${scope.sent}::boolean AND r."clinicId" = ${scope.clinicId}::uuid
       AND r."createdAt" >= ${scope.start}::timestamptz AND r."createdAt" < ${scope.end}::timestamptz
    UNION ALL
    SELECT 'RECEIVED' AS direction, p."sentAt" AS at, ${columns}
      FROM "ReferralPart" p
     WHERE p."serviceId" = ANY(${scope.serviceIds}::uuid[])
       AND p."sentAt" >= ${scope.start}::timestamptz AND p."sentAt" < ${scope.end}::timestamptz ${narrowed}
  )`;
}

function volumeStatement(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    WITH ${partsInScope(scope)}
    SELECT direction, to_char(date '1970-01-01' + monday, 'YYYY-MM-DD') AS "weekStart", discipline::text AS discipline, "priorityRank", count
      FROM (
        -- Grouped by the Monday's day number; formatted once per group, not per row.
        SELECT direction, ${dayNumber(Prisma.sql`at`)} - (${dayNumber(Prisma.sql`at`)} + 3) % 7 AS monday, discipline, "priorityRank", count(*)::int AS count
          FROM parts
         GROUP BY 1, 2, 3, 4
      ) weeks
     ORDER BY 1, 2, 3, 4 DESC`;
}

function decisionsStatement(scope: Scope): Prisma.Sql {
  const reasons = Object.values(DeclineReason);
  // One pass over the parts, every count side by side, then one row per count (unpivoted); no sort of the parts.
  // accept, decline and redirect set decidedAt; a part cancelled after it was accepted still counts as accepted.
  const declined = Prisma.join(
    reasons.map((reason) => Prisma.sql`count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = ${reason}::"DeclineReason")::int`),
  );
  const declinedRows = Prisma.join(reasons.map((reason, index) => Prisma.sql`('DECLINED', ${reason}::text, c.declined[${index + 1}::int])`));
  return Prisma.sql`
    WITH ${partsInScope(scope)},
    asked AS (SELECT DISTINCT e."partId" FROM "ReferralEvent" e WHERE e.action = 'ASK_QUESTION'),
    counted AS (
      SELECT p.direction, count(*)::int AS parts,
             count(*) FILTER (WHERE p."decidedAt" IS NOT NULL AND p.status NOT IN ('DECLINED', 'REDIRECTED'))::int AS accepted,
             count(*) FILTER (WHERE p.status = 'REDIRECTED')::int AS redirected,
             count(*) FILTER (WHERE p."decidedAt" IS NULL AND p.status NOT IN ('DECLINED', 'REDIRECTED'))::int AS undecided,
             count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" IS NULL)::int AS declined_unknown,
             count(asked."partId")::int AS questioned,
             ARRAY[${declined}] AS declined
        FROM parts p
        -- The parts ever asked about, read once from the (action, partId) index, not probed per part.
        LEFT JOIN asked ON asked."partId" = p.id
       GROUP BY p.direction
    )
    SELECT c.direction, v.decision, v."declineReason", v.count, c.parts, round(v.count::numeric / c.parts, 4)::float8 AS rate
      FROM counted c
     CROSS JOIN LATERAL (
       VALUES ('ACCEPTED', NULL::text, c.accepted), ('REDIRECTED', NULL, c.redirected), ('UNDECIDED', NULL, c.undecided),
              ('QUESTION_ASKED', NULL, c.questioned), ('DECLINED', NULL, c.declined_unknown), ${declinedRows}
     ) AS v(decision, "declineReason", count)
     WHERE v.count > 0
     ORDER BY c.direction, v.decision, v."declineReason"`;
}

function responseTimesStatement(scope: Scope): Prisma.Sql {
  const targets = responseTargets();
  const targetRows = Prisma.join(
    (Object.keys(PRIORITY_RANK) as ReferralPriority[]).map((priority) => Prisma.sql`(${PRIORITY_RANK[priority]}::int, ${targets[priority]}::int)`),
  );
  const decisionDays = workingDaysSql(Prisma.sql`p."sentAt"`, Prisma.sql`p."decidedAt"`);
  const completionDays = workingDaysSql(Prisma.sql`p."sentAt"`, Prisma.sql`p."completedAt"`);
  // percentile_cont: the median of 2 and 3 is 2.5; rounded to 2 decimals so figures compare exactly.
  // Each row's working days are computed once (MATERIALIZED), and both percentiles share one sort.
  return Prisma.sql`
    WITH ${partsInScope(scope)},
    timed AS MATERIALIZED (
      SELECT p.direction, p."priorityRank", t.target, ${decisionDays} AS decision_days, ${completionDays} AS completion_days
        FROM parts p
        JOIN (VALUES ${targetRows}) AS t(rank, target) ON t.rank = p."priorityRank"
    ),
    figures AS (
      SELECT direction, "priorityRank", target, count(*)::int AS parts,
             count(decision_days)::int AS decided,
             percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY decision_days) AS decision,
             count(*) FILTER (WHERE decision_days > target)::int AS breached,
             count(completion_days)::int AS completed,
             percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY completion_days) AS completion
        FROM timed
       GROUP BY direction, "priorityRank", target
    )
    SELECT direction, "priorityRank", target AS "targetWorkingDays", parts, decided,
           round(decision[1]::numeric, 2)::float8 AS "decisionMedian",
           round(decision[2]::numeric, 2)::float8 AS "decisionP90",
           breached,
           round(breached::numeric / nullif(decided, 0), 4)::float8 AS "breachedShare",
           completed,
           round(completion[1]::numeric, 2)::float8 AS "completionMedian",
           round(completion[2]::numeric, 2)::float8 AS "completionP90"
      FROM figures
     ORDER BY direction, "priorityRank" DESC`;
}

function waitingListStatement(scope: Scope, now: Date): Prisma.Sql {
  const rank = scope.priority ? PRIORITY_RANK[scope.priority] : null;
  // Calendar weeks since sending, whole (the bands of ./bands.ts); the open statuses lead the (serviceId, status, …) worklist index.
  return Prisma.sql`
    WITH open AS (
      SELECT p."serviceId", p.status,
             greatest(floor(extract(epoch FROM (${now}::timestamptz - p."sentAt")) / 604800), 0)::int AS weeks
        FROM "ReferralPart" p
       WHERE p."serviceId" = ANY(${scope.serviceIds}::uuid[])
         AND p.status IN ('SENT', 'AWAITING_REFERRER', 'ACCEPTED')
         AND (${scope.discipline}::"Discipline" IS NULL OR p.discipline = ${scope.discipline}::"Discipline")
         AND (${rank}::int IS NULL OR p."priorityRank" = ${rank}::int)
    )
    SELECT "serviceId",
           CASE WHEN weeks < 18 THEN weeks WHEN weeks < 52 THEN 18 ELSE 52 END AS "fromWeeks",
           CASE WHEN weeks < 18 THEN weeks + 1 WHEN weeks < 52 THEN 52 END AS "toWeeks",
           count(*) FILTER (WHERE status IN ('SENT', 'AWAITING_REFERRER'))::int AS "awaitingDecision",
           count(*) FILTER (WHERE status = 'ACCEPTED')::int AS "acceptedNotStarted"
      FROM open
     GROUP BY 1, 2, 3
     ORDER BY 1, 2`;
}

interface AgreementRow {
  byRecommendation: Dashboard["agreement"]["byRecommendation"];
  byRule: Dashboard["agreement"]["byRule"];
  overrides: (Omit<OverrideReason, "createdAt"> & { createdAt: string })[];
}

function agreementStatement(scope: Scope): Prisma.Sql {
  // The clinician chose otherwise exactly when an override reason was stored (lib/referrals/service.ts requires one then).
  return Prisma.sql`
    WITH sent AS (
      SELECT r.id, r."createdAt", r.recommendation, r.disciplines, r."overrideReason", r.triage -> 'matchedRules' AS rules
        FROM "Referral" r
       WHERE ${scope.sent}::boolean AND r."clinicId" = ${scope.clinicId}::uuid
         AND r."createdAt" >= ${scope.start}::timestamptz AND r."createdAt" < ${scope.end}::timestamptz
         AND (${scope.discipline}::"Discipline" IS NULL OR ${scope.discipline}::"Discipline" = ANY (r.disciplines))
         AND (${scope.priority}::"ReferralPriority" IS NULL OR r.priority = ${scope.priority}::"ReferralPriority")
    ),
    by_recommendation AS (
      SELECT recommendation::text AS recommendation, count(*)::int AS referrals,
             count("overrideReason")::int AS overridden,
             round(count("overrideReason")::numeric / count(*), 4)::float8 AS rate
        FROM sent GROUP BY recommendation
    ),
    by_rule AS (
      SELECT m.rule_id AS "ruleId", count(*)::int AS referrals, count(s."overrideReason")::int AS overridden,
             round(count(s."overrideReason")::numeric / count(*), 4)::float8 AS rate
        FROM sent s
       CROSS JOIN LATERAL (
         SELECT DISTINCT rule ->> 'ruleId' AS rule_id
           FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.rules) = 'array' THEN s.rules ELSE '[]'::jsonb END) AS rule
       ) m
       WHERE m.rule_id IS NOT NULL
       GROUP BY m.rule_id
    ),
    overrides AS (
      SELECT id AS "referralId", "createdAt", recommendation, disciplines, "overrideReason" AS reason
        FROM sent WHERE "overrideReason" IS NOT NULL
       ORDER BY "createdAt" DESC, id DESC
       LIMIT ${OVERRIDE_REASONS_SHOWN}
    )
    SELECT
      (SELECT coalesce(jsonb_agg(b ORDER BY b.recommendation), '[]') FROM by_recommendation b) AS "byRecommendation",
      (SELECT coalesce(jsonb_agg(b ORDER BY b.overridden DESC, b.referrals DESC, b."ruleId"), '[]') FROM by_rule b) AS "byRule",
      (SELECT coalesce(jsonb_agg(o ORDER BY o."createdAt" DESC, o."referralId" DESC), '[]') FROM overrides o) AS overrides`;
}

/** Each section's one statement, by name: the dashboard runs them all; the benchmark times and explains each. */
export const SECTION_STATEMENTS = {
  volume: volumeStatement,
  decisions: decisionsStatement,
  responseTimes: responseTimesStatement,
  waitingList: waitingListStatement,
  agreement: agreementStatement,
} satisfies Record<string, (scope: Scope, now: Date) => Prisma.Sql>;

type WithRank<Figure> = Omit<Figure, "priority"> & { priorityRank: number };
const withPriority = <Figure>({ priorityRank, ...row }: WithRank<Figure>) => ({ ...row, priority: priorityOfRank(priorityRank) });

/**
 * The viewer's scope for a filter, in one statement: their services (through the
 * clinic-scoped client), narrowed by the filter's service, which must be one of them.
 */
export async function scopeOf(context: RequestContext, filter: DashboardFilter) {
  const viewer = viewerOf(context);
  const { sent, received } = dashboardScope(viewer);
  const services = await context.db.therapyService.findMany({
    where: { clinicId: viewer.clinicId, ...(received === "CLINIC" ? {} : { id: received.serviceId ?? "" }) },
    select: { id: true, name: true, discipline: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const counted = filter.serviceId ? services.filter((service) => service.id === filter.serviceId) : services;
  if (filter.serviceId && counted.length === 0) notFound("Therapy service");
  const scope: Scope = {
    clinicId: viewer.clinicId,
    sent,
    serviceIds: counted.map((service) => service.id),
    ...rangeInstants(filter),
    discipline: filter.discipline,
    priority: filter.priority,
  };
  return { scope, services };
}

/**
 * The whole dashboard for the viewer: one statement for their services, then
 * one per section, run side by side.
 */
export async function dashboard(context: RequestContext, filter: DashboardFilter, now: Date = new Date()): Promise<Dashboard> {
  const { scope, services } = await scopeOf(context, filter);
  const run = <Row>(statement: Prisma.Sql) => context.prisma.$queryRaw<Row[]>(statement);
  const [volume, decisions, responseTimes, waiting, [agreement]] = await Promise.all([
    run<WithRank<VolumeFigure>>(volumeStatement(scope)),
    run<DecisionFigure>(decisionsStatement(scope)),
    run<WithRank<ResponseTimeFigure>>(responseTimesStatement(scope)),
    run<Omit<WaitingFigure, "serviceName">>(waitingListStatement(scope, now)),
    run<AgreementRow>(agreementStatement(scope)),
  ]);
  const overrides = (agreement?.overrides ?? []).map((override) => ({ ...override, createdAt: new Date(override.createdAt) }));
  // The override reasons quote what clinicians wrote about patients: a read of those referrals.
  if (overrides.length) context.audit.record("referral.read", "Referral", overrides.map((override) => override.referralId), "SUCCESS");

  const nameOf = new Map(services.map((service) => [service.id, service.name]));
  return {
    filter,
    showsSent: scope.sent,
    services,
    volume: volume.map(withPriority<VolumeFigure>),
    decisions,
    responseTimes: responseTimes.map(withPriority<ResponseTimeFigure>),
    waitingList: waiting.map((row) => ({ ...row, serviceName: nameOf.get(row.serviceId) ?? "" })),
    agreement: { byRecommendation: agreement?.byRecommendation ?? [], byRule: agreement?.byRule ?? [], overrides },
  };
}
