import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { DeclineReason, type Discipline, type Recommendation, type ReferralPriority } from "@/lib/generated/prisma/enums";
import { dashboardScope } from "@/lib/permissions";
import { PRIORITY_RANK, priorityOfRank, responseTargets } from "@/lib/referrals/parts";
import { viewerOf, type RequestContext } from "@/lib/request/context";
import { WAITING_BANDS } from "./bands";
import { spansCovering } from "./spans";
import { rangeInstants, type DashboardFilter } from "./validation";


/**
 * The referral flow dashboard: every figure is computed by PostgreSQL, one SQL
 * statement per section after one that finds the viewer's services, so a page
 * view costs the same few statements whatever the data (6). The sections over a
 * range of days sum roll-ups (DashboardDay, DashboardDuration,
 * DashboardAgreement in prisma/schema.prisma), which triggers keep exact in the
 * transaction of every write, so two years cost a few thousand rows, not a
 * million parts; the waiting list counts open parts per band on an index.
 *
 * Tenancy: this is raw SQL, so lib/db/tenant.ts does not see it. Each statement
 * is confined by hand, and only by values from the session (Scope, made by
 * scopeOf from dashboardScope): "sent" rows are the roll-ups' and referrals' of
 * the viewer's clinic (and only for viewers who
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

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * Whole working days (Monday to Friday, UTC) from one instant to another, as
 * lib/referrals/parts.ts workingDaysBetween counts them: the weekdays among the
 * days after the first day up to and including the last. Null when `to` is.
 * The SQL function is the migration dashboard_rollups's, which the roll-up
 * triggers use too.
 */
export function workingDaysSql(from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`dashboard_working_days(${from}, ${to})`;
}

/** The range as UTC day numbers (days since 1970-01-01), the end excluded: the roll-ups' days. */
const daysOf = (scope: Scope) => ({ first: Math.round(scope.start.getTime() / DAY_MS), end: Math.round(scope.end.getTime() / DAY_MS) });

/**
 * The roll-up rows' owners for the scope: the viewer's clinic for SENT (only
 * when they may see what it sent), each in-scope service for RECEIVED.
 */
function owners(scope: Scope): Prisma.Sql {
  return Prisma.sql`owners AS (
    SELECT 'SENT' AS direction, ${scope.clinicId}::uuid AS "ownerId" WHERE ${scope.sent}::boolean
    UNION ALL
    SELECT 'RECEIVED', unnest(${scope.serviceIds}::uuid[])
  )`;
}

/** The discipline and priority filters on a roll-up of parts (alias d). */
function narrowed(scope: Scope): Prisma.Sql {
  const rank = scope.priority ? PRIORITY_RANK[scope.priority] : null;
  return Prisma.sql`(${scope.discipline}::"Discipline" IS NULL OR d.discipline = ${scope.discipline}::"Discipline")
    AND (${rank}::int IS NULL OR d."priorityRank" = ${rank}::int)`;
}

/**
 * The per-day roll-up of the parts a section counts, with their direction: SENT
 * are the parts the viewer's clinic sent (its referrals created in the range; a
 * redirect's new part is the receiving service's doing, not a new sending),
 * RECEIVED the parts that reached the in-scope services in the range (redirected
 * ones included). DashboardDay holds them summed per day (see schema.prisma).
 */
function daysInScope(scope: Scope): Prisma.Sql {
  const { first, end } = daysOf(scope);
  return Prisma.sql`${owners(scope)},
    days AS (
      SELECT d.* FROM owners o
        JOIN "DashboardDay" d ON d.direction = o.direction AND d."ownerId" = o."ownerId"
       WHERE d.day >= ${first}::int AND d.day < ${end}::int AND ${narrowed(scope)}
    )`;
}

function volumeStatement(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    WITH ${daysInScope(scope)}
    SELECT direction, to_char(date '1970-01-01' + monday, 'YYYY-MM-DD') AS "weekStart", discipline::text AS discipline, "priorityRank", count
      FROM (
        -- Grouped by the Monday's day number (day 0 was a Thursday); formatted once per group.
        SELECT direction, day - (day + 3) % 7 AS monday, discipline, "priorityRank", sum(parts)::int AS count
          FROM days
         GROUP BY 1, 2, 3, 4
        HAVING sum(parts) > 0
      ) weeks
     ORDER BY 1, 2, 3, 4 DESC`;
}

/** DashboardDay's column of each coded decline reason (a new reason fails to compile here until the roll-up has its column). */
const DECLINED_COLUMN: Record<DeclineReason, string> = {
  NOT_ELIGIBLE: "declinedNotEligible",
  OUTSIDE_SERVICE_AREA: "declinedOutsideServiceArea",
  WRONG_DISCIPLINE: "declinedWrongDiscipline",
  NEEDS_MEDICAL_REVIEW: "declinedNeedsMedicalReview",
  DUPLICATE: "declinedDuplicate",
  PATIENT_DECLINED: "declinedPatientDeclined",
  OTHER: "declinedOther",
};

function decisionsStatement(scope: Scope): Prisma.Sql {
  const reasons = Object.values(DeclineReason);
  // The day rows summed per direction, every count side by side, then one row per count (unpivoted).
  // accept, decline and redirect set decidedAt; a part cancelled after it was accepted still counts as accepted.
  const declined = Prisma.join(reasons.map((reason) => Prisma.sql`sum(${Prisma.raw(`"${DECLINED_COLUMN[reason]}"`)})::int`));
  const declinedRows = Prisma.join(reasons.map((reason, index) => Prisma.sql`('DECLINED', ${reason}::text, c.declined[${index + 1}::int])`));
  return Prisma.sql`
    WITH ${daysInScope(scope)},
    counted AS (
      SELECT direction, sum(parts)::int AS parts, sum(accepted)::int AS accepted, sum(redirected)::int AS redirected,
             sum(undecided)::int AS undecided, sum("declinedUnknown")::int AS declined_unknown, sum(questioned)::int AS questioned,
             ARRAY[${declined}] AS declined
        FROM days
       GROUP BY direction
      HAVING sum(parts) > 0
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

/**
 * percentile_cont(fraction) over the values a histogram (days, n) holds, as
 * PostgreSQL computes it: the values at 0-based rows floor and ceil of
 * fraction × (count − 1), interpolated in float8.
 */
function percentileSql(fraction: number): Prisma.Sql {
  const position = Prisma.sql`(${fraction}::float8 * (total - 1))`;
  const at = (row: Prisma.Sql) => Prisma.sql`min(days) FILTER (WHERE upto > ${row})`;
  return Prisma.sql`round((${at(Prisma.sql`floor(${position})`)}::float8
    + (${position} - floor(${position})) * (${at(Prisma.sql`ceil(${position})`)} - ${at(Prisma.sql`floor(${position})`)})::float8)::numeric, 2)::float8`;
}

function responseTimesStatement(scope: Scope): Prisma.Sql {
  const targets = responseTargets();
  const targetRows = Prisma.join(
    (Object.keys(PRIORITY_RANK) as ReferralPriority[]).map((priority) => Prisma.sql`(${PRIORITY_RANK[priority]}::int, ${targets[priority]}::int)`),
  );
  const { first, end } = daysOf(scope);
  const spans = spansCovering(first, end);
  // The parts per priority from the day rows; the working days to decision and to completion from
  // DashboardDuration's counts per whole number of days over the spans covering the range, so the
  // median and 90th percentile (percentile_cont, rounded to 2 decimals) come out as over the parts themselves.
  return Prisma.sql`
    WITH ${daysInScope(scope)},
    targets (rank, target) AS (VALUES ${targetRows}),
    counted AS (
      SELECT direction, "priorityRank", sum(parts)::int AS parts FROM days GROUP BY 1, 2 HAVING sum(parts) > 0
    ),
    histogram AS (
      SELECT d.direction, d."priorityRank", d.measure, d."workingDays" AS days, sum(d.parts)::int AS n
        FROM owners o
       CROSS JOIN unnest(${spans.map((span) => span.span)}::int[], ${spans.map((span) => span.firstDay)}::int[]) AS s(span, "firstDay")
       -- One probe of the primary key per owner and span (OFFSET 0 keeps the planner from reading
       -- every span of the owner and hashing: at a million referrals that was 700,000 rows).
       CROSS JOIN LATERAL (
         SELECT d.* FROM "DashboardDuration" d
          WHERE d.direction = o.direction AND d."ownerId" = o."ownerId" AND d.span = s.span AND d."firstDay" = s."firstDay" AND ${narrowed(scope)}
         OFFSET 0
       ) d
       GROUP BY 1, 2, 3, 4
      HAVING sum(d.parts) > 0
    ),
    cumulative AS (
      SELECT h.*, sum(n) OVER (PARTITION BY direction, "priorityRank", measure ORDER BY days) AS upto,
             sum(n) OVER (PARTITION BY direction, "priorityRank", measure) AS total
        FROM histogram h
    ),
    figures AS (
      SELECT c.direction, c."priorityRank", c.measure, c.total::int AS count,
             ${percentileSql(0.5)} AS median, ${percentileSql(0.9)} AS p90,
             sum(c.n) FILTER (WHERE c.days > t.target)::int AS over
        FROM cumulative c JOIN targets t ON t.rank = c."priorityRank"
       GROUP BY c.direction, c."priorityRank", c.measure, c.total
    )
    SELECT c.direction, c."priorityRank", t.target AS "targetWorkingDays", c.parts,
           coalesce(d.count, 0) AS decided, d.median AS "decisionMedian", d.p90 AS "decisionP90",
           coalesce(d.over, 0) AS breached,
           round(coalesce(d.over, 0)::numeric / nullif(d.count, 0), 4)::float8 AS "breachedShare",
           coalesce(k.count, 0) AS completed, k.median AS "completionMedian", k.p90 AS "completionP90"
      FROM counted c
      JOIN targets t ON t.rank = c."priorityRank"
      LEFT JOIN figures d ON d.direction = c.direction AND d."priorityRank" = c."priorityRank" AND d.measure = 'DECISION'
      LEFT JOIN figures k ON k.direction = c.direction AND k."priorityRank" = c."priorityRank" AND k.measure = 'COMPLETION'
     ORDER BY c.direction, c."priorityRank" DESC`;
}

function waitingListStatement(scope: Scope, now: Date): Prisma.Sql {
  const rank = scope.priority ? PRIORITY_RANK[scope.priority] : null;
  // Whole calendar weeks since sending (floor, none before 0: a part sent "after" now waits 0) is a band of
  // sending instants, (now − toWeeks, now − fromWeeks], so each band of each service is one count over the
  // (serviceId, status, sentAt) index, with no per-row arithmetic.
  const instant = (weeks: number | null, open: string) => (weeks === null ? open : new Date(now.getTime() - weeks * WEEK_MS).toISOString());
  const after = WAITING_BANDS.map((band) => instant(band.toWeeks, "-infinity"));
  const upTo = WAITING_BANDS.map((band) => (band.fromWeeks === 0 ? "infinity" : instant(band.fromWeeks, "infinity")));
  return Prisma.sql`
    SELECT s.id AS "serviceId", b."fromWeeks", b."toWeeks", w."awaitingDecision", w."acceptedNotStarted"
      FROM unnest(${scope.serviceIds}::uuid[]) AS s(id)
     CROSS JOIN unnest(${WAITING_BANDS.map((band) => band.fromWeeks)}::int[], ${WAITING_BANDS.map((band) => band.toWeeks)}::int[],
                       ${after}::timestamptz[], ${upTo}::timestamptz[]) AS b("fromWeeks", "toWeeks", after, "upTo")
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE p.status IN ('SENT', 'AWAITING_REFERRER'))::int AS "awaitingDecision",
              count(*) FILTER (WHERE p.status = 'ACCEPTED')::int AS "acceptedNotStarted"
         FROM "ReferralPart" p
        WHERE p."serviceId" = s.id
          AND p.status IN ('SENT', 'AWAITING_REFERRER', 'ACCEPTED')
          AND p."sentAt" > b.after AND p."sentAt" <= b."upTo"
          AND (${scope.discipline}::"Discipline" IS NULL OR p.discipline = ${scope.discipline}::"Discipline")
          AND (${rank}::int IS NULL OR p."priorityRank" = ${rank}::int)
     ) w
     WHERE w."awaitingDecision" + w."acceptedNotStarted" > 0
     ORDER BY 1, 2`;
}

interface AgreementRow {
  byRecommendation: Dashboard["agreement"]["byRecommendation"];
  byRule: Dashboard["agreement"]["byRule"];
  overrides: (Omit<OverrideReason, "createdAt"> & { createdAt: string })[];
}

function agreementStatement(scope: Scope): Prisma.Sql {
  const { first, end } = daysOf(scope);
  const spans = spansCovering(first, end);
  // Per recommendation and per rule from DashboardAgreement over the spans covering the range (a referral
  // counts under '' and under each of its disciplines, so the discipline filter is one key).
  // The clinician chose otherwise exactly when an override reason was stored (lib/referrals/service.ts requires one then).
  return Prisma.sql`
    WITH counted AS (
      SELECT a.kind, a.key, sum(a.referrals)::int AS referrals, sum(a.overridden)::int AS overridden
        FROM unnest(${spans.map((span) => span.span)}::int[], ${spans.map((span) => span.firstDay)}::int[]) AS s(span, "firstDay")
        -- One probe of the primary key per span (OFFSET 0: see responseTimesStatement).
       CROSS JOIN LATERAL (
         SELECT a.* FROM "DashboardAgreement" a
          WHERE a."clinicId" = ${scope.clinicId}::uuid AND a.span = s.span AND a."firstDay" = s."firstDay"
            AND a.discipline = coalesce(${scope.discipline}::text, '')
            AND (${scope.priority}::"ReferralPriority" IS NULL OR a.priority = ${scope.priority}::"ReferralPriority")
         OFFSET 0
       ) a
       WHERE ${scope.sent}::boolean
       GROUP BY 1, 2
      HAVING sum(a.referrals) > 0
    ),
    by_recommendation AS (
      SELECT key AS recommendation, referrals, overridden, round(overridden::numeric / referrals, 4)::float8 AS rate
        FROM counted WHERE kind = 'RECOMMENDATION'
    ),
    by_rule AS (
      SELECT key AS "ruleId", referrals, overridden, round(overridden::numeric / referrals, 4)::float8 AS rate
        FROM counted WHERE kind = 'RULE'
    ),
    overrides AS (
      SELECT r.id AS "referralId", r."createdAt", r.recommendation, r.disciplines, r."overrideReason" AS reason
        FROM "Referral" r
       WHERE ${scope.sent}::boolean AND r."clinicId" = ${scope.clinicId}::uuid
         AND r."createdAt" >= ${scope.start}::timestamptz AND r."createdAt" < ${scope.end}::timestamptz
         AND (${scope.discipline}::"Discipline" IS NULL OR ${scope.discipline}::"Discipline" = ANY (r.disciplines))
         AND (${scope.priority}::"ReferralPriority" IS NULL OR r.priority = ${scope.priority}::"ReferralPriority")
         AND r."overrideReason" IS NOT NULL
       ORDER BY r."createdAt" DESC, r.id DESC
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
