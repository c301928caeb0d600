import type { AuditEvent, PrismaClient } from "@/lib/generated/prisma/client";
import { auditEventHash, GENESIS_HASH } from "./chain";

/** The first place a chain stops being what its writer wrote. */
export interface ChainBreak {
  chain: number;
  position: bigint;
  /** Null when the break is a missing event (nothing left to name). */
  eventId: string | null;
  reason: string;
}

export interface AuditVerification {
  events: number;
  chains: number;
  breaks: ChainBreak[];
}

const BATCH = 5_000;

interface ChainState {
  chain: number;
  position: bigint;
  hash: string;
  lastEventId: string | null;
  broken: boolean;
}

/**
 * Re-computes every chain from the rows alone, in (chain, position) order by
 * keyset over the unique index, and compares each chain's end with its head
 * (which catches events removed from the end). Reports the first break of each chain.
 */
export async function verifyAuditChains(prisma: PrismaClient, options: { batchSize?: number } = {}): Promise<AuditVerification> {
  const heads = new Map(
    (await prisma.auditChainHead.findMany({ orderBy: { chain: "asc" } })).map((head) => [head.chain, head]),
  );
  const breaks: ChainBreak[] = [];
  const checked = new Set<number>();
  let events = 0;
  let state = null as ChainState | null;

  const finish = (chain: ChainState) => {
    if (chain.broken) return;
    const head = heads.get(chain.chain);
    if (!head) {
      breaks.push({ chain: chain.chain, position: 1n, eventId: null, reason: "the chain has no head" });
    } else if (head.position > chain.position) {
      breaks.push({
        chain: chain.chain,
        position: chain.position + 1n,
        eventId: null,
        reason: `the chain ends at position ${chain.position} but its head is at ${head.position}: the latest events are missing`,
      });
    } else if (head.position < chain.position) {
      breaks.push({
        chain: chain.chain,
        position: head.position + 1n,
        eventId: null,
        reason: `events beyond the chain head (position ${head.position}) were added outside the audit writer`,
      });
    } else if (head.hash !== chain.hash) {
      breaks.push({
        chain: chain.chain,
        position: chain.position,
        eventId: chain.lastEventId,
        reason: "the chain head's hash differs from the last event's",
      });
    }
  };

  let after: { chain: number; position: bigint } | null = null;
  for (;;) {
    const rows: AuditEvent[] = await prisma.auditEvent.findMany({
      where: after ? { OR: [{ chain: { gt: after.chain } }, { chain: after.chain, position: { gt: after.position } }] } : {},
      orderBy: [{ chain: "asc" }, { position: "asc" }],
      take: options.batchSize ?? BATCH,
    });
    for (const row of rows) {
      events += 1;
      if (state?.chain !== row.chain) {
        if (state) finish(state);
        state = { chain: row.chain, position: 0n, hash: GENESIS_HASH, lastEventId: null, broken: false };
        checked.add(row.chain);
      }
      if (state.broken) continue;
      if (row.position !== state.position + 1n) {
        const missing = row.position - state.position - 1n;
        breaks.push({
          chain: row.chain,
          position: row.position,
          eventId: row.id,
          reason:
            missing > 0n
              ? `${missing} event${missing === 1n ? "" : "s"} before it ${missing === 1n ? "is" : "are"} missing`
              : `it repeats position ${row.position}`,
        });
        state.broken = true;
        continue;
      }
      if (auditEventHash(row, state.hash) !== row.hash) {
        breaks.push({
          chain: row.chain,
          position: row.position,
          eventId: row.id,
          reason: "its hash does not match its contents and the event before it",
        });
        state.broken = true;
        continue;
      }
      state.position = row.position;
      state.hash = row.hash;
      state.lastEventId = row.id;
    }
    const last = rows.at(-1);
    if (!last) break;
    after = { chain: last.chain, position: last.position };
  }
  if (state) finish(state);

  // A head that moved on while its chain has no events at all: every event of it is gone.
  for (const head of heads.values()) {
    if (checked.has(head.chain) || head.position === 0n) continue;
    checked.add(head.chain);
    breaks.push({
      chain: head.chain,
      position: 1n,
      eventId: null,
      reason: `the chain has no events but its head is at ${head.position}: they are missing`,
    });
  }
  return { events, chains: new Set([...checked, ...heads.keys()]).size, breaks };
}

/** The report of `npm run audit:verify`: a line per broken chain, then a one-line summary. */
export function describeVerification(result: AuditVerification): string[] {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const summary = `${plural(result.events, "event")} in ${plural(result.chains, "chain")}`;
  if (result.breaks.length === 0) return [`audit chain intact: ${summary}`];
  const lines = result.breaks.map((broken) =>
    broken.eventId
      ? `audit chain broken at event ${broken.eventId} (chain ${broken.chain}, position ${broken.position}): ${broken.reason}`
      : `audit chain broken at chain ${broken.chain}, position ${broken.position}: ${broken.reason}`,
  );
  return [...lines, `audit chain broken: ${plural(result.breaks.length, "chain")} broken, ${summary} checked`];
}
