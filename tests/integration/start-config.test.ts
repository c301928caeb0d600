import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/ops/embedded";

/** Runs `npm start`'s script with the given environment and returns its exit code and output. */
async function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(await freePort()), ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, output };
}

describe("npm start refuses bad configuration with a named error", () => {
  it("exits non-zero naming DATABASE_URL when the server it names is unreachable", async () => {
    const port = await freePort();
    const { code, output } = await start({
      DATABASE_URL: `postgresql://portal:hunter2-secret@127.0.0.1:${port}/portal`,
      NEXTAUTH_SECRET: "x".repeat(40),
    });
    expect(code).toBe(1);
    expect(output).toContain(`DATABASE_URL is set, but the PostgreSQL it names (127.0.0.1:${port}, database "portal") cannot be used: the connection was refused.`);
    expect(output).not.toContain("hunter2-secret");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("exits non-zero naming DATABASE_URL when it is not a PostgreSQL URL", async () => {
    const { code, output } = await start({ DATABASE_URL: "mysql://localhost/portal" });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL must be a URL of the form postgresql://");
  });

  it("exits non-zero naming NEXTAUTH_SECRET when a real database is used without one", async () => {
    const { code, output } = await start({ DATABASE_URL: "postgresql://portal@127.0.0.1:5/portal" });
    expect(code).toBe(1);
    expect(output).toContain("NEXTAUTH_SECRET is not set");
  });

  it("exits non-zero naming PORT when it is not a port number", async () => {
    const { code, output } = await start({ PORT: "http" });
    expect(code).toBe(1);
    expect(output).toContain("PORT");
  });
});
