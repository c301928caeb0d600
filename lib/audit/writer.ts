import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditOutcome } from "./actions";
import { uuidV7 } from "@/lib/ids";
import { canonicalContents } from "./chain";

/** One thing to put on the audit trail; the writer adds the id, time, chain and hash. */
export interface AuditEventInput {
  /** Null only for a sign-in with an unknown email. */
  clinicId: string | null;
  userId: string | null;
  action: string;
  entityType: string | null;
  entityIds: string[];
  outcome: AuditOutcome;
  ip: string | null;
  userAgent: string | null;
}

/**
 * How many chains writers spread over. The migration creates the heads of
 * chains 0-15; lib/audit/README.md has the measurements behind the number.
 */
export const AUDIT_CHAINS = 16;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** PostgreSQL prints uuids lower-case; the hash must be computed over what it will print. */
function uuid(value: string, field: string): string {
  const id = value.toLowerCase();
  if (!UUID.test(id)) throw new Error(`audit event ${field} must be a UUID`);
  return id;
}

/** PostgreSQL text cannot hold NUL, and a header may; dropping it keeps the stored text equal to the hashed text. */
const text = (value: string | null) => (value === null ? null : value.replaceAll("\u0000", ""));

/** What appending needs of a client: one raw statement, in or out of a transaction. */
export type AuditWriter = Pick<PrismaClient, "$executeRaw">;

/**
 * Appends events to one audit chain, in one statement (the SQL function
 * `audit_append`, migration 20261201130000): it takes a free chain head
 * (SKIP LOCKED, so concurrent requests take different chains and do not queue
 * behind each other), inserts the events with their hashes and moves the head.
 * Two writers never hold the same head, so a chain never forks. Called inside
 * a write's transaction, the write and the events that record it commit
 * together or not at all.
 *
 * The ids, the time and the JSON of each event's contents are made here, so
 * the hash covers the text `auditEventHash` (chain.ts) computes, which is what
 * `npm run audit:verify` checks; the function adds the chain, the position and
 * the previous hash around them.
 */
export async function appendAuditEvents(
  tx: AuditWriter,
  events: readonly AuditEventInput[],
  options: { chains?: number } = {},
): Promise<void> {
  if (events.length === 0) return;
  const chains = options.chains ?? AUDIT_CHAINS;
  const createdAt = new Date().toISOString();
  const rows = events.map((event) => {
    const content = {
      id: uuidV7(Date.parse(createdAt)),
      createdAt,
      clinicId: event.clinicId === null ? null : uuid(event.clinicId, "clinicId"),
      userId: event.userId === null ? null : uuid(event.userId, "userId"),
      action: text(event.action)!,
      entityType: text(event.entityType),
      entityIds: event.entityIds.map((id) => uuid(id, "entityIds")),
      outcome: event.outcome,
      ip: text(event.ip),
      userAgent: text(event.userAgent),
    };
    return { ...content, contents: canonicalContents(content) };
  });
  await tx.$executeRaw`SELECT "audit_append"(${chains}::integer, ${JSON.stringify(rows)}::jsonb)`;
}

/**
 * Appends events on their own: for what records no write (reads, sign-ins,
 * refusals). One statement is its own transaction, so this is appendAuditEvents
 * called outside one.
 */
export const recordAuditEvents = appendAuditEvents;
