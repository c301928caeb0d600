import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/client";
import { seedDemoData } from "@/lib/ops/seed";
import { ensureBuild } from "@/scripts/support/next-build";
import { spawnOutboxWorker } from "@/scripts/support/outbox-process";
import { createDatabase, startTestDatabaseServer, type TestDatabaseServer } from "./database-server";
import { startPortal, type PortalServer } from "./portal-server";
import { startTestSmtpServer } from "./smtp";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** Where the test SMTP server writes each message it accepts, as JSON (tests/support/mail.ts reads them). */
    mailDir: string;
  }
}

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string {
  const configured = process.env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, but there is no file there.`);
    return configured;
  }
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `Browser tests need Chromium and none was found (looked in ${CHROMIUM_CANDIDATES.join(", ")}). ` +
        "Install it with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  return found;
}

/**
 * The production build served on a free port against a fresh, migrated and
 * demo-seeded database, with its outbox worker delivering to a test SMTP
 * server, as `npm start` runs them; API and browser tests talk to it over HTTP
 * and read the e-mail it sends from mailDir.
 */
export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  const server = await startTestDatabaseServer();
  try {
    return await serveApp(project, chromiumPath, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function serveApp(project: TestProject, chromiumPath: string, server: TestDatabaseServer) {
  const database = await createDatabase(server.adminUrl, "e2e", { migrated: true });
  const prisma = createPrismaClient(database.url);
  await seedDemoData(prisma);
  await prisma.$disconnect();
  await ensureBuild();

  const mailDir = mkdtempSync(path.join(tmpdir(), "portal-test-mail-"));
  let received = 0;
  const smtp = await startTestSmtpServer({
    onMessage: (mail) => writeFileSync(path.join(mailDir, `${String(++received).padStart(6, "0")}.json`), JSON.stringify(mail)),
  });
  const mail = {
    SMTP_URL: smtp.url,
    MAIL_FROM: "Clinic referral portal <portal@clinic.test>",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    OUTBOX_POLL_MS: "200",
    OUTBOX_RETRY_BASE_MS: "500",
  };

  let portal: PortalServer;
  try {
    portal = await startPortal(database.url, mail);
  } catch (error) {
    await smtp.stop();
    await database.drop();
    throw error;
  }
  const outbox = spawnOutboxWorker({ ...process.env, ...mail, DATABASE_URL: database.url, NEXTAUTH_URL: portal.baseUrl, LOG_LEVEL: "warn" }, "pipe");
  outbox.stderr?.on("data", (chunk) => process.env.E2E_SERVER_LOG && process.stderr.write(chunk));

  project.provide("baseUrl", portal.baseUrl);
  project.provide("mailDir", mailDir);
  project.provide("chromiumPath", chromiumPath);
  project.provide("databaseUrl", database.url);
  project.provide("adminDatabaseUrl", server.adminUrl);

  return async () => {
    const stopped = new Promise((resolve) => outbox.once("exit", resolve));
    outbox.kill("SIGTERM");
    await stopped;
    await portal.stop();
    await smtp.stop();
    rmSync(mailDir, { recursive: true, force: true });
    await database.drop();
    await server.stop();
  };
}
