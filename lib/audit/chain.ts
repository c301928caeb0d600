import { createHash } from "node:crypto";
import type { AuditEventInput } from "./writer";

/** The hash a chain starts from: position 0 of every AuditChainHead. */
export const GENESIS_HASH = "0".repeat(64);

/** An audit event as stored: its contents plus its id, time and place in a chain. */
export interface ChainedAuditEvent extends AuditEventInput {
  id: string;
  chain: number;
  position: bigint;
  createdAt: Date;
}

/**
 * sha256 over a fixed-order JSON array of every stored field and the previous
 * event's hash, so the chain can be re-checked from the rows alone.
 */
export function auditEventHash(event: ChainedAuditEvent, previousHash: string): string {
  const canonical = `[${JSON.stringify(event.id)},${event.chain},"${event.position}",${canonicalContents({
    ...event,
    createdAt: event.createdAt.toISOString(),
  })},"${previousHash}"]`;
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * The middle of the hashed text: the event's stored contents as JSON, without
 * the array's brackets. The writer sends it to the SQL function `audit_append`,
 * which places it between the chain, position and previous hash exactly as
 * above, so both hash one text.
 */
export function canonicalContents(event: Omit<AuditEventInput, "createdAt"> & { createdAt: string }): string {
  return JSON.stringify([
    event.createdAt,
    event.clinicId,
    event.userId,
    event.action,
    event.entityType,
    event.entityIds,
    event.outcome,
    event.ip,
    event.userAgent,
  ]).slice(1, -1);
}
