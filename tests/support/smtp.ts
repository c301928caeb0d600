import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { freePort } from "@/lib/ops/embedded";

/** An e-mail as the test SMTP server accepted it. */
export interface ReceivedMail {
  messageId: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  /** The whole message as it came over the wire (headers and body). */
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  /** Every message accepted so far, in order. */
  received: ReceivedMail[];
  /** Deliveries refused with 451 so far. */
  refused: number;
  /** Messages whose sender went away before the server answered them (never accepted). */
  dropped: number;
  /** Refuse the next `count` messages with 451 (try again later). */
  refuseNext(count: number): void;
  /** Hold the next message's DATA unanswered until `release()`; `held` resolves, with its session's id, when one is held. */
  holdNext(): { held: Promise<string>; release: () => void };
  /** Whether the client of this session has gone. */
  closed(sessionId: string): boolean;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free port of loopback,
 * or the port given, for the tests to read what the portal sends. Accepts any
 * sender and recipient without authentication or TLS; a message counts as
 * received only once the server answered its DATA with 250, as a real mail
 * server would.
 */
export async function startTestSmtpServer(options: { port?: number; onMessage?: (mail: ReceivedMail) => void } = {}): Promise<TestSmtpServer> {
  const port = options.port ?? (await freePort());
  const received: ReceivedMail[] = [];
  let refuse = 0;
  let holding: { resolveHeld: (sessionId: string) => void; released: Promise<void> } | null = null;
  const state = { refused: 0, dropped: 0 };
  const closedSessions = new Set<string>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // A client that vanishes mid-DATA (a killed worker) must not keep the test waiting on close.
    closeTimeout: 100,
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        if (holding) {
          const { resolveHeld, released } = holding;
          holding = null;
          resolveHeld(session.id);
          await released;
          // The client went away before the server answered: nothing was accepted (a worker killed mid-send).
          if (closedSessions.has(session.id)) {
            state.dropped++;
            callback(new Error("connection closed"));
            return;
          }
        }
        if (refuse > 0) {
          refuse--;
          state.refused++;
          const error = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
          callback(error);
          return;
        }
        const parsed = await simpleParser(raw);
        const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(", ") : (parsed.to?.text ?? "");
        const mail: ReceivedMail = {
          messageId: parsed.messageId ?? "",
          to,
          from: parsed.from?.text ?? "",
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          raw,
        };
        received.push(mail);
        options.onMessage?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  // Clients dropping mid-session are expected (faults); the server must not crash the test process.
  server.on("error", () => undefined);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refused() {
      return state.refused;
    },
    get dropped() {
      return state.dropped;
    },
    refuseNext(count) {
      refuse = count;
    },
    holdNext() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let resolveHeld!: (sessionId: string) => void;
      const held = new Promise<string>((resolve) => (resolveHeld = resolve));
      holding = { resolveHeld, released };
      return { held, release };
    },
    closed: (sessionId) => closedSessions.has(sessionId),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` is true, polling; fails with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
