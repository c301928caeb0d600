import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestClinic, TEST_PASSWORD } from "../support/db";
import { launchBrowser, signInThroughForm } from "../support/browser";
import { startPortal, type PortalServer } from "../support/portal-server";

/**
 * Activity across addresses (issue 23, item 7): the portal's NEXTAUTH_URL
 * names localhost, and the clinician opens it at 127.0.0.1. With an 8-second
 * idle timeout, typing for longer than that keeps the session: every "I am
 * active" ping is answered, and signing out stays on 127.0.0.1.
 */

const IDLE_SECONDS = 8;

let portal: PortalServer;
let browser: Browser;
beforeAll(async () => {
  portal = await startPortal(
    inject("databaseUrl"),
    { SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS), SESSION_IDLE_WARNING_SECONDS: "5" },
    { publicHost: "localhost" },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await portal.stop();
});

async function signIn(page: Page, email: string) {
  await signInThroughForm(page, email, TEST_PASSWORD, { base: portal.baseUrl });
  await page.getByTestId("viewer-name").waitFor();
}

describe("the portal opened at another of its addresses", () => {
  it("keeps a clinician typing at 127.0.0.1 signed in past the idle timeout, and signs out to 127.0.0.1", async () => {
    expect(new URL(portal.baseUrl).hostname).toBe("127.0.0.1");
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const page = await (await browser.newContext()).newPage();
    const pings: number[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === "/api/session/activity") pings.push(response.status());
    });
    await signIn(page, users[0]!.email);
    await page.goto(`${portal.baseUrl}/patients`);
    const search = page.getByLabel("Search by name or medical record number, or date of birth");
    // Twice the idle timeout of typing, a key every half second, and nothing else.
    for (let key = 0; key < IDLE_SECONDS * 4; key += 1) {
      await search.press(key % 2 ? "Backspace" : "a");
      await page.waitForTimeout(500);
    }
    expect(new URL(page.url()).pathname).toBe("/patients");
    expect(await page.getByRole("alertdialog", { name: "Still there?" }).count()).toBe(0);
    expect(pings.length).toBeGreaterThan(2);
    expect(pings.every((status) => status === 200)).toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((address) => address.pathname === "/login");
    expect(new URL(page.url()).host).toBe(new URL(portal.baseUrl).host);
    await page.context().close();
  });
});
