/**
 * `next start` in WEB_CONCURRENCY processes sharing one port, through Node's
 * own node:cluster: Next.js serves from one process and has no setting for
 * more, and on a machine with more than one core one process leaves the others
 * idle (docs/benchmarks/http.md has the measurement). Every worker is a whole
 * `next start`; nothing is shared between them but the port and PostgreSQL,
 * where sessions, sign-in throttling and the audit trail already live, so a
 * revoked session is refused by every worker at once.
 *
 * Usage: node scripts/support/cluster.mjs <workers> <next start arguments…>
 * The primary restarts a worker that dies after it started serving; a worker
 * that dies before (a port in use, a bad configuration) stops the whole
 * server with its exit code rather than restarting in a loop.
 */
import cluster from "node:cluster";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [count, ...nextArgs] = process.argv.slice(2);
const workers = Number(count);
if (!Number.isInteger(workers) || workers < 1) {
  console.error(`cluster.mjs: the number of workers must be a whole number of at least 1, not "${count}"`);
  process.exit(2);
}

cluster.setupPrimary({ exec: require.resolve("next/dist/bin/next"), args: nextArgs, execArgv: process.execArgv });

let stopping = false;
let alive = 0;
const listening = new Set();

function fork() {
  alive++;
  cluster.fork();
}

function stopAll(code) {
  stopping = true;
  process.exitCode = code;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
}

cluster.on("listening", (worker) => listening.add(worker.id));
cluster.on("exit", (worker, code, signal) => {
  alive--;
  const served = listening.delete(worker.id);
  if (stopping) {
    if (alive === 0) process.exit(process.exitCode ?? 0);
    return;
  }
  if (!served) {
    console.error(`A portal worker exited before it started serving (${signal ?? `exit code ${code}`}); stopping.`);
    stopAll(code || 1);
    return;
  }
  console.error(`A portal worker exited (${signal ?? `exit code ${code}`}); starting another.`);
  fork();
});

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => stopAll(0));
for (let started = 0; started < workers; started++) fork();
