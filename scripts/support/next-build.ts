import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "graphql", "lib", "prisma", "proxy.ts", "next.config.ts", "package-lock.json"];

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stats.mtimeMs);
}

/** Where next builds to; next.config.ts reads the same variable. */
export const distDir = () => process.env.NEXT_DIST_DIR || ".next";

/** True when the build folder holds a production build at least as new as every source file. */
export function buildIsCurrent(root = process.cwd()): boolean {
  const buildId = path.join(root, distDir(), "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.every((entry) => newestChange(path.join(root, entry)) <= builtAt);
}

export function runNext(args: string[], env: NodeJS.ProcessEnv = process.env, stdio: "inherit" | "pipe" = "inherit", nodeArgs: string[] = []) {
  return spawn(process.execPath, [...nodeArgs, path.resolve("node_modules/next/dist/bin/next"), ...args], {
    stdio,
    env: { NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
}

/**
 * `next start` as the portal serves: in `workers` processes sharing the port
 * (scripts/support/cluster.mjs) when more than one, else one plain process.
 */
export function runPortalServer(
  workers: number,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  stdio: "inherit" | "pipe" = "inherit",
  nodeArgs: string[] = [],
) {
  if (workers <= 1) return runNext(["start", ...args], env, stdio, nodeArgs);
  return spawn(process.execPath, [...nodeArgs, path.resolve("scripts/support/cluster.mjs"), String(workers), "start", ...args], {
    stdio,
    env: { NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
}

async function run(command: string, args: string[], what: string): Promise<void> {
  const child = spawn(command, args, { stdio: "inherit", env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env } });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`${what} failed (exit code ${code})`);
}

/**
 * Runs GraphQL Codegen and `next build` unless the existing build is current.
 * Codegen first: the pages look their documents up in the generated files, so a
 * build from stale ones would ship pages with empty queries.
 */
export async function ensureBuild(log: (line: string) => void = console.log): Promise<void> {
  if (buildIsCurrent()) return;
  log("Building the portal (codegen, next build); this takes a minute the first time…");
  await run(process.execPath, [path.resolve("node_modules/@graphql-codegen/cli/cjs/bin.js"), "--config", "codegen.ts"], "GraphQL Codegen");
  const child = runNext(["build"]);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}
