"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DISCIPLINE_LABELS, DISCIPLINES, PRIORITY_LABELS, RECOMMENDATION_LABELS, REFERRAL_PRIORITIES } from "@/components/labels";
import { WAITING_BANDS } from "@/lib/dashboard/bands";
import { formatCalendarDate } from "@/lib/dates";
import type { DashboardDirection, DashboardQuery } from "@/lib/generated/graphql/graphql";
import { ChartCard } from "./chart-card";
import type { FigureTable } from "./csv";
import { bandLabel, DECISION_LABELS, DECLINE_REASON_LABELS, DIRECTION_LABELS } from "./labels";
import { seriesColour, seriesFill } from "./palette";

export type DashboardFigures = DashboardQuery["dashboard"];

interface Series {
  key: string;
  label: string;
  stack?: string;
}

const DAY_MS = 86_400_000;
/** Rates as percentages with 2 decimals, the same in the table, the chart and the CSV. */
const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);

/** The Mondays of every week the range touches, YYYY-MM-DD (UTC), so empty weeks show as zero. */
function mondaysOf(from: string, to: string): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  let monday = start.getTime() - ((start.getUTCDay() + 6) % 7) * DAY_MS;
  const end = new Date(`${to}T00:00:00Z`).getTime();
  const mondays: string[] = [];
  for (; monday <= end; monday += 7 * DAY_MS) mondays.push(new Date(monday).toISOString().slice(0, 10));
  return mondays;
}

/** A bar chart over a table's rows: one bar (or stacked segment) per series, each with its colour and pattern. */
function Bars({
  table,
  category,
  series,
  title,
  description,
  valueLabel,
  horizontal = false,
}: {
  table: FigureTable;
  category: string;
  series: readonly Series[];
  title: string;
  description: string;
  valueLabel: string;
  horizontal?: boolean;
}) {
  const height = horizontal ? Math.max(240, table.rows.length * 28 + 80) : 320;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={[...table.rows]} layout={horizontal ? "vertical" : "horizontal"} title={title} desc={description} margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} label={{ value: valueLabel, position: "insideBottom", offset: -4 }} />
            <YAxis type="category" dataKey={category} width={170} />
          </>
        ) : (
          <>
            <XAxis dataKey={category} />
            <YAxis allowDecimals={false} label={{ value: valueLabel, angle: -90, position: "insideLeft" }} />
          </>
        )}
        <Tooltip />
        <Legend />
        {series.map((entry, index) => (
          <Bar key={entry.key} dataKey={entry.key} name={entry.label} stackId={entry.stack} fill={seriesFill(index)} stroke={seriesColour(index)} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

const directionsOf = (figures: DashboardFigures): DashboardDirection[] => (figures.showsSent ? ["SENT", "RECEIVED"] : ["RECEIVED"]);

export function VolumeSection({ figures }: { figures: DashboardFigures }) {
  const [breakdown, setBreakdown] = useState<"discipline" | "priority">("discipline");
  const values: readonly string[] = breakdown === "discipline" ? DISCIPLINES : REFERRAL_PRIORITIES;
  const labelOf = (value: string) =>
    breakdown === "discipline" ? DISCIPLINE_LABELS[value as keyof typeof DISCIPLINE_LABELS] : PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS];
  const series: Series[] = directionsOf(figures).flatMap((direction) =>
    values.map((value) => ({ key: `${direction}_${value}`, label: `${DIRECTION_LABELS[direction]}: ${labelOf(value)}`, stack: direction })),
  );
  const rows = mondaysOf(figures.from, figures.to).map((week) => {
    // The clinic's date format in the chart, the table and the CSV alike ("23 Nov 2026").
    const row: Record<string, string | number> = { week: formatCalendarDate(week) };
    for (const entry of series) row[entry.key] = 0;
    for (const figure of figures.volume.filter((candidate) => candidate.weekStart === week)) {
      const key = `${figure.direction}_${figure[breakdown]}`;
      if (key in row) row[key] = (row[key] as number) + figure.count;
    }
    return row;
  });
  const table: FigureTable = { columns: [{ key: "week", label: "Week starting" }, ...series], rows };
  const title = "Referrals sent and received per week";
  const description = `Parts of referrals sent by your clinic and received by ${figures.showsSent ? "its services" : "your service"}, per week (starting Monday), by ${breakdown}.`;
  return (
    <ChartCard
      title={title}
      description={description}
      table={table}
      fileName={`referrals-per-week-by-${breakdown}.csv`}
      controls={
        <label>
          By{" "}
          <select value={breakdown} onChange={(event) => setBreakdown(event.target.value as "discipline" | "priority")}>
            <option value="discipline">discipline</option>
            <option value="priority">priority</option>
          </select>
        </label>
      }
      chart={<Bars table={table} category="week" series={series} title={title} description={description} valueLabel="Parts" />}
    />
  );
}

export function DecisionsSection({ figures }: { figures: DashboardFigures }) {
  const directions = directionsOf(figures);
  const kinds = [
    ...new Map(
      figures.decisions.map((figure) => {
        const key = figure.declineReason ? `${figure.decision}_${figure.declineReason}` : figure.decision;
        const label = figure.declineReason ? `Declined: ${DECLINE_REASON_LABELS[figure.declineReason]}` : DECISION_LABELS[figure.decision];
        return [key, label] as const;
      }),
    ),
  ].sort(([left], [right]) => left.localeCompare(right));
  const rows = kinds.map(([key, label]) => {
    const row: Record<string, string | number> = { decision: label };
    for (const direction of directions) {
      const figure = figures.decisions.find(
        (candidate) => candidate.direction === direction && (candidate.declineReason ? `${candidate.decision}_${candidate.declineReason}` : candidate.decision) === key,
      );
      row[`${direction}_count`] = figure?.count ?? 0;
      row[`${direction}_rate`] = asPercent(figure?.rate ?? 0) ?? 0;
    }
    return row;
  });
  const totals = directions
    .map((direction) => `${figures.decisions.find((figure) => figure.direction === direction)?.parts ?? 0} ${DIRECTION_LABELS[direction].toLowerCase()}`)
    .join(" and ");
  const table: FigureTable = {
    columns: [
      { key: "decision", label: "Decision" },
      ...directions.flatMap((direction) => [
        { key: `${direction}_count`, label: `${DIRECTION_LABELS[direction]}: parts` },
        { key: `${direction}_rate`, label: `${DIRECTION_LABELS[direction]}: rate (%)` },
      ]),
    ],
    rows,
  };
  const title = "Decisions";
  const description = `What became of the parts sent in the range (${totals}): accepted, declined by coded reason, redirected, a question asked of the referrer, or no decision yet; rates are shares of those parts.`;
  const series = directions.map((direction) => ({ key: `${direction}_rate`, label: `${DIRECTION_LABELS[direction]} (%)` }));
  return (
    <ChartCard
      title={title}
      description={description}
      table={table}
      fileName="decisions.csv"
      chart={<Bars table={table} category="decision" series={series} title={title} description={description} valueLabel="% of parts" horizontal />}
    />
  );
}

export function ResponseTimesSection({ figures }: { figures: DashboardFigures }) {
  const directions = directionsOf(figures);
  const [direction, setDirection] = useState<DashboardDirection>("RECEIVED");
  const rows = figures.responseTimes
    .filter((figure) => figure.direction === direction)
    .map((figure) => ({
      priority: PRIORITY_LABELS[figure.priority],
      target: figure.targetWorkingDays,
      decided: figure.decided,
      decisionMedian: figure.decisionMedian,
      decisionP90: figure.decisionP90,
      breached: figure.breached,
      breachedShare: asPercent(figure.breachedShare),
      completed: figure.completed,
      completionMedian: figure.completionMedian,
      completionP90: figure.completionP90,
    }));
  const table: FigureTable = {
    columns: [
      { key: "priority", label: "Priority" },
      { key: "target", label: "Target (working days)" },
      { key: "decided", label: "Decided" },
      { key: "decisionMedian", label: "Median to decision" },
      { key: "decisionP90", label: "90th percentile to decision" },
      { key: "breached", label: "Over target" },
      { key: "breachedShare", label: "Over target (%)" },
      { key: "completed", label: "Completed" },
      { key: "completionMedian", label: "Median to completion" },
      { key: "completionP90", label: "90th percentile to completion" },
    ],
    rows,
  };
  const title = "Time to decision and completion";
  const description = `Working days (Monday to Friday) from sending to decision and to completion for ${DIRECTION_LABELS[direction].toLowerCase()} parts, per priority: median and 90th percentile against the response target, and the share of decisions that took longer than the target.`;
  const series: Series[] = [
    { key: "decisionMedian", label: "Median to decision" },
    { key: "decisionP90", label: "90th percentile to decision" },
    { key: "target", label: "Target" },
  ];
  return (
    <ChartCard
      title={title}
      description={description}
      table={table}
      fileName={`response-times-${direction.toLowerCase()}.csv`}
      controls={
        directions.length > 1 && (
          <label>
            Parts{" "}
            <select value={direction} onChange={(event) => setDirection(event.target.value as DashboardDirection)}>
              {directions.map((value) => (
                <option key={value} value={value}>
                  {DIRECTION_LABELS[value].toLowerCase()}
                </option>
              ))}
            </select>
          </label>
        )
      }
      chart={<Bars table={table} category="priority" series={series} title={title} description={description} valueLabel="Working days" />}
    />
  );
}

export function WaitingListSection({ figures }: { figures: DashboardFigures }) {
  const series: Series[] = figures.services.flatMap((service) => [
    { key: `${service.id}_awaiting`, label: `${service.name}: awaiting decision`, stack: service.id },
    { key: `${service.id}_accepted`, label: `${service.name}: accepted, not started`, stack: service.id },
  ]);
  const rows = WAITING_BANDS.map((band) => {
    const row: Record<string, string | number> = { band: bandLabel(band) };
    for (const service of figures.services) {
      const figure = figures.waitingList.find((candidate) => candidate.serviceId === service.id && candidate.fromWeeks === band.fromWeeks);
      row[`${service.id}_awaiting`] = figure?.awaitingDecision ?? 0;
      row[`${service.id}_accepted`] = figure?.acceptedNotStarted ?? 0;
    }
    return row;
  });
  const table: FigureTable = { columns: [{ key: "band", label: "Waiting since sent" }, ...series], rows: figures.waitingList.length ? rows : [] };
  const title = "Waiting list now";
  const description =
    "Open parts at each service today, by whole weeks since they were sent: awaiting a decision (or the referrer's answer), and accepted but not started. The date range does not apply; the other filters do.";
  return (
    <ChartCard
      title={title}
      description={description}
      table={table}
      fileName="waiting-list.csv"
      chart={<Bars table={table} category="band" series={series} title={title} description={description} valueLabel="Parts" />}
    />
  );
}

export function AgreementSections({ figures }: { figures: DashboardFigures }) {
  const { byRecommendation, byRule, overrides } = figures.agreement;
  const recommendationTable: FigureTable = {
    columns: [
      { key: "recommendation", label: "Recommendation" },
      { key: "followed", label: "Followed" },
      { key: "overridden", label: "Chose otherwise" },
      { key: "referrals", label: "Referrals" },
      { key: "rate", label: "Chose otherwise (%)" },
    ],
    rows: byRecommendation.map((figure) => ({
      recommendation: RECOMMENDATION_LABELS[figure.recommendation],
      followed: figure.referrals - figure.overridden,
      overridden: figure.overridden,
      referrals: figure.referrals,
      rate: asPercent(figure.rate),
    })),
  };
  const ruleTable: FigureTable = {
    columns: [
      { key: "ruleId", label: "Rule" },
      { key: "followed", label: "Followed" },
      { key: "overridden", label: "Chose otherwise" },
      { key: "referrals", label: "Referrals matching it" },
      { key: "rate", label: "Chose otherwise (%)" },
    ],
    rows: byRule.map((figure) => ({
      ruleId: figure.ruleId,
      followed: figure.referrals - figure.overridden,
      overridden: figure.overridden,
      referrals: figure.referrals,
      rate: asPercent(figure.rate),
    })),
  };
  const reasonTable: FigureTable = {
    columns: [
      { key: "sent", label: "Sent" },
      { key: "recommendation", label: "Recommendation" },
      { key: "chosen", label: "Chosen" },
      { key: "reason", label: "Reason" },
    ],
    rows: overrides.map((override) => ({
      sent: override.createdAt.slice(0, 10),
      recommendation: RECOMMENDATION_LABELS[override.recommendation],
      chosen: override.disciplines.map((discipline) => DISCIPLINE_LABELS[discipline]).join(" and "),
      reason: override.reason,
    })),
  };
  const stacked: Series[] = [
    { key: "followed", label: "Followed", stack: "referrals" },
    { key: "overridden", label: "Chose otherwise", stack: "referrals" },
  ];
  const recommendationTitle = "Agreement with the recommendation";
  const recommendationDescription =
    "Referrals your clinic sent in the range, per recommendation: how many followed it and how many chose otherwise (with a reason). Assess first names no discipline, so any referral after it chooses otherwise.";
  const ruleTitle = "Agreement per matched rule";
  const ruleDescription = "For each triage rule, the referrals whose recommendation it helped make, and how many of them chose otherwise; most overridden first.";
  return (
    <>
      <ChartCard
        title={recommendationTitle}
        description={recommendationDescription}
        table={recommendationTable}
        fileName="agreement-by-recommendation.csv"
        chart={
          <Bars
            table={recommendationTable}
            category="recommendation"
            series={stacked}
            title={recommendationTitle}
            description={recommendationDescription}
            valueLabel="Referrals"
            horizontal
          />
        }
      />
      <ChartCard
        title={ruleTitle}
        description={ruleDescription}
        table={ruleTable}
        fileName="agreement-by-rule.csv"
        chart={<Bars table={ruleTable} category="ruleId" series={stacked} title={ruleTitle} description={ruleDescription} valueLabel="Referrals" horizontal />}
      />
      <ChartCard
        title="Override reasons"
        description="What clinicians wrote when they chose otherwise, newest first (the latest 50)."
        table={reasonTable}
        fileName="override-reasons.csv"
      />
    </>
  );
}
