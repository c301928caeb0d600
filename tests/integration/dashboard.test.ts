import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import { dashboard, workingDaysSql, type Dashboard } from "@/lib/dashboard";
import { dashboardFilterSchema } from "@/lib/dashboard/validation";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeclineReason, Discipline, Recommendation, ReferralPriority, ReferralStatus, Role } from "@/lib/generated/prisma/enums";
import { PRIORITY_RANK, workingDaysBetween } from "@/lib/referrals/parts";
import { createRequestContext } from "@/lib/request/context";
import { isAuditWrite, statementLoggingClient, testDb } from "../support/db";

/**
 * A known set of referrals, decisions and outcomes across two clinics, and
 * every figure of the dashboard asserted exactly. June 2026: the 1st is a
 * Monday. Clinic A sends R1–R4 (and R5, R10 before the range) and receives
 * from clinic B (R6, R9); clinic B's own flow (R7, R8) must never show in A's.
 */

const at = (iso: string) => new Date(`${iso}Z`);
const NOW = at("2026-06-29T12:00:00");
const JUNE = { from: "2026-06-01", to: "2026-06-28" };

interface ClinicFixture {
  clinicId: string;
  services: { OT: string; PT: string };
  users: Record<"ADMIN" | "THERAPIST" | "CLINICIAN", Viewer>;
  patientId: string;
}

async function createClinic(label: string): Promise<ClinicFixture> {
  const prisma = testDb();
  const tag = `${label}-${randomUUID().slice(0, 8)}`;
  const clinic = await prisma.clinic.create({ data: { name: `Dashboard clinic ${tag}` } });
  const service = (discipline: Discipline, name: string) =>
    prisma.therapyService.create({ data: { clinicId: clinic.id, discipline, name: `${name} ${tag}`, acceptsExternalReferrals: true } });
  const ot = await service("OCCUPATIONAL_THERAPY", "Occupational therapy");
  const pt = await service("PHYSIOTHERAPY", "Physiotherapy");
  const user = async (role: Role): Promise<Viewer> => {
    const created = await prisma.user.create({
      data: {
        clinicId: clinic.id,
        email: `${role}.${tag}@dashboard.test`.toLowerCase(),
        name: `${role} ${tag}`,
        role,
        serviceId: role === "THERAPIST" ? ot.id : null,
        passwordHash: "not-used-here",
      },
    });
    return { id: created.id, name: created.name, email: created.email, role, clinicId: clinic.id, clinicName: clinic.name, serviceId: created.serviceId };
  };
  const patient = await prisma.patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `D-${tag}`, givenName: "Flow", familyName: "Patient", dateOfBirth: new Date("1950-01-01") },
  });
  return {
    clinicId: clinic.id,
    services: { OT: ot.id, PT: pt.id },
    users: { ADMIN: await user("ADMIN"), THERAPIST: await user("THERAPIST"), CLINICIAN: await user("CLINICIAN") },
    patientId: patient.id,
  };
}

interface PartSpec {
  serviceId: string;
  discipline: Discipline;
  status: ReferralStatus;
  sentAt?: string;
  decidedAt?: string;
  completedAt?: string;
  declineReason?: DeclineReason;
  askedQuestion?: boolean;
  redirectedTo?: Omit<PartSpec, "redirectedTo">;
}

async function sendReferral(
  from: ClinicFixture,
  referral: { createdAt: string; priority: ReferralPriority; recommendation: Recommendation; disciplines: Discipline[]; overrideReason?: string; rules: string[] },
  parts: PartSpec[],
) {
  const prisma = testDb();
  const created = await prisma.referral.create({
    data: {
      clinicId: from.clinicId,
      patientId: from.patientId,
      authorId: from.users.CLINICIAN.id,
      idempotencyKey: randomUUID(),
      needs: [],
      conditions: [],
      notes: "",
      recommendation: referral.recommendation,
      triage: { recommendation: referral.recommendation, matchedRules: referral.rules.map((ruleId) => ({ ruleId })) },
      rulesetVersion: "test",
      disciplines: referral.disciplines,
      overrideReason: referral.overrideReason ?? null,
      priority: referral.priority,
      createdAt: at(referral.createdAt),
    },
  });
  const addPart = async (part: PartSpec, redirectedFromId: string | null = null) => {
    const row = await prisma.referralPart.create({
      data: {
        referralId: created.id,
        serviceId: part.serviceId,
        discipline: part.discipline,
        status: part.status,
        priorityRank: PRIORITY_RANK[referral.priority],
        sentAt: at(part.sentAt ?? referral.createdAt),
        decidedAt: part.decidedAt ? at(part.decidedAt) : null,
        completedAt: part.completedAt ? at(part.completedAt) : null,
        declineReason: part.declineReason ?? null,
        redirectedFromId,
      },
    });
    if (part.askedQuestion) {
      await prisma.referralEvent.create({
        data: { referralId: created.id, partId: row.id, actorId: from.users.CLINICIAN.id, action: "ASK_QUESTION", fromStatus: "SENT", toStatus: "AWAITING_REFERRER" },
      });
    }
    if (part.redirectedTo) await addPart(part.redirectedTo, row.id);
  };
  for (const part of parts) await addPart(part);
  return created.id;
}

let A: ClinicFixture;
let B: ClinicFixture;

beforeAll(async () => {
  A = await createClinic("A");
  B = await createClinic("B");
  const OT = "OCCUPATIONAL_THERAPY" as const;
  const PT = "PHYSIOTHERAPY" as const;
  // R1: routine OT, accepted after 2 working days, completed after 10.
  await sendReferral(A, { createdAt: "2026-06-01T10:00:00", priority: "ROUTINE", recommendation: OT, disciplines: [OT], rules: ["ot.self-care"] }, [
    { serviceId: A.services.OT, discipline: OT, status: "COMPLETED", decidedAt: "2026-06-03T09:00:00", completedAt: "2026-06-15T16:00:00" },
  ]);
  // R2: urgent, both: A's OT declines after 8 working days (target 5: breached); B's PT accepts after 1.
  await sendReferral(A, { createdAt: "2026-06-02T10:00:00", priority: "URGENT", recommendation: "BOTH", disciplines: [OT, PT], rules: ["ot.self-care", "pt.pain"] }, [
    { serviceId: A.services.OT, discipline: OT, status: "DECLINED", decidedAt: "2026-06-12T10:00:00", declineReason: "NOT_ELIGIBLE" },
    { serviceId: B.services.PT, discipline: PT, status: "ACCEPTED", decidedAt: "2026-06-03T10:00:00" },
  ]);
  // R3: stat, PT recommended, OT chosen; A's OT redirects it after 1 working day (target 1: not breached) to A's PT, which asks a question.
  await sendReferral(
    A,
    { createdAt: "2026-06-08T10:00:00", priority: "STAT", recommendation: PT, disciplines: [OT], overrideReason: "Patient prefers OT", rules: ["pt.pain", "pt.mobility"] },
    [
      {
        serviceId: A.services.OT,
        discipline: OT,
        status: "REDIRECTED",
        decidedAt: "2026-06-09T10:00:00",
        redirectedTo: { serviceId: A.services.PT, discipline: PT, status: "AWAITING_REFERRER", sentAt: "2026-06-09T10:00:00", askedQuestion: true },
      },
    ],
  );
  // R4: routine, assess first, PT chosen; undecided after a question that was answered.
  await sendReferral(
    A,
    { createdAt: "2026-06-10T10:00:00", priority: "ROUTINE", recommendation: "NEEDS_ASSESSMENT", disciplines: [PT], overrideReason: "Assessment at PT", rules: [] },
    [{ serviceId: A.services.PT, discipline: PT, status: "SENT", askedQuestion: true }],
  );
  // R5 and R10: before the range, still on A's OT waiting list (accepted for 5 weeks; sent 25 weeks ago).
  await sendReferral(A, { createdAt: "2026-05-20T10:00:00", priority: "ROUTINE", recommendation: OT, disciplines: [OT], rules: ["ot.self-care"] }, [
    { serviceId: A.services.OT, discipline: OT, status: "ACCEPTED", decidedAt: "2026-05-21T10:00:00" },
  ]);
  await sendReferral(A, { createdAt: "2026-01-05T10:00:00", priority: "ROUTINE", recommendation: OT, disciplines: [OT], rules: ["ot.self-care"] }, [
    { serviceId: A.services.OT, discipline: OT, status: "SENT" },
  ]);
  // R6: clinic B refers to A's OT, accepted after 3 working days and in progress.
  await sendReferral(B, { createdAt: "2026-06-01T10:00:00", priority: "ROUTINE", recommendation: OT, disciplines: [OT], rules: ["ot.self-care"] }, [
    { serviceId: A.services.OT, discipline: OT, status: "IN_PROGRESS", decidedAt: "2026-06-04T10:00:00" },
  ]);
  // R9: clinic B's referral waiting at A's OT for over a year.
  await sendReferral(B, { createdAt: "2025-06-01T10:00:00", priority: "ROUTINE", recommendation: OT, disciplines: [OT], rules: ["ot.self-care"] }, [
    { serviceId: A.services.OT, discipline: OT, status: "SENT" },
  ]);
  // R7, R8: clinic B's flow within B, which A must never count.
  await sendReferral(B, { createdAt: "2026-06-02T10:00:00", priority: "ROUTINE", recommendation: PT, disciplines: [PT], rules: ["pt.pain"] }, [
    { serviceId: B.services.PT, discipline: PT, status: "SENT", askedQuestion: true },
  ]);
  await sendReferral(
    B,
    { createdAt: "2026-06-03T10:00:00", priority: "URGENT", recommendation: OT, disciplines: [PT], overrideReason: "Clinic B's reason", rules: ["pt.pain"] },
    [{ serviceId: B.services.OT, discipline: PT, status: "DECLINED", decidedAt: "2026-06-04T10:00:00", declineReason: "DUPLICATE" }],
  );
});

function dashboardFor(viewer: Viewer, filter: Record<string, unknown> = JUNE): Promise<Dashboard> {
  const context = createRequestContext({ prisma: testDb(), viewer });
  return dashboard(context, dashboardFilterSchema("2026-06-29").parse(filter), NOW);
}

const total = (figures: Dashboard, direction: "SENT" | "RECEIVED") =>
  figures.volume.filter((row) => row.direction === direction).reduce((sum, row) => sum + row.count, 0);

describe("the dashboard's figures for a clinic administrator", () => {
  it("counts sent and received parts per week, discipline and priority", async () => {
    const figures = await dashboardFor(A.users.ADMIN);
    expect(figures.showsSent).toBe(true);
    expect(figures.volume).toEqual([
      { direction: "RECEIVED", weekStart: "2026-06-01", discipline: "OCCUPATIONAL_THERAPY", priority: "URGENT", count: 1 },
      { direction: "RECEIVED", weekStart: "2026-06-01", discipline: "OCCUPATIONAL_THERAPY", priority: "ROUTINE", count: 2 },
      { direction: "RECEIVED", weekStart: "2026-06-08", discipline: "OCCUPATIONAL_THERAPY", priority: "STAT", count: 1 },
      { direction: "RECEIVED", weekStart: "2026-06-08", discipline: "PHYSIOTHERAPY", priority: "STAT", count: 1 },
      { direction: "RECEIVED", weekStart: "2026-06-08", discipline: "PHYSIOTHERAPY", priority: "ROUTINE", count: 1 },
      { direction: "SENT", weekStart: "2026-06-01", discipline: "OCCUPATIONAL_THERAPY", priority: "URGENT", count: 1 },
      { direction: "SENT", weekStart: "2026-06-01", discipline: "OCCUPATIONAL_THERAPY", priority: "ROUTINE", count: 1 },
      { direction: "SENT", weekStart: "2026-06-01", discipline: "PHYSIOTHERAPY", priority: "URGENT", count: 1 },
      { direction: "SENT", weekStart: "2026-06-08", discipline: "OCCUPATIONAL_THERAPY", priority: "STAT", count: 1 },
      { direction: "SENT", weekStart: "2026-06-08", discipline: "PHYSIOTHERAPY", priority: "ROUTINE", count: 1 },
    ]);
  });

  it("counts decisions by kind and coded reason, with rates over the parts sent in the range", async () => {
    const figures = await dashboardFor(A.users.ADMIN);
    const row = (direction: string, decision: string, declineReason: string | null, count: number, parts: number, rate: number) => ({
      direction,
      decision,
      declineReason,
      count,
      parts,
      rate,
    });
    expect(figures.decisions).toEqual([
      row("RECEIVED", "ACCEPTED", null, 2, 6, 0.3333),
      row("RECEIVED", "DECLINED", "NOT_ELIGIBLE", 1, 6, 0.1667),
      row("RECEIVED", "QUESTION_ASKED", null, 2, 6, 0.3333),
      row("RECEIVED", "REDIRECTED", null, 1, 6, 0.1667),
      row("RECEIVED", "UNDECIDED", null, 2, 6, 0.3333),
      row("SENT", "ACCEPTED", null, 2, 5, 0.4),
      row("SENT", "DECLINED", "NOT_ELIGIBLE", 1, 5, 0.2),
      row("SENT", "QUESTION_ASKED", null, 1, 5, 0.2),
      row("SENT", "REDIRECTED", null, 1, 5, 0.2),
      row("SENT", "UNDECIDED", null, 1, 5, 0.2),
    ]);
  });

  it("gives working days to decision and completion (median and 90th percentile) per priority, against the targets", async () => {
    const figures = await dashboardFor(A.users.ADMIN);
    const none = { completed: 0, completionMedian: null, completionP90: null };
    expect(figures.responseTimes).toEqual([
      { direction: "RECEIVED", priority: "STAT", targetWorkingDays: 1, parts: 2, decided: 1, decisionMedian: 1, decisionP90: 1, breached: 0, breachedShare: 0, ...none },
      { direction: "RECEIVED", priority: "URGENT", targetWorkingDays: 5, parts: 1, decided: 1, decisionMedian: 8, decisionP90: 8, breached: 1, breachedShare: 1, ...none },
      {
        direction: "RECEIVED",
        priority: "ROUTINE",
        targetWorkingDays: 28,
        parts: 3,
        decided: 2,
        decisionMedian: 2.5,
        decisionP90: 2.9,
        breached: 0,
        breachedShare: 0,
        completed: 1,
        completionMedian: 10,
        completionP90: 10,
      },
      { direction: "SENT", priority: "STAT", targetWorkingDays: 1, parts: 1, decided: 1, decisionMedian: 1, decisionP90: 1, breached: 0, breachedShare: 0, ...none },
      { direction: "SENT", priority: "URGENT", targetWorkingDays: 5, parts: 2, decided: 2, decisionMedian: 4.5, decisionP90: 7.3, breached: 1, breachedShare: 0.5, ...none },
      {
        direction: "SENT",
        priority: "ROUTINE",
        targetWorkingDays: 28,
        parts: 2,
        decided: 1,
        decisionMedian: 2,
        decisionP90: 2,
        breached: 0,
        breachedShare: 0,
        completed: 1,
        completionMedian: 10,
        completionP90: 10,
      },
    ]);
  });

  it("bands the waiting list now by whole weeks since sending, per service, whatever the range", async () => {
    const figures = await dashboardFor(A.users.ADMIN);
    const ot = figures.services.find((service) => service.id === A.services.OT)!.name;
    const pt = figures.services.find((service) => service.id === A.services.PT)!.name;
    const band = (serviceId: string, serviceName: string, fromWeeks: number, toWeeks: number | null, awaitingDecision: number, acceptedNotStarted: number) => ({
      serviceId,
      serviceName,
      fromWeeks,
      toWeeks,
      awaitingDecision,
      acceptedNotStarted,
    });
    const expected = [
      band(A.services.OT, ot, 5, 6, 0, 1),
      band(A.services.OT, ot, 18, 52, 1, 0),
      band(A.services.OT, ot, 52, null, 1, 0),
      band(A.services.PT, pt, 2, 3, 2, 0),
    ].sort((left, right) => left.serviceId.localeCompare(right.serviceId) || left.fromWeeks - right.fromWeeks);
    expect(figures.waitingList).toEqual(expected);
  });

  it("gives agreement with the recommendation per recommendation and per matched rule, with the override reasons newest first", async () => {
    const figures = await dashboardFor(A.users.ADMIN);
    expect(figures.agreement.byRecommendation).toEqual([
      { recommendation: "BOTH", referrals: 1, overridden: 0, rate: 0 },
      { recommendation: "NEEDS_ASSESSMENT", referrals: 1, overridden: 1, rate: 1 },
      { recommendation: "OCCUPATIONAL_THERAPY", referrals: 1, overridden: 0, rate: 0 },
      { recommendation: "PHYSIOTHERAPY", referrals: 1, overridden: 1, rate: 1 },
    ]);
    expect(figures.agreement.byRule).toEqual([
      { ruleId: "pt.pain", referrals: 2, overridden: 1, rate: 0.5 },
      { ruleId: "pt.mobility", referrals: 1, overridden: 1, rate: 1 },
      { ruleId: "ot.self-care", referrals: 2, overridden: 0, rate: 0 },
    ]);
    expect(figures.agreement.overrides.map(({ reason, recommendation, disciplines, createdAt }) => ({ reason, recommendation, disciplines, createdAt }))).toEqual([
      { reason: "Assessment at PT", recommendation: "NEEDS_ASSESSMENT", disciplines: ["PHYSIOTHERAPY"], createdAt: at("2026-06-10T10:00:00") },
      { reason: "Patient prefers OT", recommendation: "PHYSIOTHERAPY", disciplines: ["OCCUPATIONAL_THERAPY"], createdAt: at("2026-06-08T10:00:00") },
    ]);
  });

  it("never counts the other clinic's referrals, parts or services", async () => {
    const figures = await dashboardFor(B.users.ADMIN);
    // B sent R6 (to A), R7 and R8 in June; B's services received R7, R8 and A's R2 physiotherapy part.
    expect(total(figures, "SENT")).toBe(3);
    expect(total(figures, "RECEIVED")).toBe(3);
    expect(figures.services.map((service) => service.id).sort()).toEqual([B.services.OT, B.services.PT].sort());
    expect(figures.agreement.overrides.map((override) => override.reason)).toEqual(["Clinic B's reason"]);
    expect(figures.waitingList.every((row) => row.serviceId === B.services.PT)).toBe(true);
  });
});

describe("the dashboard's scope and filters", () => {
  it("shows a therapist their own service's received parts only, and nothing sent", async () => {
    const figures = await dashboardFor(A.users.THERAPIST);
    expect(figures.showsSent).toBe(false);
    expect(figures.services.map((service) => service.id)).toEqual([A.services.OT]);
    expect(figures.volume).toEqual([
      { direction: "RECEIVED", weekStart: "2026-06-01", discipline: "OCCUPATIONAL_THERAPY", priority: "URGENT", count: 1 },
      { direction: "RECEIVED", weekStart: "2026-06-01", discipline: "OCCUPATIONAL_THERAPY", priority: "ROUTINE", count: 2 },
      { direction: "RECEIVED", weekStart: "2026-06-08", discipline: "OCCUPATIONAL_THERAPY", priority: "STAT", count: 1 },
    ]);
    expect(figures.decisions.every((row) => row.direction === "RECEIVED" && row.parts === 4)).toBe(true);
    expect(figures.agreement).toEqual({ byRecommendation: [], byRule: [], overrides: [] });
    expect(figures.waitingList.map((row) => row.serviceId)).toEqual([A.services.OT, A.services.OT, A.services.OT]);
  });

  it("refuses a clinician", async () => {
    await expect(dashboardFor(A.users.CLINICIAN)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("narrows both directions to one discipline", async () => {
    const figures = await dashboardFor(A.users.ADMIN, { ...JUNE, discipline: "PHYSIOTHERAPY" });
    expect(figures.volume.map((row) => [row.direction, row.priority, row.count])).toEqual([
      ["RECEIVED", "STAT", 1],
      ["RECEIVED", "ROUTINE", 1],
      ["SENT", "URGENT", 1],
      ["SENT", "ROUTINE", 1],
    ]);
    expect(figures.agreement.byRecommendation.map((row) => [row.recommendation, row.referrals])).toEqual([
      ["BOTH", 1],
      ["NEEDS_ASSESSMENT", 1],
    ]);
  });

  it("narrows both directions to one priority", async () => {
    const figures = await dashboardFor(A.users.ADMIN, { ...JUNE, priority: "STAT" });
    expect(total(figures, "SENT")).toBe(1);
    expect(total(figures, "RECEIVED")).toBe(2);
    expect(figures.responseTimes.map((row) => [row.direction, row.priority])).toEqual([
      ["RECEIVED", "STAT"],
      ["SENT", "STAT"],
    ]);
  });

  it("narrows the received figures to one of the clinic's services and leaves the sent ones whole", async () => {
    const figures = await dashboardFor(A.users.ADMIN, { ...JUNE, serviceId: A.services.PT });
    expect(total(figures, "RECEIVED")).toBe(2);
    expect(total(figures, "SENT")).toBe(5);
    expect(figures.waitingList.map((row) => [row.serviceId, row.awaitingDecision])).toEqual([[A.services.PT, 2]]);
  });

  it("answers NOT_FOUND for another clinic's service in the filter", async () => {
    await expect(dashboardFor(A.users.ADMIN, { ...JUNE, serviceId: B.services.PT })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers NOT_FOUND for a therapist's filter naming another service of their own clinic", async () => {
    await expect(dashboardFor(A.users.THERAPIST, { ...JUNE, serviceId: A.services.PT })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("counts only the days of the range, both ends included", async () => {
    const figures = await dashboardFor(A.users.ADMIN, { from: "2026-06-02", to: "2026-06-08" });
    // R2's two parts (2 June) and R3's part (8 June) were sent; R1 (1 June) and R4 (10 June) fall outside.
    expect(total(figures, "SENT")).toBe(3);
  });
});

describe("working days in SQL", () => {
  it("agrees with workingDaysBetween for every pair of days across two weeks and times of day", async () => {
    const starts = Array.from({ length: 14 }, (_, day) => new Date(Date.UTC(2026, 5, 1 + day, 23, 30)));
    const pairs = starts.flatMap((from) => Array.from({ length: 20 }, (_, day) => [from, new Date(from.getTime() + (day - 3) * 86_400_000 + 3_600_000)] as const));
    const rows = await testDb().$queryRaw<{ days: number }[]>`
      SELECT ${workingDaysSql(Prisma.sql`pair."from"`, Prisma.sql`pair."to"`)}::int AS days
        FROM unnest(${pairs.map(([from]) => from)}::timestamptz[], ${pairs.map(([, to]) => to)}::timestamptz[]) WITH ORDINALITY AS pair("from", "to", n)
       ORDER BY n`;
    expect(rows.map((row) => row.days)).toEqual(pairs.map(([from, to]) => workingDaysBetween(from, to)));
  });
});

describe("a dashboard page view's cost in SQL statements", () => {
  const statements: string[] = [];
  const counted = statementLoggingClient((event) => statements.push(event.query));
  const server = createApolloServer();
  // A clinic of its own: lib/db/tenant.ts keeps one scoped client per clinic, made from the first Prisma client it saw.
  let C: ClinicFixture;
  beforeAll(async () => {
    await server.start();
    C = await createClinic("C");
  });
  afterAll(async () => {
    await server.stop();
    await counted.$disconnect();
  });

  const QUERY = /* GraphQL */ `
    query Dashboard($filter: DashboardFilter!) {
      dashboard(filter: $filter) {
        from to showsSent services { id name }
        volume { direction weekStart discipline priority count }
        decisions { direction decision declineReason count parts rate }
        responseTimes { direction priority targetWorkingDays decided decisionMedian decisionP90 breached breachedShare completed completionMedian completionP90 }
        waitingList { serviceId serviceName fromWeeks toWeeks awaitingDecision acceptedNotStarted }
        agreement { byRecommendation { recommendation referrals overridden rate } byRule { ruleId referrals overridden rate } overrides { referralId reason createdAt } }
      }
    }
  `;

  async function statementsFor(viewer: Viewer, filter: Record<string, unknown>) {
    statements.length = 0;
    const response = await server.executeOperation({ query: QUERY, variables: { filter } }, { contextValue: createRequestContext({ prisma: counted, viewer }) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    expect(response.body.singleResult.errors).toBeUndefined();
    return statements.filter((sql) => !isAuditWrite(sql)).length;
  }

  it("is 6 for an administrator, a therapist, a filter and a two-year range alike", async () => {
    const counts = [
      await statementsFor(C.users.ADMIN, JUNE),
      await statementsFor(C.users.THERAPIST, JUNE),
      await statementsFor(C.users.ADMIN, { ...JUNE, serviceId: C.services.OT, priority: "ROUTINE" }),
      await statementsFor(C.users.ADMIN, { from: "2024-07-01", to: "2026-06-30" }),
    ];
    console.log(`dashboard page view statements: ${counts.join(", ")} (audit trail apart)`);
    expect(counts).toEqual([6, 6, 6, 6]);
  });
});

describe("the roll-ups the dashboard sums (migration dashboard_rollups)", () => {
  it("after inserts, changes back and forth, questions and deletes, equal a rebuild from the rows", async () => {
    const prisma = testDb();
    const D = await createClinic("D");
    const OT = "OCCUPATIONAL_THERAPY" as const;
    const PT = "PHYSIOTHERAPY" as const;
    const referralId = await sendReferral(
      D,
      { createdAt: "2026-05-04T10:00:00", priority: "URGENT", recommendation: "BOTH", disciplines: [OT, PT], rules: ["ot.self-care", "pt.pain"], overrideReason: "Both" },
      [
        { serviceId: D.services.OT, discipline: OT, status: "SENT" },
        { serviceId: A.services.PT, discipline: PT, status: "SENT", sentAt: "2026-05-05T08:00:00", askedQuestion: true },
      ],
    );
    const [own, other] = await prisma.referralPart.findMany({ where: { referralId }, orderBy: { sentAt: "asc" } });
    await prisma.referralPart.update({ where: { id: own!.id }, data: { status: "ACCEPTED", decidedAt: at("2026-05-06T09:00:00") } });
    await prisma.referralPart.update({ where: { id: own!.id }, data: { status: "COMPLETED", completedAt: at("2026-05-20T09:00:00") } });
    await prisma.referralPart.update({ where: { id: other!.id }, data: { status: "DECLINED", decidedAt: at("2026-05-15T09:00:00"), declineReason: "DUPLICATE" } });
    await prisma.referralPart.update({ where: { id: other!.id }, data: { status: "SENT", decidedAt: null, declineReason: null } });
    await prisma.referralPart.update({ where: { id: other!.id }, data: { status: "REDIRECTED", decidedAt: at("2026-05-18T09:00:00") } });
    await prisma.referralPart.create({
      data: { referralId, serviceId: A.services.OT, discipline: OT, status: "SENT", priorityRank: PRIORITY_RANK.URGENT, sentAt: at("2026-05-18T09:00:00"), redirectedFromId: other!.id },
    });
    const ask = (partId: string) =>
      prisma.referralEvent.create({ data: { referralId, partId, actorId: D.users.CLINICIAN.id, action: "ASK_QUESTION", fromStatus: "SENT", toStatus: "AWAITING_REFERRER" } });
    const first = await ask(own!.id);
    await ask(own!.id);
    await prisma.referralEvent.delete({ where: { id: first.id } });
    await prisma.referral.update({ where: { id: referralId }, data: { overrideReason: null, priority: "ROUTINE", disciplines: [OT] } });
    // A referral whose only part (and its question) is deleted again.
    const gone = await sendReferral(D, { createdAt: "2026-05-07T10:00:00", priority: "STAT", recommendation: PT, disciplines: [PT], rules: ["pt.pain"] }, [
      { serviceId: D.services.PT, discipline: PT, status: "SENT", askedQuestion: true },
    ]);
    await prisma.referralEvent.deleteMany({ where: { referralId: gone } });
    await prisma.referralPart.deleteMany({ where: { referralId: gone } });

    const owners = [D.clinicId, D.services.OT, D.services.PT, A.services.OT, A.services.PT];
    const nonZero = (rows: Record<string, unknown>[], measures: string[]) => rows.filter((row) => measures.some((measure) => row[measure] !== 0));
    const dayMeasures = ["parts", "accepted", "redirected", "undecided", "questioned", "declinedUnknown", "declinedNotEligible", "declinedOutsideServiceArea",
      "declinedWrongDiscipline", "declinedNeedsMedicalReview", "declinedDuplicate", "declinedPatientDeclined", "declinedOther"];
    // The running sums the triggers kept, and the same roll-ups computed afresh from the rows (what dashboard_rebuild() stores).
    const snapshot = async (source: { day: Prisma.Sql; duration: Prisma.Sql; agreement: Prisma.Sql }) => ({
      days: nonZero(await prisma.$queryRaw`SELECT * FROM ${source.day} WHERE "ownerId" = ANY(${owners}::uuid[]) ORDER BY 1, 2, 3, 4, 5`, dayMeasures),
      durations: nonZero(await prisma.$queryRaw`SELECT * FROM ${source.duration} WHERE "ownerId" = ANY(${owners}::uuid[]) ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`, ["parts"]),
      agreement: nonZero(await prisma.$queryRaw`SELECT * FROM ${source.agreement} WHERE "clinicId" = ${D.clinicId}::uuid ORDER BY 1, 2, 3, 4, 5, 6, 7`, ["referrals", "overridden"]),
    });
    // The roll-ups summed over their stripes (concurrent writers add to different rows; dashboard_stripe()).
    const summed = (table: string, keys: string[], measures: string[]) =>
      Prisma.raw(
        `(SELECT ${keys.map((key) => `"${key}"`).join(", ")}, ${measures.map((measure) => `sum("${measure}")::int AS "${measure}"`).join(", ")}, 0 AS stripe ` +
          `FROM "${table}" GROUP BY ${keys.map((_, index) => index + 1).join(", ")}) t`,
      );
    const rolledUp = await snapshot({
      day: summed("DashboardDay", ["direction", "ownerId", "day", "discipline", "priorityRank"], dayMeasures),
      duration: summed("DashboardDuration", ["direction", "ownerId", "span", "firstDay", "discipline", "priorityRank", "measure", "workingDays"], ["parts"]),
      agreement: summed("DashboardAgreement", ["clinicId", "span", "firstDay", "priority", "discipline", "kind", "key"], ["referrals", "overridden"]),
    });
    expect(rolledUp.days.length).toBeGreaterThan(0);
    expect(rolledUp.durations.length).toBeGreaterThan(0);
    expect(rolledUp.agreement.length).toBeGreaterThan(0);
    const rebuilt = await snapshot({
      day: Prisma.sql`dashboard_day_rows() d`,
      duration: Prisma.sql`dashboard_duration_rows() d`,
      agreement: Prisma.sql`dashboard_agreement_rows() a`,
    });
    expect(rebuilt).toEqual(rolledUp);
  });
});

describe("roll-up stripes", () => {
  it("gives every open writing transaction a stripe of its own, the same one throughout", async () => {
    // Nine at once: with the stripe taken from the session's pid modulo 8, two of them always shared one (and the second waited).
    const sessions = await Promise.all(
      Array.from({ length: 9 }, async () => {
        const client = new pg.Client({ connectionString: inject("databaseUrl") });
        await client.connect();
        return client;
      }),
    );
    const stripe = async (client: pg.Client) => (await client.query<{ stripe: number }>("SELECT dashboard_stripe() AS stripe")).rows[0]!.stripe;
    try {
      await Promise.all(sessions.map((client) => client.query("BEGIN")));
      const claimed = await Promise.all(sessions.map(stripe));
      expect(new Set(claimed).size).toBe(sessions.length);
      expect(await Promise.all(sessions.map(stripe))).toEqual(claimed);
      // Committing gives the stripe back: another transaction may take it.
      await sessions[0]!.query("COMMIT");
      await sessions[1]!.query("COMMIT");
      await sessions[1]!.query("BEGIN");
      const free = await sessions[1]!.query<{ taken: boolean }>("SELECT pg_try_advisory_xact_lock(2026120115, $1) AS taken", [claimed[0]]);
      expect(free.rows[0]!.taken).toBe(true);
      const held = await sessions[1]!.query<{ taken: boolean }>("SELECT pg_try_advisory_xact_lock(2026120115, $1) AS taken", [claimed[2]]);
      expect(held.rows[0]!.taken).toBe(false);
    } finally {
      await Promise.all(sessions.map((client) => client.query("ROLLBACK").catch(() => undefined).then(() => client.end())));
    }
  });
});

describe("roll-up functions", () => {
  it("run on generic plans cached for the session, not a fresh plan per write", async () => {
    const rows = await testDb().$queryRaw<{ name: string; config: string[] | null }[]>`
      SELECT proname AS name, proconfig AS config FROM pg_proc
       WHERE proname IN ('dashboard_apply_parts', 'dashboard_apply_referrals', 'dashboard_apply_question') ORDER BY proname`;
    expect(rows.map((row) => row.name)).toEqual(["dashboard_apply_parts", "dashboard_apply_question", "dashboard_apply_referrals"]);
    for (const row of rows) expect(row.config, row.name).toContain("plan_cache_mode=force_generic_plan");
  });
});

