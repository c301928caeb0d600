import pino, { type DestinationStream, type Level, type Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const satisfies readonly (Level | "silent")[];
const LEVELS: readonly string[] = LOG_LEVELS;

/**
 * Keys whose values never reach a log line: credentials, session material and
 * patient data (HIPAA minimum necessary). Matched at the top level and up to three levels down.
 */
export const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "email",
  "notes",
  "note",
  "overrideReason",
  "givenName",
  "familyName",
  "medicalRecordNumber",
  "dateOfBirth",
  "authorization",
  "cookie",
  "set-cookie",
  "sessionToken",
  "token",
  "variables",
] as const;

export const REDACTED_PATHS = REDACTED_KEYS.flatMap((key) => {
  const property = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (property.startsWith("[") ? `${prefix}${property}` : `${prefix}.${property}`);
  return [property, join("*"), join("*.*"), join("*.*.*")];
});

export const CENSOR = "[redacted]";

/** LOG_LEVEL, checked: a typo must not silently turn logging off or up. Unset means info. */
export function logLevel(value = process.env.LOG_LEVEL): Level | "silent" {
  const level = value?.trim().toLowerCase() || "info";
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(", ")} (got "${value}")`);
  }
  return level as Level | "silent";
}

/** JSON lines to stdout (or to the given stream, for tests), with patient and credential fields redacted. */
export function createLogger(destination?: DestinationStream, level = logLevel()): Logger {
  const options = {
    level,
    base: { service: "clinic-referral-portal" },
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const log = createLogger();
