import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BACKGROUND_REQUEST_HEADER } from "@/lib/background-request";
import { codeOf } from "../support/api";
import { refusedBy } from "../support/attacks";
import { createTestClinic, TEST_PASSWORD } from "../support/db";
import { graphql, signInOverHttp } from "../support/http";
import { startPortal, type PortalServer } from "../support/portal-server";

/**
 * The idle clock under attack, on a portal of its own: NEXTAUTH_URL names
 * localhost while the portal is reached at 127.0.0.1, no proxy is trusted,
 * and a session idles out after 6 seconds. Another site must not keep a
 * session alive, whatever it claims about hosts; the portal's own page at
 * either address must; and the navigation's background poll must not count
 * as activity (issue 22, finding 9).
 */

const IDLE_SECONDS = 6;
let portal: PortalServer;
let localhost: string;

beforeAll(async () => {
  portal = await startPortal(
    inject("databaseUrl"),
    { SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS), SESSION_IDLE_WARNING_SECONDS: "3", TRUSTED_PROXIES: "" },
    { publicHost: "localhost" },
  );
  localhost = portal.baseUrl.replace("127.0.0.1", "localhost");
});
afterAll(() => portal.stop());

async function session(): Promise<string> {
  const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
  const { sessionCookie } = await signInOverHttp(users[0]!.email, TEST_PASSWORD, { baseUrl: portal.baseUrl });
  if (!sessionCookie) throw new Error("the clinician could not sign in");
  return sessionCookie;
}

const ping = (cookie: string, headers: Record<string, string>) =>
  fetch(`${portal.baseUrl}/api/session/activity`, { method: "POST", headers: { cookie, ...headers } });

const UNREAD = "query UnreadReferralCount { unreadReferralCount }";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the activity ping across addresses", () => {
  it("attack: another site posts activity with the session cookie", async () => {
    const response = await ping(await session(), { origin: "https://attacker.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    refusedBy("csrf", { defence: "csrf", code: "403" });
  });

  it("attack: another site names itself in X-Forwarded-Host and X-Forwarded-Proto, sent by a client that is no trusted proxy", async () => {
    const response = await ping(await session(), {
      origin: "https://attacker.example",
      "x-forwarded-host": "attacker.example",
      "x-forwarded-proto": "https",
      "x-portal-request-origin": "https://attacker.example",
    });
    expect(response.status).toBe(403);
    refusedBy("csrf", { defence: "csrf", code: "403" });
  });

  it("answers the portal's own page opened at 127.0.0.1, an address NEXTAUTH_URL does not name", async () => {
    const response = await ping(await session(), { origin: portal.baseUrl, "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(200);
  });

  it("answers the portal's own page at NEXTAUTH_URL's address too", async () => {
    const response = await ping(await session(), { origin: localhost, "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(200);
  });
});

describe("background requests and the idle clock", () => {
  /** The navigation's poll, as the page sends it, every second for longer than the idle timeout. */
  async function pollFor(cookie: string, seconds: number, headers: Record<string, string>) {
    for (let second = 0; second < seconds; second += 1) {
      await graphql(UNREAD, { cookie, headers, baseUrl: portal.baseUrl });
      await pause(1000);
    }
  }

  it("attack: the navigation's one-minute poll keeps an open, untouched tab signed in", async () => {
    const cookie = await session();
    await pollFor(cookie, IDLE_SECONDS + 3, { [BACKGROUND_REQUEST_HEADER]: "1" });
    const after = await graphql(UNREAD, { cookie, baseUrl: portal.baseUrl });
    expect(codeOf(after)).toBe("UNAUTHENTICATED");
    // The idle clock of the session check (lib/auth/sessions.ts) ended the session the polls did not touch.
    refusedBy("authentication", after);
  });

  it("keeps a session alive through the same requests made by the clinician, so the refusal above is the background mark at work", async () => {
    const cookie = await session();
    await pollFor(cookie, IDLE_SECONDS + 3, {});
    const result = await graphql<{ unreadReferralCount: number }>(UNREAD, { cookie, baseUrl: portal.baseUrl });
    expect(result.errors).toBeUndefined();
    expect(result.data?.unreadReferralCount).toBe(0);
  });
});
