import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/ops/embedded";
import { ConfigError, describeDatabaseUrl } from "@/lib/env";

export interface PortalDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name could not be resolved",
  ETIMEDOUT: "the connection timed out",
  "28P01": "the password was rejected",
  "28000": "the user is not allowed to connect",
  "3D000": "the database does not exist",
};

/** Fails with a message naming DATABASE_URL (never its password) when the server cannot be used. */
export async function assertReachable(url: string, variable = "DATABASE_URL"): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const reason = REASONS[code] ?? (error instanceof Error && /timeout/i.test(error.message) ? REASONS.ETIMEDOUT : "it did not answer");
    throw new ConfigError(
      `${variable} is set, but the PostgreSQL it names (${describeDatabaseUrl(url)}) cannot be used: ${reason}. ` +
        `Check that the server is running and ${variable} is right, or unset ${variable} to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * The portal's database: the server named by `databaseUrl` when given,
 * otherwise an embedded PostgreSQL whose data lives in `dataDir`.
 */
export async function openPortalDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  databaseName: string;
}): Promise<PortalDatabase> {
  if (options.databaseUrl) {
    await assertReachable(options.databaseUrl);
    return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, persistent: true });
  try {
    await createDatabaseIfMissing(server.adminUrl, options.databaseName);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.urlFor(options.databaseName), embedded: true, stop: () => server.stop() };
}
