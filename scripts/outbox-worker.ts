/**
 * The outbox worker as a process of its own: `npm start` runs one beside the
 * portal (and restarts it if it dies); a deployment with several instances
 * runs one per instance, and they share the outbox (lib/outbox/worker.ts).
 * Needs DATABASE_URL and NEXTAUTH_SECRET (account links are signed with it)
 * and NEXTAUTH_URL (links point there); SMTP_URL and MAIL_FROM to send e-mail.
 * SIGTERM or SIGINT: finishes the e-mail in hand, then exits.
 */
import { createPrismaClient } from "@/lib/db/client";
import { ConfigError, readEnv } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { OutboxWorker, smtpMailer } from "@/lib/outbox";
import { runScript } from "./support/run-script";

async function main(): Promise<void> {
  const env = readEnv();
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is not set: the outbox worker delivers from the portal's database (npm start sets it).");
  if (!env.NEXTAUTH_SECRET) throw new ConfigError("NEXTAUTH_SECRET is not set: invitation and reset links are signed with it (npm start sets it).");
  const log = createLogger().child({ process: "outbox" });
  const prisma = createPrismaClient(env.DATABASE_URL);
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL) : null;
  const worker = new OutboxWorker(
    prisma,
    {
      mailer,
      from: env.MAIL_FROM,
      baseUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
      pollMs: env.OUTBOX_POLL_MS,
      retryBaseMs: env.OUTBOX_RETRY_BASE_MS,
      maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
      digestHourUtc: env.MAIL_DIGEST_HOUR_UTC,
    },
    log,
  );
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => worker.stop());
  log.info({ mail: mailer ? "smtp" : "none" }, mailer ? "outbox: delivering e-mail" : "outbox: no SMTP_URL, notifications stay in the portal");
  await worker.run();
  mailer?.close();
  await prisma.$disconnect();
  log.info(worker.counts, "outbox: stopped");
}

runScript(main);
