import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, startTestDatabaseServer } from "./database-server";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The server's maintenance database: tests that need a database of their own create it there. */
    adminDatabaseUrl: string;
  }
}

/** One fresh, migrated database per test run, dropped at the end; tests add unique data of their own. */
export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer();
  const database = await createDatabase(server.adminUrl, "run", { migrated: true });
  project.provide("databaseUrl", database.url);
  project.provide("adminDatabaseUrl", server.adminUrl);
  return async () => {
    await dropDatabase(server.adminUrl, database.name);
    await server.stop();
  };
}
