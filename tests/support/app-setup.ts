import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/client";
import { freePort } from "@/lib/db/embedded";
import { seedDemoData } from "@/lib/db/seed";
import { ensureBuild, runNext } from "@/scripts/support/next-build";
import { createDatabase, startTestDatabaseServer, type TestDatabaseServer } from "./database-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
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

async function waitForHttp(url: string, timeoutMs: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = exited();
    if (failure) throw new Error(failure);
    try {
      if ((await fetch(url, { redirect: "manual" })).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The portal did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * The production build served on a free port against a fresh, migrated and
 * demo-seeded database; API and browser tests talk to it over HTTP.
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

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = runNext(
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    },
    "pipe",
  );
  let log = "";
  app.stdout?.on("data", (chunk) => (log += chunk));
  app.stderr?.on("data", (chunk) => (log += chunk));
  let exitCode: number | null | undefined;
  app.on("exit", (code) => (exitCode = code));
  try {
    await waitForHttp(`${baseUrl}/login`, 60_000, () =>
      exitCode === undefined ? null : `next start exited with code ${exitCode}:\n${log}`,
    );
  } catch (error) {
    app.kill("SIGTERM");
    await database.drop();
    throw error;
  }

  project.provide("baseUrl", baseUrl);
  project.provide("chromiumPath", chromiumPath);
  project.provide("databaseUrl", database.url);
  project.provide("adminDatabaseUrl", server.adminUrl);

  return async () => {
    if (exitCode === undefined) {
      const exited = new Promise((resolve) => app.on("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    if (process.env.E2E_SERVER_LOG) console.log(log);
    await database.drop();
    await server.stop();
  };
}
