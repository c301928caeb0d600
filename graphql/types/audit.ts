import { builder } from "@/graphql/builder";
import { connection, newestFirstCursor, toPage } from "@/graphql/pagination";
import { AUDIT_OUTCOMES } from "@/lib/audit";
import { assertMayReadAuditTrail, auditFilterSchema, auditTrailPage, type AuditEventWithUser } from "@/lib/audit/query";
import { pageSchema, parseInput } from "@/lib/validation";

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

const AuditEventConnection = connection("AuditEvent", AuditEvent);

const AuditEventFilter = builder.inputType("AuditEventFilter", {
  fields: (t) => ({
    userId: t.id(),
    patientId: t.id({ description: "Events that name this patient." }),
    action: t.string(),
    createdFrom: t.field({ type: "Date", description: "From the start of this day (UTC)." }),
    createdTo: t.field({ type: "Date", description: "To the end of this day (UTC)." }),
  }),
});

builder.queryFields((t) => ({
  auditEvents: t.field({
    type: AuditEventConnection,
    description: "The clinic's audit trail, newest first. Clinic administrators only.",
    args: { filter: t.arg({ type: AuditEventFilter }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context) => {
      assertMayReadAuditTrail(context);
      const filter = parseInput(auditFilterSchema, args.filter ?? {}, ["filter"]);
      const { first, after } = parseInput(pageSchema, args);
      const rows = await auditTrailPage(context, filter, { first, after: newestFirstCursor.decode(after) });
      return toPage(rows, first, newestFirstCursor.encode);
    },
  }),
}));
