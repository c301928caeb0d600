import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/client";
import { seedDemoData } from "@/lib/ops/seed";
import { ensureBuild } from "@/scripts/support/next-build";
import { createDatabase, startTestDatabaseServer, type TestDatabaseServer } from "./database-server";
import { startPortal, type PortalServer } from "./portal-server";

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

  let portal: PortalServer;
  try {
    portal = await startPortal(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }

  project.provide("baseUrl", portal.baseUrl);
  project.provide("chromiumPath", chromiumPath);
  project.provide("databaseUrl", database.url);
  project.provide("adminDatabaseUrl", server.adminUrl);

  return async () => {
    await portal.stop();
    await database.drop();
    await server.stop();
  };
}
