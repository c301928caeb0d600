import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * The outbox worker (scripts/outbox-worker.ts) as a child process, run with
 * tsx as the other scripts are. `npm start` and the tests start it the same way.
 */
export function spawnOutboxWorker(env: NodeJS.ProcessEnv, stdio: "inherit" | "pipe" = "inherit"): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/outbox-worker.ts")], { stdio, env });
}

/**
 * Keeps one outbox worker running beside the portal: one that dies is started
 * again after a pause (its unfinished delivery was rolled back and waits for
 * it). stop() sends SIGTERM and waits for the worker to finish the e-mail in hand.
 */
export function superviseOutboxWorker(env: NodeJS.ProcessEnv, log: (line: string) => void = console.error) {
  let stopping = false;
  let child: ChildProcess;
  const start = () => {
    child = spawnOutboxWorker(env);
    child.on("exit", (code, signal) => {
      if (stopping) return;
      log(`The outbox worker exited (${signal ?? `exit code ${code}`}); starting another in 5 s.`);
      setTimeout(() => stopping || start(), 5_000).unref();
    });
  };
  start();
  let stopped: Promise<void> | undefined;
  return {
    /** Idempotent: a second call waits for the same exit. */
    stop() {
      stopping = true;
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      return stopped;
    },
  };
}
