/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
import { openPortalDatabase } from "@/lib/ops/bootstrap";
import { migrate } from "@/lib/ops/migrate";
import { readEnv } from "@/lib/env";
import { runScript } from "./support/run-script";

async function main(): Promise<void> {
  const env = readEnv();
  const database = await openPortalDatabase({ databaseUrl: env.DATABASE_URL, dataDir: ".data/postgres", databaseName: "portal" });
  try {
    const result = await migrate(database.url, { log: (line) => console.log(line) });
    console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied.`);
  } finally {
    await database.stop();
  }
}

runScript(main);
