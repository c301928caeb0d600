import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshPagePerTest, launchBrowser, signInThroughForm, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { startPortal, type PortalServer } from "../support/portal-server";

/**
 * A half-written referral is kept on the server as a draft for its author
 * and patient (issue 23, item 6): it survives leaving the page, a reload and
 * an idle sign-out, is offered back on the form, the patient's page and the
 * home page, is gone once sent or discarded, and nothing of it is kept in the browser.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

async function clinicianWithPatient() {
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
  const patient = await testDb().patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `DR-${clinic.id.slice(0, 8)}`, givenName: "Edith", familyName: "Draftwood", dateOfBirth: new Date("1944-08-19") },
  });
  return { clinician: users[0]!, patient, newReferralPath: `/patients/${patient.id}/referrals/new` };
}

async function signIn(page: Page, email: string, base = url("")) {
  await signInThroughForm(page, email, TEST_PASSWORD, { base });
  await page.getByTestId("viewer-name").waitFor();
}

async function openForm(page: Page, path: string, base = url("")) {
  await page.goto(`${base}${path}`);
  await page.getByRole("checkbox", { name: "Self-care", exact: true }).waitFor();
}

const draftOffer = (page: Page) => page.getByRole("region", { name: "Unsent draft" });
const saved = (page: Page) => page.getByTestId("draft-status").filter({ hasText: /^Draft saved/ }).waitFor();
/**
 * What the browser itself keeps, but next-auth's own sign-out message to other tabs
 * ("nextauth.message", no patient data): a draft holds patient data and must not be there.
 */
const browserStorage = (page: Page) =>
  page.evaluate(() => [...Object.entries(sessionStorage), ...Object.entries(localStorage)].filter(([key]) => key !== "nextauth.message"));

describe("a referral draft in Chromium", () => {
  it("saves the draft on the server, offers it back after the menu and a reload, and restores every field", async () => {
    const page = tab.page;
    const { clinician, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    expect(await draftOffer(page).count()).toBe(0);

    await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await page.getByLabel("Notes", { exact: true }).fill("Cannot manage the stairs to her bathroom.");
    await page.getByLabel("Priority").selectOption("URGENT");
    await saved(page);
    expect(await browserStorage(page)).toEqual([]);

    // Saved: the menu leaves without asking, and nothing is lost.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrals", exact: true }).click();
    await page.waitForURL((address) => address.pathname === "/referrals");
    await page.goBack();
    await draftOffer(page).waitFor();
    expect(await page.getByRole("checkbox", { name: "Self-care", exact: true }).isChecked()).toBe(false);
    await draftOffer(page).getByRole("button", { name: "Restore draft" }).click();
    expect(await page.getByRole("checkbox", { name: "Self-care", exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Notes", { exact: true }).inputValue()).toBe("Cannot manage the stairs to her bathroom.");
    expect(await page.getByLabel("Priority").inputValue()).toBe("URGENT");

    await page.reload();
    await draftOffer(page).getByRole("button", { name: "Discard" }).click();
    expect(await page.getByRole("checkbox", { name: "Self-care", exact: true }).isChecked()).toBe(false);
    await expect.poll(() => testDb().referralDraft.count({ where: { userId: clinician.id } })).toBe(0);
    await page.reload();
    await page.getByRole("checkbox", { name: "Self-care", exact: true }).waitFor();
    expect(await draftOffer(page).count()).toBe(0);
  });

  it("asks before leaving changes not yet saved", async () => {
    const page = tab.page;
    const { clinician, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    const questions: string[] = [];
    page.on("dialog", (dialog) => {
      questions.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.getByLabel("Notes", { exact: true }).fill("Lives alone.");
    // Before the save goes out, the menu asks.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrals", exact: true }).click();
    expect(questions[0]).toMatch(/^confirm: This referral has not been sent\. Leave the page\?/);
    expect(new URL(page.url()).pathname).toBe(newReferralPath);
  });

  it("deletes the draft when the referral is sent", async () => {
    const page = tab.page;
    const { clinician, patient, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Occupational therapy");
    await page.getByRole("radio", { name: /^Accept recommendation/ }).check();
    await saved(page);
    expect(await testDb().referralDraft.count({ where: { userId: clinician.id, patientId: patient.id } })).toBe(1);
    await page.getByRole("button", { name: "Send referral" }).click();
    await page.waitForURL((address) => /^\/referrals\/[^/]+$/.test(address.pathname));
    expect(await testDb().referralDraft.count({ where: { userId: clinician.id, patientId: patient.id } })).toBe(0);
    await openForm(page, newReferralPath);
    expect(await draftOffer(page).count()).toBe(0);
  });
});

/**
 * The idle sign-out keeps the draft: a portal of its own with a 15-second idle
 * timeout (SESSION_IDLE_TIMEOUT_SECONDS), against the same database.
 */
describe("a referral draft across an idle sign-out", () => {
  let portal: PortalServer;
  let browser: Browser;
  beforeAll(async () => {
    portal = await startPortal(inject("databaseUrl"), { SESSION_IDLE_TIMEOUT_SECONDS: "15", SESSION_IDLE_WARNING_SECONDS: "5" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await portal.stop();
  });

  it("is offered again on the home page, the patient's page and the form after the portal signed the clinician out", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const { clinician, patient, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email, portal.baseUrl);
    await openForm(page, newReferralPath, portal.baseUrl);
    await page.getByRole("checkbox", { name: "Household tasks", exact: true }).check();
    await page.getByLabel("Notes", { exact: true }).click();
    await page.getByLabel("Notes", { exact: true }).fill("Half-written when the phone rang: cannot cook since the fall.");
    await saved(page);

    // Left alone, the portal signs out.
    await page.waitForURL((address) => address.pathname === "/login", { timeout: 40_000 });
    expect(await page.locator("#signed-out-notice").textContent()).toContain("signed out after a period without activity");
    expect(await browserStorage(page)).toEqual([]);

    await signIn(page, clinician.email, portal.baseUrl);
    const drafts = page.getByTestId("draft-list");
    await drafts.getByRole("link", { name: `Continue the referral for Edith Draftwood` }).waitFor();
    await page.goto(`${portal.baseUrl}/patients/${patient.id}`);
    await page.getByTestId("patient-draft").getByRole("link", { name: "Continue the draft" }).click();
    await page.waitForURL((address) => address.pathname === newReferralPath);
    await draftOffer(page).getByRole("button", { name: "Restore draft" }).click();
    expect(await page.getByRole("checkbox", { name: "Household tasks", exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Notes", { exact: true }).inputValue()).toBe("Half-written when the phone rang: cannot cook since the fall.");
    await page.context().close();
  });
});
