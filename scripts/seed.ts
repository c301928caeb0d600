/** `npm run db:seed`: adds the demo clinics to DATABASE_URL (or the embedded database); safe to repeat. */
import { openPortalDatabase } from "@/lib/ops/bootstrap";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/ops/migrate";
import { seedDemoData, seedDemoReferrals } from "@/lib/ops/seed";
import { readEnv } from "@/lib/env";
import { runScript } from "./support/run-script";

async function main(): Promise<void> {
  const env = readEnv();
  const database = await openPortalDatabase({ databaseUrl: env.DATABASE_URL, dataDir: ".data/postgres", databaseName: "portal" });
  try {
    await migrate(database.url);
    const prisma = createPrismaClient(database.url);
    await seedDemoData(prisma);
    await seedDemoReferrals(prisma);
    await prisma.$disconnect();
    console.log("Demo clinics and their referrals are in place.");
  } finally {
    await database.stop();
  }
}

runScript(main);
