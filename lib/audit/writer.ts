import { randomInt } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditOutcome } from "./actions";
import { uuidV7 } from "@/lib/ids";
import { auditEventHash, type ChainedAuditEvent } from "./chain";

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

interface ChainHead {
  chain: number;
  position: bigint;
  hash: string;
}

/** What appending needs of a client: raw queries and the two audit tables, in or out of a transaction. */
export type AuditWriter = Pick<PrismaClient, "$queryRaw" | "auditEvent" | "auditChainHead">;

/**
 * Appends events to one audit chain inside the caller's transaction: lock a
 * chain head (any free one: SKIP LOCKED, so concurrent requests take different
 * chains and do not queue behind each other), insert the events in one
 * statement with their hashes, move the head. Two writers never hold the same
 * head, so a chain never forks. A write and the events that record it are
 * appended in its own transaction, so they commit together or not at all.
 */
export async function appendAuditEvents(
  tx: AuditWriter,
  events: readonly AuditEventInput[],
  options: { chains?: number } = {},
): Promise<void> {
  if (events.length === 0) return;
  const chains = options.chains ?? AUDIT_CHAINS;
  const createdAt = new Date();
  const contents = events.map((event) => ({
    id: uuidV7(createdAt.getTime()),
    clinicId: event.clinicId === null ? null : uuid(event.clinicId, "clinicId"),
    userId: event.userId === null ? null : uuid(event.userId, "userId"),
    action: text(event.action)!,
    entityType: text(event.entityType),
    entityIds: event.entityIds.map((id) => uuid(id, "entityIds")),
    outcome: event.outcome,
    ip: text(event.ip),
    userAgent: text(event.userAgent),
    createdAt,
  }));
  const [free] = await tx.$queryRaw<ChainHead[]>`
    SELECT "chain", "position", "hash" FROM "AuditChainHead" WHERE "chain" < ${chains}
    ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED`;
  // Every chain busy: wait for one chosen at random rather than all for the same.
  const head =
    free ??
    (await tx.$queryRaw<ChainHead[]>`
      SELECT "chain", "position", "hash" FROM "AuditChainHead" WHERE "chain" = ${randomInt(chains)} FOR UPDATE`)[0];
  if (!head) throw new Error(`the audit trail has fewer than ${chains} chain heads; see lib/audit/README.md`);

  let { position, hash } = head;
  const rows = contents.map((content) => {
    position += 1n;
    const event: ChainedAuditEvent = { ...content, chain: head.chain, position };
    hash = auditEventHash(event, hash);
    return { ...event, hash };
  });
  await tx.auditEvent.createMany({ data: rows });
  await tx.auditChainHead.update({ where: { chain: head.chain }, data: { position, hash } });
}

/** Appends events in a transaction of their own: for what records no write (reads, sign-ins, refusals). */
export async function recordAuditEvents(
  prisma: PrismaClient,
  events: readonly AuditEventInput[],
  options: { chains?: number } = {},
): Promise<void> {
  if (events.length === 0) return;
  // Under load a request may wait for a pooled connection and then for a busy chain.
  await prisma.$transaction((tx) => appendAuditEvents(tx, events, options), { maxWait: 5_000, timeout: 10_000 });
}
