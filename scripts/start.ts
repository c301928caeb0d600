/**
 * `npm start`: the whole portal from one command. Uses DATABASE_URL when set,
 * otherwise an embedded PostgreSQL in .data/postgres; migrates, seeds demo data
 * into an empty database, builds when the build is stale, and serves on PORT.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { openPortalDatabase } from "@/lib/ops/bootstrap";
import { createPrismaClient } from "@/lib/db/client";
import { freePort } from "@/lib/ops/embedded";
import { migrate } from "@/lib/ops/migrate";
import { DEMO_CLINICS, DEMO_PASSWORD, DEMO_TOTP_SECRET, demoDataPresent, seedIfEmpty, seedsDemoData } from "@/lib/ops/seed";
import { ConfigError, readEnv } from "@/lib/env";
import { runScript } from "./support/run-script";
import { ensureBuild, runPortalServer } from "./support/next-build";
import { superviseOutboxWorker } from "./support/outbox-process";

const DATA_DIR = ".data";

/** Without NEXTAUTH_SECRET a local (embedded) portal keeps a generated one in .data. */
function localSecret(): string {
  const file = `${DATA_DIR}/nextauth-secret`;
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function main(): Promise<void> {
  const env = readEnv();
  if (env.DATABASE_URL && !env.NEXTAUTH_SECRET) {
    throw new ConfigError(
      "NEXTAUTH_SECRET is not set. With DATABASE_URL set the portal runs as a real deployment and needs a fixed secret of at least 32 characters (openssl rand -base64 32).",
    );
  }
  if ((await freePort(env.PORT)) !== env.PORT) {
    throw new ConfigError(`PORT ${env.PORT} is already in use; stop what is using it or set PORT to another port.`);
  }
  const database = await openPortalDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: `${DATA_DIR}/postgres`,
    databaseName: "portal",
  });
  const stopDatabase = () => database.stop().catch(() => undefined);
  try {
    await migrate(database.url, { log: (line) => console.log(line) });
    const prisma = createPrismaClient(database.url);
    const seeded = seedsDemoData({ embedded: database.embedded, seedDemoData: env.SEED_DEMO_DATA }) ? await seedIfEmpty(prisma) : false;
    const demo = await demoDataPresent(prisma);
    if (!demo && (await prisma.clinic.count()) === 0) {
      console.log("\nThe database has no clinic yet. Create the first clinic and its administrator with:\n  npm run admin:create -- --clinic \"Your clinic\" --email you@example.org --name \"Your name\"\n");
    }
    await prisma.$disconnect();
    await ensureBuild();

    const url = `http://localhost:${env.PORT}`;
    const workers = env.WEB_CONCURRENCY ?? availableParallelism();
    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? localSecret(),
    };
    const server = runPortalServer(workers, ["--port", String(env.PORT)], serverEnv);
    // The outbox worker delivers notifications' e-mail (lib/outbox); it stops with the portal.
    const outbox = superviseOutboxWorker(serverEnv);
    const shutdown = () => {
      server.kill("SIGTERM");
      void outbox.stop();
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);

    console.log(`\nClinic referral portal: ${url}`);
    console.log(`Serving from ${workers} process${workers === 1 ? "" : "es"} (WEB_CONCURRENCY)`);
    console.log(database.embedded ? `Database: embedded PostgreSQL in ${DATA_DIR}/postgres` : "Database: DATABASE_URL");
    console.log(env.SMTP_URL ? "E-mail: through SMTP_URL" : "E-mail: none (SMTP_URL unset): notifications stay in the portal");
    if (seeded) console.log("Seeded the demo clinics into the empty database.");
    if (demo) {
      console.log(`\nDemo sign-in (password for every account: ${DEMO_PASSWORD})`);
      for (const clinic of DEMO_CLINICS) {
        for (const user of clinic.users) console.log(`  ${user.email.padEnd(34)} ${user.role.padEnd(9)} ${clinic.name}`);
      }
      console.log(`Administrators also need a one-time code: add the key ${DEMO_TOTP_SECRET} to an authenticator app (demo data only).`);
    }
    console.log("\nPress Ctrl+C to stop.\n");
    const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));
    await outbox.stop();
    await stopDatabase();
    process.exit(code ?? 0);
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}

runScript(main);
