import { describe, expect, it } from "vitest";
import { ConfigError, describeDatabaseUrl, readEnv } from "@/lib/env";

describe("readEnv", () => {
  it("accepts an empty environment: embedded database, generated secret, port 3000", () => {
    expect(readEnv({} as NodeJS.ProcessEnv)).toEqual({ PORT: 3000 });
  });

  it("treats blank variables as unset", () => {
    expect(readEnv({ DATABASE_URL: "  ", NEXTAUTH_SECRET: "" } as unknown as NodeJS.ProcessEnv)).toEqual({ PORT: 3000 });
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/portal", "DATABASE_URL must be a URL of the form postgresql://"],
    ["DATABASE_URL", "not a url", "DATABASE_URL must be a URL of the form postgresql://"],
    ["NEXTAUTH_SECRET", "short", "NEXTAUTH_SECRET must be at least 32 characters"],
    ["PORT", "70000", "PORT"],
    ["PORT", "http", "PORT"],
  ])("refuses %s=%s naming the variable", (name, value, message) => {
    expect(() => readEnv({ [name]: value } as unknown as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => readEnv({ [name]: value } as unknown as NodeJS.ProcessEnv)).toThrow(message);
  });
});

describe("describeDatabaseUrl", () => {
  it("names host, port and database but never the password", () => {
    const description = describeDatabaseUrl("postgresql://portal:s3cret@db.internal:6432/referrals");
    expect(description).toBe('db.internal:6432, database "referrals"');
    expect(description).not.toContain("s3cret");
  });
});
