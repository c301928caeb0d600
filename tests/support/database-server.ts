import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { assertReachable } from "@/lib/ops/bootstrap";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded";
import { migrate } from "@/lib/ops/migrate";

export interface TestDatabaseServer {
  adminUrl: string;
  stop(): Promise<void>;
}

/** The URL of another database on the same server as `url`. */
export function databaseUrlOn(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** TEST_DATABASE_URL's server when set (the role needs CREATEDB), otherwise a throwaway embedded one. */
export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  const external = process.env.TEST_DATABASE_URL?.trim();
  if (external) {
    await assertReachable(external, "TEST_DATABASE_URL");
    return { adminUrl: external, stop: async () => undefined };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "portal-test-pg-"));
  // Any free port, not the app's preferred one: several test runs may share the machine.
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false, port: await freePort() });
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function uniqueDatabaseName(purpose: string): string {
  return `portal_${purpose}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A new empty database on the server; `migrated` applies the real migrations with the real command. */
export async function createDatabase(
  adminUrl: string,
  purpose: string,
  options: { migrated?: boolean } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = uniqueDatabaseName(purpose);
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  const url = databaseUrlOn(adminUrl, name);
  if (options.migrated) await migrate(url);
  return { name, url, drop: () => dropDatabase(adminUrl, name) };
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}
