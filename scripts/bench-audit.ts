/**
 * `npm run bench:audit`: audit-trail writes per second and their latency with
 * concurrent writers, for one global hash chain against striped chains, on an
 * embedded PostgreSQL. Each write is what one history page produces: a
 * referral.read and a patient.read event naming 50 ids each.
 *
 * Options: --writers 20 --seconds 5 --chains 1,4,16
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAuditEvents, verifyAuditChains, type AuditEventInput } from "@/lib/audit";
import { createDatabase, startTestDatabaseServer } from "@/tests/support/database-server";
import { runScript } from "./support/run-script";

const { values } = parseArgs({
  options: {
    writers: { type: "string", default: "20" },
    seconds: { type: "string", default: "5" },
    chains: { type: "string", default: "1,4,16" },
  },
});
const WRITERS = Number(values.writers);
const SECONDS = Number(values.seconds);
const DESIGNS = values.chains.split(",").map(Number);

const clinicId = randomUUID();
const userId = randomUUID();
const ids = (count: number) => Array.from({ length: count }, () => randomUUID());
const historyPage = (): AuditEventInput[] => [
  { clinicId, userId, action: "referral.read", entityType: "Referral", entityIds: ids(50), outcome: "SUCCESS", ip: "10.0.0.7", userAgent: "bench" },
  { clinicId, userId, action: "patient.read", entityType: "Patient", entityIds: ids(50), outcome: "SUCCESS", ip: "10.0.0.7", userAgent: "bench" },
];

interface Result {
  design: string;
  requests: number;
  events: number;
  seconds: number;
  p50: number;
  p99: number;
  check: string;
}

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;

async function run(design: string, write: (prisma: PrismaClient) => Promise<void>, url: string, verify: boolean): Promise<Result> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: WRITERS + 2 }) });
  try {
    const warmUntil = performance.now() + 1_000;
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      while (performance.now() < warmUntil) await write(prisma);
    }));
    const latencies: number[] = [];
    const started = performance.now();
    const until = started + SECONDS * 1_000;
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      while (performance.now() < until) {
        const begin = performance.now();
        await write(prisma);
        latencies.push(performance.now() - begin);
      }
    }));
    const seconds = (performance.now() - started) / 1_000;
    latencies.sort((a, b) => a - b);
    const result = verify ? await verifyAuditChains(prisma) : null;
    const check = result ? (result.breaks.length ? `BROKEN (${result.breaks.length})` : `intact, ${result.events} events`) : "-";
    return { design, requests: latencies.length, events: latencies.length * 2, seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), check };
  } finally {
    await prisma.$disconnect();
  }
}

/** The floor: the same rows inserted with no chain and no lock, one writer-owned sequence each. */
function unchained() {
  let next = 0;
  return async (prisma: PrismaClient) => {
    const createdAt = new Date();
    const base = ++next * 2;
    await prisma.auditEvent.createMany({
      data: historyPage().map((event, index) => ({
        ...event,
        id: randomUUID(),
        chain: -1,
        position: BigInt(base + index),
        createdAt,
        hash: "-",
      })),
    });
  };
}

async function main(): Promise<void> {
  const server = await startTestDatabaseServer();
  const results: Result[] = [];
  try {
    for (const chains of DESIGNS) {
      const database = await createDatabase(server.adminUrl, "bench_audit", { migrated: true });
      try {
        const label = chains === 1 ? "1 global chain" : `${chains} striped chains`;
        results.push(await run(label, (prisma) => recordAuditEvents(prisma, historyPage(), { chains }), database.url, true));
      } finally {
        await database.drop();
      }
    }
    const database = await createDatabase(server.adminUrl, "bench_audit", { migrated: true });
    try {
      results.push(await run("no chain (floor)", unchained(), database.url, false));
    } finally {
      await database.drop();
    }
  } finally {
    await server.stop();
  }

  console.log(`audit writes: ${WRITERS} concurrent writers, ${SECONDS} s each, 2 events (50 ids each) per write, embedded PostgreSQL 18`);
  console.log(["design".padEnd(20), "writes/s".padStart(9), "events/s".padStart(9), "p50 ms".padStart(8), "p99 ms".padStart(8), "  chain check"].join(" "));
  for (const result of results) {
    console.log(
      [
        result.design.padEnd(20),
        (result.requests / result.seconds).toFixed(0).padStart(9),
        (result.events / result.seconds).toFixed(0).padStart(9),
        result.p50.toFixed(1).padStart(8),
        result.p99.toFixed(1).padStart(8),
        `  ${result.check}`,
      ].join(" "),
    );
  }
}

runScript(main);
