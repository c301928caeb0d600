import { randomBytes } from "node:crypto";
import { freePort } from "@/lib/ops/embedded";
import { runPortalServer } from "@/scripts/support/next-build";

export interface PortalServer {
  baseUrl: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
  /** kill -9, for fault tests. */
  crash(): Promise<void>;
  /** Sends SIGTERM and returns at once. */
  terminate(): void;
  /** The exit code once the process has exited, else null. */
  exited(): number | null;
  /** The process started (the cluster's primary when WEB_CONCURRENCY > 1). */
  pid: number;
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
 * `next start` of the existing production build on a free port, against the
 * given database; `env` adds configuration (a shorter idle timeout, say).
 * One process unless `env` sets WEB_CONCURRENCY, as `npm start` does by default.
 */
export async function startPortal(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { nodeArgs?: string[]; /** The host NEXTAUTH_URL names, when not the 127.0.0.1 the portal is reached at. */ publicHost?: string } = {},
): Promise<PortalServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const publicUrl = options.publicHost ? `http://${options.publicHost}:${port}` : baseUrl;
  const app = runPortalServer(
    Number(env.WEB_CONCURRENCY ?? 1),
    ["--port", String(port), "--hostname", "127.0.0.1"],
    {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: publicUrl,
      // Passkeys need a host name (WebAuthn refuses an IP address): the browser tests reach passkeys at localhost.
      PASSKEY_ORIGIN: `http://localhost:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      // The tests stand in for a proxy on loopback (tests/support/http.ts sends each
      // test's own X-Forwarded-For); a test starts a portal without it with `env`.
      TRUSTED_PROXIES: "loopback",
      // Test files run in parallel against one portal: a burst in one must queue, not
      // refuse another file's sign-ins (the 503 is tested on a portal of its own).
      PASSWORD_HASH_QUEUE: "1000",
      ...env,
    },
    "pipe",
    options.nodeArgs,
  );
  let log = "";
  app.stdout?.on("data", (chunk) => (log += chunk));
  app.stderr?.on("data", (chunk) => (log += chunk));
  let exitCode: number | null | undefined;
  app.on("exit", (code) => (exitCode = code));
  const stop = async () => {
    if (exitCode === undefined) {
      const exited = new Promise((resolve) => app.on("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    if (process.env.E2E_SERVER_LOG) console.log(log);
  };
  try {
    await waitForHttp(`${baseUrl}/login`, 60_000, () =>
      exitCode === undefined ? null : `next start exited with code ${exitCode}:\n${log}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  // kill -9: the process gets no chance to finish anything, as in a crash.
  const crash = async () => {
    if (exitCode !== undefined) return;
    const exited = new Promise((resolve) => app.on("exit", resolve));
    app.kill("SIGKILL");
    await exited;
  };
  const terminate = () => app.kill("SIGTERM");
  const exited = () => (exitCode === undefined ? null : exitCode);
  return { baseUrl, output: () => log, stop, crash, terminate, exited, pid: app.pid! };
}
