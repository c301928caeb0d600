import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { launchBrowser } from "../support/browser";
import { startPortal, type PortalServer } from "../support/portal-server";

/**
 * Automatic logoff with the idle timeout shortened by configuration: a second
 * instance of the production build with an 8-second idle timeout and a warning
 * 5 seconds before it, against the same database.
 */
const IDLE_SECONDS = 8;
const WARNING_SECONDS = 5;

let portal: PortalServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  portal = await startPortal(inject("databaseUrl"), {
    SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS),
    SESSION_IDLE_WARNING_SECONDS: String(WARNING_SECONDS),
  });
  browser = await launchBrowser();
});
// A browser context per test, so no test starts from the page, cookies or session another left behind.
beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
});
afterEach(async () => {
  await page.context().close();
});
afterAll(async () => {
  await browser.close();
  await portal.stop();
});

const clinician = DEMO_CLINICS[0]!.users[1]!;

async function signIn() {
  await page.goto(`${portal.baseUrl}/login`);
  await page.getByLabel("Email").fill(clinician.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("viewer-name").waitFor();
}

describe("idle sign-out in Chromium", () => {
  it("warns before the idle sign-out and keeps the session when the clinician stays", async () => {
    await signIn();
    const warning = page.getByRole("alertdialog", { name: "Still there?" });
    expect(await warning.count()).toBe(0);
    await warning.waitFor({ timeout: (IDLE_SECONDS - WARNING_SECONDS + 2) * 1000 });
    expect(await warning.textContent()).toMatch(/signed out in \d+ seconds? without activity/);
    await page.getByRole("button", { name: "Stay signed in" }).click();
    await warning.waitFor({ state: "detached" });
    expect(new URL(page.url()).pathname).toBe("/");
  });

  it("signs out at the deadline, says why, and the server refuses the old session", async () => {
    await signIn();
    const cookies = await page.context().cookies();
    await page.waitForURL((address) => address.pathname === "/login", { timeout: (IDLE_SECONDS + 10) * 1000 });
    expect(await page.locator("#signed-out-notice").textContent()).toContain("signed out after a period without activity");

    const sessionCookie = cookies.find((cookie) => cookie.name === "next-auth.session-token")!;
    const response = await fetch(`${portal.baseUrl}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `${sessionCookie.name}=${sessionCookie.value}` },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(response.status).toBe(401);
  });

  it("ends an idle session on the server even with no browser to sign it out", async () => {
    await signIn();
    const cookies = await page.context().cookies();
    await page.close();
    const sessionCookie = cookies.find((cookie) => cookie.name === "next-auth.session-token")!;
    const home = () =>
      fetch(`${portal.baseUrl}/`, { headers: { cookie: `${sessionCookie.name}=${sessionCookie.value}` }, redirect: "manual" }).then(
        (response) => response.headers.get("location") ?? "(no redirect)",
      );
    // Still signed in at first. Every page request is activity, so the server is asked once more only after
    // the idle timeout has passed with nothing from the browser: it has ended the session by itself.
    expect(await home()).toBe("(no redirect)");
    await new Promise((resolve) => setTimeout(resolve, (IDLE_SECONDS + 1) * 1000));
    expect(await home()).toContain("/login");
  });
});
