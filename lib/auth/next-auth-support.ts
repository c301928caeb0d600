import { AsyncLocalStorage } from "node:async_hooks";
import type { LoggerInstance } from "next-auth";
import { log } from "@/lib/log";

/** Absolute file paths (a stack frame, a module name) never reach a log line. */
const withoutPaths = (text: string) => text.replace(/(?:file:\/\/)?(?:\/[\w@.+-]+){2,}/g, "[path]").slice(0, 300);

function describe(metadata: unknown): { name?: string; message?: string } {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
  if (!(error instanceof Error)) return {};
  return { name: error.name, message: withoutPaths(error.message) };
}

/**
 * next-auth's own logging, through pino: its code and the error's name and
 * message (paths removed), never a stack trace and never the metadata itself
 * (it can hold request bodies, credentials included).
 */
export const nextAuthLogger: LoggerInstance = {
  error: (code, metadata) => log.error({ nextAuth: code, error: describe(metadata) }, "sign-in library error"),
  warn: (code) => log.warn({ nextAuth: code }, "sign-in library warning"),
  debug: (code) => log.debug({ nextAuth: code }, "sign-in library debug"),
};

/**
 * Only same-origin destinations after sign-in or sign-out: a relative path, or
 * an absolute URL on our own origin. Anything else, an unparsable URL included,
 * goes to the home page (never a 500).
 */
export function safeRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  try {
    const base = new URL(baseUrl);
    // "//evil.example" and "/\\evil.example" are relative in form but another host to a browser.
    const target = new URL(url, base);
    if (target.origin !== base.origin) return base.origin;
    return target.href;
  } catch {
    return baseUrl;
  }
}

/**
 * Lets authorize(), deep inside next-auth, tell the route handler that the
 * password check was refused for want of capacity, so the handler can answer
 * 503 with Retry-After (next-auth itself can only answer 200 or a redirect).
 */
const busySignal = new AsyncLocalStorage<{ retryAfterSeconds?: number }>();

export function signalBusy(retryAfterSeconds: number): void {
  const signal = busySignal.getStore();
  if (signal) signal.retryAfterSeconds = retryAfterSeconds;
}

export async function runWithBusySignal<T>(work: () => Promise<T>): Promise<{ result: T; retryAfterSeconds?: number }> {
  const signal: { retryAfterSeconds?: number } = {};
  const result = await busySignal.run(signal, work);
  return { result, retryAfterSeconds: signal.retryAfterSeconds };
}
