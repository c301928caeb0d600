import { z } from "zod";
import { builder } from "@/graphql/builder";
import { viewerOf } from "@/graphql/context";
import { badInput, parseInput } from "@/graphql/input";
import { decodeCursor, encodeCursor, PageInfo, toPage, type Page } from "@/graphql/pagination";
import { AUDIT_OUTCOMES } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { AuditEvent as AuditEventRow, Prisma } from "@/lib/generated/prisma/client";
import { calendarDate, pageSchema } from "@/lib/referrals/validation";

type AuditEventWithUser = AuditEventRow & { userName: string | null };

const AuditOutcomeEnum = builder.enumType("AuditOutcome", {
  description: "SUCCESS, FAILURE (e.g. invalid input, a conflict) or DENIED (not found in the clinic, or not allowed).",
  values: AUDIT_OUTCOMES,
});

const AuditEvent = builder.objectRef<AuditEventWithUser>("AuditEvent").implement({
  description: "One entry of the clinic's audit trail.",
  fields: (t) => ({
    id: t.exposeID("id"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    userId: t.exposeID("userId", { nullable: true }),
    userName: t.exposeString("userName", { nullable: true, description: "Null when the user is unknown or the event has none." }),
    action: t.exposeString("action", { description: "e.g. patient.read, referral.status_change, auth.sign_in_failed" }),
    entityType: t.exposeString("entityType", { nullable: true }),
    entityIds: t.exposeIDList("entityIds"),
    outcome: t.field({ type: AuditOutcomeEnum, resolve: (event) => event.outcome }),
    ip: t.exposeString("ip", { nullable: true }),
    userAgent: t.exposeString("userAgent", { nullable: true }),
  }),
});

const AuditEventEdge = builder.objectRef<Page<AuditEventWithUser>["edges"][number]>("AuditEventEdge").implement({
  fields: (t) => ({
    cursor: t.exposeString("cursor"),
    node: t.field({ type: AuditEvent, resolve: (edge) => edge.node }),
  }),
});

const AuditEventConnection = builder.objectRef<Page<AuditEventWithUser>>("AuditEventConnection").implement({
  fields: (t) => ({
    edges: t.field({ type: [AuditEventEdge], resolve: (page) => page.edges }),
    pageInfo: t.field({ type: PageInfo, resolve: (page) => page.pageInfo }),
  }),
});

const AuditEventFilter = builder.inputType("AuditEventFilter", {
  fields: (t) => ({
    userId: t.id(),
    patientId: t.id({ description: "Events that name this patient." }),
    action: t.string(),
    createdFrom: t.field({ type: "Date", description: "From the start of this day (UTC)." }),
    createdTo: t.field({ type: "Date", description: "To the end of this day (UTC)." }),
  }),
});

const auditFilterSchema = z.object({
  userId: z.uuid("userId is not a valid id").nullish(),
  patientId: z.uuid("patientId is not a valid id").nullish(),
  action: z.string().trim().max(100, "action must be at most 100 characters").nullish(),
  createdFrom: calendarDate.nullish(),
  createdTo: calendarDate.nullish(),
});

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000);

builder.queryFields((t) => ({
  auditEvents: t.field({
    type: AuditEventConnection,
    description: "The clinic's audit trail, newest first. Clinic administrators only.",
    args: { filter: t.arg({ type: AuditEventFilter }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context) => {
      const viewer = viewerOf(context);
      if (viewer.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only clinic administrators can see the audit trail.");
      const filter = parseInput(auditFilterSchema, args.filter ?? {}, ["filter"]);
      const page = parseInput(pageSchema, args);

      // The clinic comes from the session; another clinic's user or patient ids simply match nothing.
      const conditions: Prisma.AuditEventWhereInput[] = [{ clinicId: viewer.clinicId }];
      if (filter.userId) conditions.push({ userId: filter.userId });
      if (filter.patientId) conditions.push({ entityIds: { has: filter.patientId } });
      if (filter.action) conditions.push({ action: filter.action });
      if (filter.createdFrom) conditions.push({ createdAt: { gte: new Date(`${filter.createdFrom}T00:00:00Z`) } });
      if (filter.createdTo) conditions.push({ createdAt: { lt: nextDay(filter.createdTo) } });
      if (page.after) {
        const [createdAtText, id] = decodeCursor(page.after, 2, ["after"]) as [string, string];
        const createdAt = new Date(createdAtText);
        if (Number.isNaN(createdAt.getTime())) badInput("after is not a cursor this API gave out", ["after"]);
        // The redundant upper bound lets PostgreSQL use the index range, as for the referral history.
        conditions.push({ createdAt: { lte: createdAt }, OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
      }
      const rows = await context.prisma.auditEvent.findMany({
        where: { AND: conditions },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: page.first + 1,
      });
      const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
      const users = userIds.length
        ? await context.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
        : [];
      const names = new Map(users.map((user) => [user.id, user.name]));
      const events = rows.map((row) => ({ ...row, userName: row.userId ? (names.get(row.userId) ?? null) : null }));
      return toPage(events, page.first, (event) => encodeCursor([event.createdAt.toISOString(), event.id]));
    },
  }),
}));
