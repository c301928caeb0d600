import type { AuditOutcome } from "./actions";
import type { AuditEventInput } from "./writer";

type Who = Pick<AuditEventInput, "clinicId" | "userId" | "ip" | "userAgent">;

/**
 * What one request did to patient data, gathered while it runs and written
 * once at its end: one event per action, entity type and outcome, however
 * many fields and rows were involved.
 */
export class AuditBuffer {
  private readonly entries = new Map<string, { action: string; entityType: string | null; outcome: AuditOutcome; ids: Set<string> }>();

  record(action: string, entityType: string | null, ids: Iterable<string>, outcome: AuditOutcome): void {
    const key = JSON.stringify([action, entityType, outcome]);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { action, entityType, outcome, ids: new Set() };
      this.entries.set(key, entry);
    }
    for (const id of ids) entry.ids.add(id);
  }

  /** The gathered events, attributed to `who`; the buffer is empty afterwards. */
  drain(who: Who): AuditEventInput[] {
    const events = [...this.entries.values()].map((entry) => ({
      ...who,
      action: entry.action,
      entityType: entry.entityType,
      entityIds: [...entry.ids],
      outcome: entry.outcome,
    }));
    this.entries.clear();
    return events;
  }
}
