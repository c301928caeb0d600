import { describe, expect, it } from "vitest";
import { statementNames } from "@/lib/db/client";

describe("prepared statement names", () => {
  it("names the same text the same way every time, and different texts differently", () => {
    const name = statementNames();
    const first = name({ sql: 'SELECT 1 FROM "Referral" WHERE id = $1' });
    expect(first).toMatch(/^prisma_[\w-]{24}$/);
    expect(name({ sql: 'SELECT 1 FROM "Referral" WHERE id = $1' })).toBe(first);
    expect(name({ sql: 'SELECT 1 FROM "Patient" WHERE id = $1' })).not.toBe(first);
    // Another process names it the same (the name is the text's hash, not a counter).
    expect(statementNames()({ sql: 'SELECT 1 FROM "Referral" WHERE id = $1' })).toBe(first);
  });

  it("sends texts past the cap unnamed, so the per-connection cache stays bounded", () => {
    const name = statementNames(2);
    const kept = [name({ sql: "SELECT 1" }), name({ sql: "SELECT 2" })];
    expect(kept.every((value) => typeof value === "string")).toBe(true);
    expect(name({ sql: "SELECT 3" })).toBeUndefined();
    expect(name({ sql: "SELECT 1" })).toBe(kept[0]);
  });
});
