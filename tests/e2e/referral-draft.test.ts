import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";

/**
 * A half-written referral survives leaving the page (the menu, Back, a
 * reload): it is offered back as a draft, asks before the menu or a reload
 * leaves it, and is gone once sent or once the clinician signs out.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

async function clinicianWithPatient() {
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
  const patient = await testDb().patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `DR-${clinic.id.slice(0, 8)}`, givenName: "Edith", familyName: "Draftwood", dateOfBirth: new Date("1944-08-19") },
  });
  return { clinician: users[0]!, newReferralPath: `/patients/${patient.id}/referrals/new` };
}

async function signIn(page: Page, email: string) {
  await signInThroughForm(page, email, TEST_PASSWORD);
  await page.getByTestId("viewer-name").waitFor();
}

async function openForm(page: Page, path: string) {
  await page.goto(url(path));
  await page.getByRole("checkbox", { name: "Self-care", exact: true }).waitFor();
}

const draftOffer = (page: Page) => page.getByRole("region", { name: "Unsent draft" });
const storedDrafts = (page: Page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith("referral-draft:")).length);

describe("a referral draft in Chromium", () => {
  it("asks before the menu leaves a half-written referral, and restores it after the menu and after Back", async () => {
    const page = tab.page;
    const { clinician, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    // A fresh form offers nothing.
    expect(await draftOffer(page).count()).toBe(0);

    await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await page.getByLabel("Notes", { exact: true }).fill("Cannot manage the stairs to her bathroom.");
    await page.getByLabel("Priority").selectOption("URGENT");

    // The menu asks first; staying keeps everything as it was.
    const referralsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrals", exact: true });
    const questions: string[] = [];
    page.once("dialog", (dialog) => {
      questions.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await referralsLink.click();
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toMatch(/^confirm: This referral has not been sent\. Leave the page\?/);
    expect(new URL(page.url()).pathname).toBe(newReferralPath);
    expect(await page.getByLabel("Notes", { exact: true }).inputValue()).toBe("Cannot manage the stairs to her bathroom.");

    // Leaving after all: the draft waits, and is offered on the way back.
    page.once("dialog", (dialog) => void dialog.accept());
    await referralsLink.click();
    await page.waitForURL((address) => address.pathname === "/referrals");
    await page.goBack();
    await draftOffer(page).waitFor();
    expect(await page.getByRole("checkbox", { name: "Self-care", exact: true }).isChecked()).toBe(false);
    await draftOffer(page).getByRole("button", { name: "Restore draft" }).click();
    expect(await draftOffer(page).count()).toBe(0);
    expect(await page.getByRole("checkbox", { name: "Self-care", exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Notes", { exact: true }).inputValue()).toBe("Cannot manage the stairs to her bathroom.");
    expect(await page.getByLabel("Priority").inputValue()).toBe("URGENT");

    // Back (which no page can stop) loses nothing either, the newest change included.
    await page.getByRole("checkbox", { name: "Pain", exact: true }).check();
    await page.goBack();
    await page.waitForURL((address) => address.pathname !== newReferralPath);
    await page.goForward();
    await draftOffer(page).getByRole("button", { name: "Restore draft" }).click();
    expect(await page.getByRole("checkbox", { name: "Self-care", exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Pain", exact: true }).isChecked()).toBe(true);
  });

  it("asks before a reload leaves the form, offers the draft after it, and forgets a discarded one", async () => {
    const page = tab.page;
    const { clinician, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    await page.getByRole("checkbox", { name: "Strength", exact: true }).check();

    const questions: string[] = [];
    page.on("dialog", (dialog) => {
      questions.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(questions).toEqual(["beforeunload"]);
    await draftOffer(page).getByRole("button", { name: "Discard" }).click();
    expect(await page.getByRole("checkbox", { name: "Strength", exact: true }).isChecked()).toBe(false);
    expect(await storedDrafts(page)).toBe(0);
    // Nothing was changed since: a reload neither asks nor offers anything.
    await page.reload();
    await page.getByRole("checkbox", { name: "Self-care", exact: true }).waitFor();
    expect(await draftOffer(page).count()).toBe(0);
    expect(questions).toEqual(["beforeunload"]);
  });

  it("clears the draft when the referral is sent", async () => {
    const page = tab.page;
    const { clinician, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Occupational therapy");
    expect(await storedDrafts(page)).toBe(1);
    await page.getByRole("button", { name: "Send referral" }).click();
    await page.waitForURL((address) => /^\/referrals\/[^/]+$/.test(address.pathname));
    expect(await storedDrafts(page)).toBe(0);
    await openForm(page, newReferralPath);
    expect(await draftOffer(page).count()).toBe(0);
  });

  it("clears every draft when the clinician signs out", async () => {
    const page = tab.page;
    const { clinician, newReferralPath } = await clinicianWithPatient();
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    await page.getByLabel("Notes", { exact: true }).fill("Lives alone, struggles with meals.");
    await expect.poll(() => storedDrafts(page)).toBe(1);
    // Signing out leaves the page: the browser asks first, as for any unsent work.
    page.on("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((address) => address.pathname === "/login");
    expect(await storedDrafts(page)).toBe(0);
    await signIn(page, clinician.email);
    await openForm(page, newReferralPath);
    expect(await draftOffer(page).count()).toBe(0);
  });
});
