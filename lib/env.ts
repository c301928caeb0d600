import { z } from "zod";
import { ReferralPriority } from "@/lib/generated/prisma/enums";
import { LOG_LEVELS } from "@/lib/log";
import { parseTrustedProxies } from "@/lib/trusted-proxies";

/** A configuration problem an operator must fix; printed without a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return ["postgres:", "postgresql:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "must be a URL of the form postgresql://user:password@host:5432/database");

/** An origin whose host is a name, not an address: WebAuthn scopes passkeys to a domain (its RP ID), never to an IP address. */
const passkeyOrigin = z
  .string()
  .trim()
  .transform((value, context) => {
    try {
      const url = new URL(value);
      const isAddress = /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith("[");
      if (["http:", "https:"].includes(url.protocol) && !isAddress && url.pathname === "/" && !url.search) return url.origin;
    } catch {
      // reported below
    }
    context.addIssue({ code: "custom", message: "must be the portal's origin with a host name, e.g. https://portal.clinic.example (passkeys cannot use an IP address)" });
    return z.NEVER;
  });

/** An SMTP server: smtp://host:587 (STARTTLS when offered), smtps://host:465 (TLS), with user:password@ when it asks for them. */
const smtpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return ["smtp:", "smtps:"].includes(url.protocol) && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a URL of the form smtp://user:password@mail.example.org:587 or smtps://mail.example.org:465");

/** `address@domain` or `Display name <address@domain>`. */
const mailbox = z
  .string()
  .trim()
  .max(320, "must be at most 320 characters")
  .refine((value) => {
    const address = /<([^<>]+)>$/.exec(value)?.[1] ?? value;
    return z.email().safeParse(address.trim()).success && !/[\r\n]/.test(value);
  }, 'must be an e-mail address, optionally with a name: "Clinic referral portal <no-reply@clinic.example>"');

const seconds = (fallback: number, least: number) =>
  z.coerce.number().int("must be a whole number of seconds").min(least, `must be at least ${least} seconds`).default(fallback);

const DEFAULT_MAIL_FROM = "Clinic referral portal <no-reply@localhost>";

/** Working days within which a therapy service should decide on a referral, per priority. */
export type ResponseTargets = Record<ReferralPriority, number>;

/**
 * Defaults from published service targets: a physiotherapy single point of referral's
 * urgent within 7 days (5 working days) and routine within 28 working days; community
 * physiotherapy priority 1 within 2 business days (ASAP); STAT the next working day.
 */
export const DEFAULT_RESPONSE_TARGETS = "STAT=1,ASAP=2,URGENT=5,ROUTINE=28";

const responseTargets = z
  .string()
  .transform((value, context) => {
    const targets: Partial<ResponseTargets> = {};
    for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
      const match = /^([A-Z]+)=(\d{1,3})$/.exec(entry);
      const priority = match?.[1] as ReferralPriority | undefined;
      if (!match || !priority || !(priority in ReferralPriority) || Number(match[2]) < 1) {
        context.addIssue({ code: "custom", message: `has "${entry}": write PRIORITY=working days, e.g. ${DEFAULT_RESPONSE_TARGETS}` });
        return z.NEVER;
      }
      targets[priority] = Number(match[2]);
    }
    const missing = Object.values(ReferralPriority).filter((priority) => targets[priority] === undefined);
    if (missing.length) {
      context.addIssue({ code: "custom", message: `gives no target for ${missing.join(", ")} (e.g. ${DEFAULT_RESPONSE_TARGETS})` });
      return z.NEVER;
    }
    return targets as ResponseTargets;
  });

const schema = z
  .object({
    DATABASE_URL: postgresUrl.optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    /** Signed out after this long without activity (ASVS/HIPAA automatic logoff). */
    SESSION_IDLE_TIMEOUT_SECONDS: seconds(30 * 60, 5),
    /** The warning before the idle sign-out appears this long before it. */
    SESSION_IDLE_WARNING_SECONDS: seconds(2 * 60, 1),
    /** Signed out this long after signing in, whatever the activity. */
    SESSION_MAX_AGE_SECONDS: seconds(12 * 60 * 60, 60),
    /**
     * Proxies in front of the portal whose X-Forwarded-For (and X-Real-IP) is believed:
     * a hop count, or addresses/CIDR ranges/loopback/linklocal/uniquelocal, comma-separated.
     * Unset: none, the socket's address is the client's.
     */
    TRUSTED_PROXIES: z
      .string()
      .trim()
      .superRefine((value, context) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          context.addIssue({
            code: "custom",
            message: `must be a number of proxies or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal (${(error as Error).message})`,
          });
        }
      })
      .optional(),
    /** Password hashes computed at once per process (default: one fewer than the cores, at least one). */
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(64, "must be at most 64").optional(),
    /** Password hashes that may wait for a slot; beyond this sign-in answers 503 with Retry-After. */
    PASSWORD_HASH_QUEUE: z.coerce.number().int("must be a whole number").min(0, "must be at least 0").max(10_000, "must be at most 10000").default(32),
    /** Processes serving the portal under `npm start` (default: one per core; see scripts/support/cluster.mjs). */
    WEB_CONCURRENCY: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(64, "must be at most 64").optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`).default("info"),
    RESPONSE_TARGET_WORKING_DAYS: responseTargets.prefault(DEFAULT_RESPONSE_TARGETS),
    /** The portal's public address, for links (e-mails link to it). */
    NEXTAUTH_URL: z
      .string()
      .trim()
      .refine((value) => {
        try {
          return ["http:", "https:"].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, "must be the portal's public address, e.g. https://referrals.clinic.example")
      .optional(),
    /** The mail server notifications are sent through; unset, they stay in the portal ("not sent: no mail server"). */
    SMTP_URL: smtpUrl.optional(),
    /** The sender of the portal's e-mail. */
    MAIL_FROM: mailbox.default(DEFAULT_MAIL_FROM),
    /** The hour (UTC) daily digests go out. */
    MAIL_DIGEST_HOUR_UTC: z.coerce.number().int("must be a whole hour from 0 to 23").min(0, "must be from 0 to 23").max(23, "must be from 0 to 23").default(7),
    /** How often the outbox worker looks for e-mail to send, in milliseconds. */
    OUTBOX_POLL_MS: z.coerce.number().int("must be a whole number of milliseconds").min(50, "must be at least 50").max(60_000, "must be at most 60000").default(1000),
    /** The first retry's wait after a failed delivery, in milliseconds; each further one doubles it (at most an hour). */
    OUTBOX_RETRY_BASE_MS: z.coerce.number().int("must be a whole number of milliseconds").min(10, "must be at least 10").max(3_600_000, "must be at most 3600000").default(30_000),
    /** Delivery attempts before a notification's e-mail is given up as FAILED. */
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(12),
    /**
     * Where the browser shows the portal, for passkeys: their RP ID is its host. Default: NEXTAUTH_URL,
     * else http://localhost:PORT. Set it when NEXTAUTH_URL names an IP address (passkeys then work at this name).
     */
    PASSKEY_ORIGIN: passkeyOrigin.optional(),
    /** With DATABASE_URL, seed the demo clinics (published password) into an empty database: only for trying the portal out. */
    SEED_DEMO_DATA: z.enum(["true", "false"], "must be true or false").default("false").transform((value) => value === "true"),
  })
  .refine((env) => env.SESSION_IDLE_WARNING_SECONDS < env.SESSION_IDLE_TIMEOUT_SECONDS, {
    message: "must be shorter than SESSION_IDLE_TIMEOUT_SECONDS",
    path: ["SESSION_IDLE_WARNING_SECONDS"],
  })
  .refine((env) => env.SESSION_IDLE_TIMEOUT_SECONDS <= env.SESSION_MAX_AGE_SECONDS, {
    message: "must not be longer than SESSION_MAX_AGE_SECONDS",
    path: ["SESSION_IDLE_TIMEOUT_SECONDS"],
  })
  .refine((env) => !env.SMTP_URL || env.MAIL_FROM !== DEFAULT_MAIL_FROM, {
    message: "must be set when SMTP_URL is: the address the portal's e-mail comes from",
    path: ["MAIL_FROM"],
  });

export type Env = z.infer<typeof schema>;

/** Reads and checks the environment; an empty variable counts as unset. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** Host, port and database of a URL, without the password, for messages. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}, database "${parsed.pathname.slice(1) || "postgres"}"`;
}
