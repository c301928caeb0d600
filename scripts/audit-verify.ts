/**
 * `npm run audit:verify`: re-computes every audit chain of DATABASE_URL (or the
 * embedded database) from its rows. Prints the first break of each broken chain
 * and a one-line summary; exits 1 when any chain is broken, 0 when all are intact.
 */
import { createPrismaClient } from "@/lib/db/client";
import { openPortalDatabase } from "@/lib/ops/bootstrap";
import { describeVerification, verifyAuditChains } from "@/lib/audit";
import { readEnv } from "@/lib/env";
import { runScript } from "./support/run-script";

async function main(): Promise<void> {
  const env = readEnv();
  const database = await openPortalDatabase({ databaseUrl: env.DATABASE_URL, dataDir: ".data/postgres", databaseName: "portal" });
  const prisma = createPrismaClient(database.url);
  let broken: boolean;
  try {
    const result = await verifyAuditChains(prisma);
    for (const line of describeVerification(result)) console.log(line);
    broken = result.breaks.length > 0;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
  // The verdict is the exit code, set explicitly: with process.exitCode alone a broken chain was seen to exit 0 under npx tsx.
  process.exit(broken ? 1 : 0);
}

runScript(main);
