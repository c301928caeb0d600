import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/db/seed";
import { launchBrowser, signInThroughForm, url } from "../support/browser";

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(() => context.close());

const riverside = DEMO_CLINICS[0]!;
const admin = riverside.users.find((user) => user.role === "ADMIN")!;
const clinician = riverside.users.find((user) => user.role === "CLINICIAN")!;

async function signInAs(email: string) {
  await signInThroughForm(page, email, DEMO_PASSWORD);
  await page.getByTestId("viewer-name").waitFor();
}

describe("administration in Chromium", () => {
  it("lets an admin add a user, refusing a common password, and then deactivate them", async () => {
    await signInAs(admin.email);
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { name: "Users of the clinic" }).waitFor();
    const email = `new.colleague.${randomUUID().slice(0, 6)}@riverside.example`;
    await page.getByLabel("Name").fill("Nadia New");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role").selectOption("CLINICIAN");
    await page.getByLabel("First password (at least 12 characters)").fill("password1234");
    await page.getByRole("button", { name: "Add user" }).click();
    expect(await page.locator("#new-user-password-error").textContent()).toContain("too common");

    await page.getByLabel("First password (at least 12 characters)").fill("quiet-harbour-lantern-7");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("row", { name: /Nadia New/ }).waitFor();
    await page.getByRole("button", { name: "Deactivate Nadia New" }).click();
    await page.getByRole("button", { name: "Reactivate Nadia New" }).waitFor();
    expect(await page.getByRole("row", { name: /Nadia New/ }).textContent()).toContain("Inactive");
  });

  it("shows an admin the audit trail, including their own sign-in", async () => {
    await signInAs(admin.email);
    await page.getByRole("link", { name: "Audit trail" }).click();
    await page.getByRole("table").waitFor();
    expect(await page.getByRole("table").textContent()).toContain("auth.sign_in");
  });

  it("hides administration from a clinician and refuses the pages by address", async () => {
    await signInAs(clinician.email);
    expect(await page.getByRole("link", { name: "Users" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Audit trail" }).count()).toBe(0);
    await page.goto(url("/admin/users"));
    expect(await page.locator("main").textContent()).toContain("Only clinic administrators can manage users.");
    await page.goto(url("/admin/audit"));
    expect(await page.locator("main").textContent()).toContain("Only clinic administrators can see the audit trail");
  });
});
