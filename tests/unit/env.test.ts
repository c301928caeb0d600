import { describe, expect, it } from "vitest";
import { ConfigError, describeDatabaseUrl, readEnv } from "@/lib/env";

const DEFAULTS = {
  PORT: 3000,
  SESSION_IDLE_TIMEOUT_SECONDS: 1800,
  SESSION_IDLE_WARNING_SECONDS: 120,
  SESSION_MAX_AGE_SECONDS: 43_200,
  PASSWORD_HASH_QUEUE: 32,
  LOG_LEVEL: "info",
  RESPONSE_TARGET_WORKING_DAYS: { STAT: 1, ASAP: 2, URGENT: 5, ROUTINE: 28 },
  SEED_DEMO_DATA: false,
  MAIL_FROM: "Clinic referral portal <no-reply@localhost>",
  MAIL_DIGEST_HOUR_UTC: 7,
  OUTBOX_POLL_MS: 1000,
  OUTBOX_RETRY_BASE_MS: 30_000,
  OUTBOX_MAX_ATTEMPTS: 12,
};

describe("readEnv", () => {
  it("accepts an empty environment: embedded database, generated secret, port 3000", () => {
    expect(readEnv({} as NodeJS.ProcessEnv)).toEqual(DEFAULTS);
  });

  it("treats blank variables as unset", () => {
    expect(readEnv({ DATABASE_URL: "  ", NEXTAUTH_SECRET: "" } as unknown as NodeJS.ProcessEnv)).toEqual(DEFAULTS);
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/portal", "DATABASE_URL must be a URL of the form postgresql://"],
    ["DATABASE_URL", "not a url", "DATABASE_URL must be a URL of the form postgresql://"],
    ["NEXTAUTH_SECRET", "short", "NEXTAUTH_SECRET must be at least 32 characters"],
    ["PORT", "70000", "PORT"],
    ["PORT", "http", "PORT"],
    ["SESSION_IDLE_TIMEOUT_SECONDS", "2", "SESSION_IDLE_TIMEOUT_SECONDS must be at least 5 seconds"],
    ["SESSION_IDLE_TIMEOUT_SECONDS", "ten", "SESSION_IDLE_TIMEOUT_SECONDS"],
    ["SESSION_IDLE_WARNING_SECONDS", "1800", "SESSION_IDLE_WARNING_SECONDS must be shorter than SESSION_IDLE_TIMEOUT_SECONDS"],
    ["LOG_LEVEL", "verbose", "LOG_LEVEL must be one of fatal, error"],
    ["TRUSTED_PROXIES", "10.0.0.0/33", "TRUSTED_PROXIES must be a number of proxies or a comma-separated list"],
    ["TRUSTED_PROXIES", "loopback, proxy.internal", "TRUSTED_PROXIES must be a number of proxies or a comma-separated list"],
    ["PASSWORD_HASH_CONCURRENCY", "0", "PASSWORD_HASH_CONCURRENCY must be at least 1"],
    ["PASSWORD_HASH_QUEUE", "-1", "PASSWORD_HASH_QUEUE must be at least 0"],
    ["WEB_CONCURRENCY", "0", "WEB_CONCURRENCY must be at least 1"],
    ["WEB_CONCURRENCY", "two", "WEB_CONCURRENCY"],
    ["WEB_CONCURRENCY", "1.5", "WEB_CONCURRENCY must be a whole number"],
    ["SMTP_URL", "http://mail.example.org", "SMTP_URL must be a URL of the form smtp://"],
    ["SMTP_URL", "mail.example.org:587", "SMTP_URL must be a URL of the form smtp://"],
    ["MAIL_FROM", "portal at clinic", "MAIL_FROM must be an e-mail address"],
    ["MAIL_FROM", "Portal <no-reply@clinic.example>\r\nBcc: someone@else.example", "MAIL_FROM must be an e-mail address"],
    ["MAIL_DIGEST_HOUR_UTC", "24", "MAIL_DIGEST_HOUR_UTC must be from 0 to 23"],
    ["OUTBOX_POLL_MS", "5", "OUTBOX_POLL_MS must be at least 50"],
    ["OUTBOX_RETRY_BASE_MS", "soon", "OUTBOX_RETRY_BASE_MS"],
    ["OUTBOX_MAX_ATTEMPTS", "0", "OUTBOX_MAX_ATTEMPTS must be at least 1"],
    ["NEXTAUTH_URL", "portal.clinic.example", "NEXTAUTH_URL must be the portal's public address"],
    ["WEB_CONCURRENCY", "65", "WEB_CONCURRENCY must be at most 64"],
    ["SESSION_MAX_AGE_SECONDS", "600", "SESSION_IDLE_TIMEOUT_SECONDS must not be longer than SESSION_MAX_AGE_SECONDS"],
    ["RESPONSE_TARGET_WORKING_DAYS", "STAT=1,ASAP=2,URGENT=5", "RESPONSE_TARGET_WORKING_DAYS gives no target for ROUTINE"],
    ["RESPONSE_TARGET_WORKING_DAYS", "STAT=0,ASAP=2,URGENT=5,ROUTINE=28", 'RESPONSE_TARGET_WORKING_DAYS has "STAT=0"'],
    ["RESPONSE_TARGET_WORKING_DAYS", "SOON=3,STAT=1,ASAP=2,URGENT=5,ROUTINE=28", 'RESPONSE_TARGET_WORKING_DAYS has "SOON=3"'],
  ])("refuses %s=%s naming the variable", (name, value, message) => {
    expect(() => readEnv({ [name]: value } as unknown as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => readEnv({ [name]: value } as unknown as NodeJS.ProcessEnv)).toThrow(message);
  });
});

describe("readEnv: mail", () => {
  it("asks for MAIL_FROM once SMTP_URL is set, and takes both when they are right", () => {
    expect(() => readEnv({ SMTP_URL: "smtp://mail.clinic.example:587" } as unknown as NodeJS.ProcessEnv)).toThrow(
      "MAIL_FROM must be set when SMTP_URL is",
    );
    const env = readEnv({ SMTP_URL: "smtps://portal:pw@mail.clinic.example:465", MAIL_FROM: "Referrals <referrals@clinic.example>" } as unknown as NodeJS.ProcessEnv);
    expect(env).toMatchObject({ SMTP_URL: "smtps://portal:pw@mail.clinic.example:465", MAIL_FROM: "Referrals <referrals@clinic.example>" });
  });
});

describe("readEnv: response targets", () => {
  it("reads a target in working days per priority, in any order", () => {
    const env = readEnv({ RESPONSE_TARGET_WORKING_DAYS: "ROUTINE=20, URGENT=3,ASAP=1,STAT=1" } as unknown as NodeJS.ProcessEnv);
    expect(env.RESPONSE_TARGET_WORKING_DAYS).toEqual({ STAT: 1, ASAP: 1, URGENT: 3, ROUTINE: 20 });
  });
});

describe("describeDatabaseUrl", () => {
  it("names host, port and database but never the password", () => {
    const description = describeDatabaseUrl("postgresql://portal:s3cret@db.internal:6432/referrals");
    expect(description).toBe('db.internal:6432, database "referrals"');
    expect(description).not.toContain("s3cret");
  });
});
