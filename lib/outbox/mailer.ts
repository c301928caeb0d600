import nodemailer from "nodemailer";

/** One e-mail as the outbox sends it: plain text, its own Message-ID. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** `<id@domain>`: the same on every attempt for one notification. */
  messageId: string;
}

/** What the worker needs of a mail server. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Seconds an SMTP exchange may take before the attempt counts as failed (the worker's transaction allows longer). */
export const SMTP_TIMEOUT_MS = { connection: 10_000, greeting: 10_000, socket: 30_000 };

/**
 * SMTP through nodemailer, from SMTP_URL (smtp:// upgrades with STARTTLS when
 * the server offers it, smtps:// is TLS from the start; user:password@ for
 * servers that ask). A connection per message: the outbox sends a few at a
 * time, and a pooled connection left open would outlive a killed worker's
 * transaction in ways harder to reason about.
 */
export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: SMTP_TIMEOUT_MS.connection,
    greetingTimeout: SMTP_TIMEOUT_MS.greeting,
    socketTimeout: SMTP_TIMEOUT_MS.socket,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        // RFC 3834: an automatic message, so auto-responders do not answer it.
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    close: () => transport.close(),
  };
}

/** An SMTP failure in words for the outbox's lastError: the server's code and reply or the network's error, at most 300 characters. */
export function describeMailError(error: unknown): string {
  const failure = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const text = [failure.code, failure.responseCode, failure.response ?? failure.message].filter((part) => part !== undefined && part !== "").join(" ");
  return (text || "unknown error").replace(/\s+/g, " ").slice(0, 300);
}

/**
 * Whether retrying cannot help: the server refused the recipient or the
 * message for good (a 5xx reply to the envelope or the data). A refused
 * connection, a timeout, a 4xx reply ("try later") or a failed login (which an
 * operator may fix) are retried.
 */
export function isPermanentMailError(error: unknown): boolean {
  const failure = error as { code?: string; responseCode?: number };
  return typeof failure.responseCode === "number" && failure.responseCode >= 500 && failure.code !== "EAUTH" && failure.code !== "ECONNECTION";
}
