import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { refusedBy } from "../support/attacks";
import { startPortal, type PortalServer } from "../support/portal-server";

/**
 * A client that sends part of a GraphQL body and then drops the connection.
 * Before the fix, the request stream's "aborted" error reached Next.js, which
 * printed it over several lines (`Error: aborted`, `    at …`, `code: 'ECONNRESET'`)
 * among the portal's one-JSON-object-per-line log: anyone could fill the log with
 * entries a log shipper splits or drops. The portal is this file's own, so its output is this file's alone.
 */
let portal: PortalServer;
beforeAll(async () => {
  portal = await startPortal(inject("databaseUrl"));
  // The endpoint's first request loads its code; one cut off while that happens is gone before the body is read at all.
  const warm = await fetch(`${portal.baseUrl}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  expect(warm.status).toBe(401); // anonymous: the answer is "sign in", but the code is loaded
}, 90_000);
afterAll(() => portal?.stop());

/** What the portal wrote since `from` characters of its output, line by line. */
const linesSince = (from: number) =>
  portal
    .output()
    .slice(from)
    .split("\n")
    .filter((line) => line.trim());

/**
 * Over a raw socket, so the body is really cut off: the headers promise 10,000 bytes
 * (under the anonymous limit, so the body is read rather than refused), 4 KB of
 * it are sent, then the connection is dropped.
 */
async function abortUpload(baseUrl: string): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  socket.on("error", () => undefined);
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const body = `{"query":"{ me { id } }","padding":"${"x".repeat(4096)}`;
  socket.write(
    [
      "POST /api/graphql HTTP/1.1",
      `Host: ${hostname}:${port}`,
      "Content-Type: application/json",
      "Content-Length: 10000",
      "",
      body,
    ].join("\r\n"),
  );
  // Written out to the server before the connection goes.
  await new Promise<void>((resolve) => socket.write("", () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.destroy();
}

describe("the server's log", () => {
  it("attack: an anonymous upload aborted halfway is logged as one JSON line, not a stack trace", async () => {
    const from = portal.output().length;
    await abortUpload(portal.baseUrl);
    await expect.poll(() => linesSince(from).some((line) => /closed|abort/i.test(line)), { timeout: 15_000, interval: 250 }).toBe(true);
    const lines = linesSince(from);
    for (const line of lines) expect(() => JSON.parse(line), `not a JSON line: ${line}`).not.toThrow();
    expect(lines.join("\n")).not.toMatch(/^\s+at /m);
    expect(lines.map((line) => JSON.parse(line).msg)).toContain("The client closed the connection before the request body ended");
    refusedBy("disclosure", { defence: "disclosure", code: "one JSON line" });
  });
});
