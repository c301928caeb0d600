import { createHash, randomBytes } from "node:crypto";
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
  const canonical = JSON.stringify([
    event.id,
    event.chain,
    event.position.toString(),
    event.createdAt.toISOString(),
    event.clinicId,
    event.userId,
    event.action,
    event.entityType,
    event.entityIds,
    event.outcome,
    event.ip,
    event.userAgent,
    previousHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * A time-ordered UUID (RFC 9562 version 7), like the ids Prisma makes for the
 * other tables; the writer needs the id before the insert because the hash covers it.
 */
export function uuidV7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
