import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { refusedBy } from "../support/attacks";
import { startPortal, type PortalServer } from "../support/portal-server";

/**
 * Server logs are JSON lines (pino), one event a line, so a log shipper can
 * parse them and nobody can forge a line: a portal of its own, whose output
 * is read after each attack.
 */

let portal: PortalServer;
beforeAll(async () => {
  portal = await startPortal(inject("databaseUrl"));
}, 90_000);
afterAll(() => portal?.stop());

/** What the portal wrote since `from` characters of its output, line by line. */
const linesSince = (from: number) =>
  portal
    .output()
    .slice(from)
    .split("\n")
    .filter((line) => line.trim());

describe("the server's log", () => {
  it("attack: an anonymous upload aborted halfway is logged as one JSON line, not a stack trace", async () => {
    const from = portal.output().length;
    const controller = new AbortController();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        if (sent) return new Promise(() => undefined);
        sent = true;
        stream.enqueue(new TextEncoder().encode(`{"query":"{ me { id } }","padding":"${"x".repeat(4096)}`));
      },
    });
    const request = fetch(`${portal.baseUrl}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: controller.signal,
      duplex: "half",
    } as RequestInit & { duplex: "half" }).catch((error: Error) => error);
    // The first chunk is on its way, then the client goes away halfway through the body.
    await expect.poll(() => sent).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await request;
    await expect.poll(() => linesSince(from).some((line) => /closed|abort/i.test(line)), { timeout: 15_000, interval: 250 }).toBe(true);
    const lines = linesSince(from);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.join("\n")).not.toMatch(/^\s+at /m);
    refusedBy("disclosure", { defence: "disclosure", code: "one JSON line" });
  });
});
