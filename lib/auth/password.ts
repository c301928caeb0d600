import { availableParallelism } from "node:os";
import { hash, verify, type Algorithm } from "@node-rs/argon2";
import { readEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
const ARGON2ID_OPTIONS = {
  // Algorithm is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Seconds a refused caller is asked to wait before trying again. */
export const PASSWORD_BUSY_RETRY_AFTER_SECONDS = 2;

/** Every hashing slot taken and the queue full: the caller answers 503 with Retry-After. */
export class PasswordHashingBusyError extends AppError {
  override name = "PasswordHashingBusyError";
  readonly retryAfterSeconds = PASSWORD_BUSY_RETRY_AFTER_SECONDS;
  /** graphql-js copies these onto the GraphQL error, and Apollo Server turns `http` into the response's status and headers. */
  readonly extensions = {
    http: { status: 503, headers: new Map([["retry-after", String(PASSWORD_BUSY_RETRY_AFTER_SECONDS)]]) },
  };

  constructor() {
    super("SERVICE_UNAVAILABLE", "The server is busy. Try again in a few seconds.");
  }
}

/**
 * A process-wide gate in front of argon2: each hash costs ~19 MiB and tens of
 * milliseconds of a core, so a sign-in flood run unchecked starves every other
 * request (a signed-in `me` went from 9 ms to 728 ms median). At most
 * `concurrency` run at once, at most `queue` wait, the rest are refused at once.
 */
export class HashingGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw new PasswordHashingBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

let gates: { hashing: HashingGate; signIn: HashingGate } | undefined;

function readGates() {
  if (!gates) {
    const env = readEnv();
    // Leave a core for everything else: on 2 cores, one hash at a time.
    const concurrency = env.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, availableParallelism() - 1);
    gates = {
      hashing: new HashingGate(concurrency, env.PASSWORD_HASH_QUEUE),
      // Whole sign-in attempts (throttle, lookup, check): one more than the hashes, so one
      // attempt's database work overlaps another's hash. Waiting attempts hold no database
      // connection, and a full queue is refused before any database work at all.
      signIn: new HashingGate(concurrency + 1, env.PASSWORD_HASH_QUEUE),
    };
  }
  return gates;
}

const hashingGate = () => readGates().hashing;

/** Admission for whole sign-in attempts; throws PasswordHashingBusyError when full. */
export const signInGate = () => readGates().signIn;

export function hashPassword(password: string): Promise<string> {
  return hashingGate().run(() => hash(password, ARGON2ID_OPTIONS));
}

/** Whether the password matches; throws PasswordHashingBusyError when the gate is full. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return hashingGate().run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

/** Verified against when the email is unknown, so a miss costs as long as a hit. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  // Computed outside the gate: once per process, and a refusal must not be cached.
  decoyHash ??= hash("decoy password that matches no account", ARGON2ID_OPTIONS);
  return decoyHash;
}
