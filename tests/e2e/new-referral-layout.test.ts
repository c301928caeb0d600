import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { launchBrowser, signInThroughForm, url } from "../support/browser";
import { testDb } from "../support/db";
import { docScreenshot } from "../support/docs";

/**
 * The recommendation stays in view while the clinician ticks needs: a sticky
 * column beside the form on a desktop, a compact bar pinned to the bottom of a
 * phone's screen that opens to the reasons. Takes the README's screenshots (written by `npm run docs:screenshots`).
 * Nothing is sent: the demo clinic's patient is only looked at.
 */

const riverside = DEMO_CLINICS[0]!;
const clinician = riverside.users.find((user) => user.email.startsWith("amara."))!;
let newReferralPath: string;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const patient = await testDb().patient.findFirstOrThrow({
    where: { clinicId: riverside.id, medicalRecordNumber: riverside.patients[0]!.medicalRecordNumber },
  });
  newReferralPath = `/patients/${patient.id}/referrals/new`;
});
afterAll(() => browser.close());

async function openForm(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signInThroughForm(page, clinician.email, DEMO_PASSWORD);
  await page.getByTestId("viewer-name").waitFor();
  await page.goto(url(newReferralPath));
  await page.getByRole("checkbox", { name: "Self-care", exact: true }).waitFor();
  return page;
}

/** The element's box lies wholly within the window as it is scrolled now. */
async function inView(locator: Locator, page: Page): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
}

describe("the new-referral form keeps its recommendation in view in Chromium", () => {
  it("on a phone (390×844) pins a compact recommendation to the screen while needs are ticked, and opens it to the reasons", async () => {
    const page = await openForm({ width: 390, height: 844 });
    try {
      const recommendation = page.getByTestId("recommendation");
      // A need far down the checklist, then a condition further still: each time the answer is on screen.
      await page.getByRole("checkbox", { name: "Mobility and balance", exact: true }).check();
      await expect.poll(() => recommendation.textContent()).toBe("Physiotherapy");
      expect(await inView(recommendation, page)).toBe(true);
      expect(await inView(page.getByTestId("recommendation-confidence"), page)).toBe(true);
      await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
      await page.getByRole("checkbox", { name: "Household tasks", exact: true }).check();
      await page.getByRole("checkbox", { name: "Pain", exact: true }).check();
      await page.getByRole("checkbox", { name: "Stroke", exact: true }).check();
      await expect.poll(() => recommendation.textContent()).not.toBe("Physiotherapy");
      await expect.poll(() => page.getByTestId("triage-preview").getAttribute("aria-busy")).toBe("false");
      expect(await inView(recommendation, page)).toBe(true);
      expect(await page.getByTestId("recommendation-confidence").textContent()).toMatch(/^Confidence: \d+%$/);

      // The checklist is compact: the notes start within two screens of the top.
      const notesTop = await page.getByLabel("Notes", { exact: true }).evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
      expect(notesTop).toBeLessThan(2 * 844);
      await docScreenshot(page, "new-referral-phone.png");

      // The reasons stay folded until asked for.
      const preview = page.getByRole("complementary", { name: /^Recommendation preview/ });
      expect(await preview.getByRole("heading", { name: "Physiotherapy", exact: true }).isVisible()).toBe(false);
      await preview.getByRole("button", { name: "Show reasons" }).click();
      expect(await preview.getByRole("button", { name: "Hide reasons" }).getAttribute("aria-expanded")).toBe("true");
      await preview.getByRole("heading", { name: "Physiotherapy", exact: true }).waitFor();
      await docScreenshot(page, "new-referral-phone-reasons.png");
    } finally {
      await page.context().close();
    }
  });

  it.each([
    [1280, 900],
    [1920, 1080],
  ])("at %i px keeps the preview beside the form in view after scrolling to the bottom of the form", async (width, height) => {
    const page = await openForm({ width, height });
    try {
      const recommendation = page.getByTestId("recommendation");
      await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
      await page.getByRole("checkbox", { name: "Pain", exact: true }).check();
      await expect.poll(() => recommendation.textContent()).toBe("Both occupational therapy and physiotherapy");
      await page.getByRole("button", { name: "Send referral" }).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await inView(page.getByRole("button", { name: "Send referral" }), page)).toBe(true);
      expect(await inView(recommendation, page)).toBe(true);
      // Beside the form the reasons show without asking.
      expect(await page.getByRole("button", { name: "Show reasons" }).isVisible()).toBe(false);
      if (width === 1280) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await docScreenshot(page, "new-referral.png", { fullPage: true });
      }
    } finally {
      await page.context().close();
    }
  });
});

describe("the recommendation shows what it set aside, in Chromium", () => {
  it("lists a relative's condition and a denial as set aside, with why, and counts only the patient's own problem", async () => {
    const page = await openForm({ width: 1280, height: 900 });
    try {
      await page.getByLabel("Notes", { exact: true }).fill("Cares for his mum who has Parkinson's. Struggling to dress; no pain.");
      await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Occupational therapy");
      const setAside = page.getByTestId("set-aside");
      await setAside.waitFor();
      const items = await setAside.getByRole("listitem").allTextContents();
      expect(items).toContainEqual(expect.stringMatching(/Parkinson's.*— someone else's/));
      expect(items).toContainEqual(expect.stringMatching(/pain.*— denied/));
    } finally {
      await page.context().close();
    }
  });

  it("answers assess first for a bare diagnosis and names the discipline the seed associates with it", async () => {
    const page = await openForm({ width: 1280, height: 900 });
    try {
      await page.getByLabel("Notes", { exact: true }).fill("Known Parkinson's disease.");
      await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Assess first");
      expect(await page.getByTestId("triage-hint").textContent()).toContain("occupational therapy");
      expect(await page.getByTestId("recommendation-confidence").textContent()).toMatch(/^Confidence: \d+%( — check this)?$/);
    } finally {
      await page.context().close();
    }
  });
});
