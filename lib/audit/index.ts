/** The audit trail: append-only, hash-chained events (see README.md beside this file). */
export { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from "./actions";
export { AuditBuffer } from "./buffer";
export { eventsForOwningClinics } from "./owners";
export { auditEventHash, GENESIS_HASH, type ChainedAuditEvent } from "./chain";
export { describeVerification, verifyAuditChains, type AuditVerification, type ChainBreak } from "./verify";
export { appendAuditEvents, AUDIT_CHAINS, recordAuditEvents, type AuditEventInput, type AuditWriter } from "./writer";
