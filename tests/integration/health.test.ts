import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/ops/embedded";

describe("GET /api/health", () => {
  it("answers 503 with Retry-After, and no database detail, while PostgreSQL cannot be reached", async () => {
    // A port nothing listens on: the portal's client fails to connect, as when the database is down.
    process.env.DATABASE_URL = `postgresql://portal:secret@127.0.0.1:${await freePort()}/portal`;
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ status: "unavailable", database: "unreachable" });
    expect(body).not.toMatch(/secret|127\.0\.0\.1|ECONNREFUSED/);
  });
});
