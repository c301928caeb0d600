import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { SEED_SENTENCES } from "@/lib/triage/catalog";
import { testDb } from "../support/db";
import { launchBrowser, signInThroughForm, url } from "../support/browser";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync("test-results", { recursive: true });
});
afterAll(() => browser.close());
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} at ${message.location().url}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});
afterEach(() => context.close());

const riverside = DEMO_CLINICS[0]!;
const clinician = riverside.users.find((user) => user.email.startsWith("amara."))!;

async function signIn() {
  await signInThroughForm(page, clinician.email, DEMO_PASSWORD);
  await page.getByTestId("viewer-name").waitFor();
}

const pathOf = () => new URL(page.url()).pathname;

describe("referrals in Chromium", () => {
  it("adds a patient, previews the recommendation as needs change, overrides it, sends, finds it in the history, and cancels it", async () => {
    const tag = randomUUID().slice(0, 8);
    const familyName = `Lindqvist-${tag}`;
    const patientName = `Ingrid ${familyName}`;
    await signIn();

    const mainNav = page.getByRole("navigation", { name: "Main" });
    await mainNav.getByRole("link", { name: "Patients" }).click();
    await page.waitForURL((address) => address.pathname === "/patients");
    expect(await mainNav.getByRole("link", { name: "Patients" }).getAttribute("aria-current")).toBe("page");
    expect(await mainNav.getByRole("link", { name: "Referrals", exact: true }).getAttribute("aria-current")).toBeNull();

    await page.getByLabel("Medical record number", { exact: true }).fill(`E2E-${tag}`);
    await page.getByLabel("Given name", { exact: true }).fill("Ingrid");
    await page.getByLabel("Family name", { exact: true }).fill(familyName);
    await page.getByLabel("Date of birth", { exact: true }).fill("1950-04-12");
    await page.getByRole("button", { name: "Add patient" }).click();
    await page.waitForURL((address) => /^\/patients\/[^/]+$/.test(address.pathname));
    await page.getByRole("heading", { level: 1, name: patientName }).waitFor();
    const patientId = pathOf().split("/")[2]!;

    await page.getByRole("link", { name: "New referral" }).click();
    await page.waitForURL((address) => address.pathname === `/patients/${patientId}/referrals/new`);
    const preview = page.getByRole("complementary", { name: /^Recommendation preview/ });
    const recommendation = preview.getByTestId("recommendation");

    await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await expect.poll(() => recommendation.textContent()).toBe("Occupational therapy");
    // The rule shows what matched and the seed sentence it rests on, verbatim.
    const dailyLiving = preview.locator("li.matched-rule", { hasText: "activities of daily living" });
    expect(await dailyLiving.locator(".evidence-list").textContent()).toContain("Self-care");
    expect(await dailyLiving.locator("blockquote").textContent()).toBe(SEED_SENTENCES.differentFocus);

    await page.getByRole("checkbox", { name: "Pain", exact: true }).check();
    await page.getByRole("checkbox", { name: "Range of motion", exact: true }).check();
    await expect.poll(() => recommendation.textContent()).toBe("Both occupational therapy and physiotherapy");
    await preview.locator("blockquote", { hasText: SEED_SENTENCES.ptGoals }).first().waitFor();
    expect(await preview.getByRole("heading", { name: "Physiotherapy" }).isVisible()).toBe(true);

    const notes = "Lives alone; her daughter visits on Sundays.";
    await page.getByLabel("Notes", { exact: true }).fill(notes);
    expect(await page.locator("#notes-count").textContent()).toBe(`${notes.length} of 10,000 characters`);
    // The quoted words of the notes show as evidence once the preview catches up.
    await preview.locator("q", { hasText: "Lives alone" }).waitFor();

    await page.getByRole("radio", { name: "Choose otherwise", exact: true }).check();
    // Choosing otherwise offers only what the recommendation is not.
    expect(await page.getByRole("radio", { name: "Both", exact: true }).count()).toBe(0);
    await page.getByRole("radio", { name: "Physiotherapy", exact: true }).check();
    const reason = "She asked to start with physiotherapy; occupational therapy can follow at home.";
    await page.getByLabel("Reason for your choice (required)").fill(reason);
    await page.getByLabel("Priority").selectOption("URGENT");
    // From the top, so the sticky preview sits beside the needs it explains.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "test-results/new-referral.png", fullPage: true });

    await page.getByRole("button", { name: "Send referral" }).click();
    await page.waitForURL((address) => /^\/referrals\/[^/]+$/.test(address.pathname));
    const referralId = pathOf().split("/")[2]!;
    await page.getByRole("heading", { level: 1, name: `Referral for ${patientName}` }).waitFor();
    expect(await page.getByText("Chose otherwise than the recommendation").isVisible()).toBe(true);
    expect(await page.getByText(reason).isVisible()).toBe(true);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrals", exact: true }).click();
    await page.waitForURL((address) => address.pathname === "/referrals");
    await page.getByLabel("Patient", { exact: true }).fill(familyName);
    await page.getByRole("button", { name: new RegExp(patientName) }).click();
    await page.getByLabel("Discipline").selectOption("PHYSIOTHERAPY");
    await page.waitForURL((address) => address.searchParams.get("patientId") === patientId && address.searchParams.get("discipline") === "PHYSIOTHERAPY");
    const rows = page.locator("table.referral-table tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(patientName);
    expect(await rows.first().textContent()).toContain("Urgent");
    expect(await rows.first().textContent()).toContain("Sent");
    await page.screenshot({ path: "test-results/history.png", fullPage: true });

    // The filters live in the URL: the same address gives the same list.
    await page.reload();
    // A whole page load (the table, the navigation's unread counts) can take over a second on a busy machine.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel("Discipline").selectOption("OCCUPATIONAL_THERAPY");
    await page.getByText("No referral matches these filters.").waitFor();
    await page.getByLabel("Discipline").selectOption("");

    await rows.first().getByRole("link").first().click();
    await page.waitForURL((address) => address.pathname === `/referrals/${referralId}`);
    // The author cancels the physiotherapy part, giving a reason, in the confirmation dialog.
    const physiotherapy = page.getByRole("region", { name: "Physiotherapy", exact: true });
    await physiotherapy.getByRole("button", { name: "Cancel referral", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this physiotherapy referral?" });
    await dialog.getByLabel("Reason for cancelling (required)").selectOption("REFERRED_ELSEWHERE");
    await dialog.getByLabel("Comment (required for Other)").fill("Family arranged private physiotherapy.");
    await dialog.getByRole("button", { name: "Cancel referral", exact: true }).click();
    await physiotherapy.getByText("Cancelled.", { exact: true }).waitFor();
    const timeline = page.getByRole("list", { name: "Physiotherapy timeline, oldest first" }).locator(":scope > li");
    await expect.poll(() => timeline.count()).toBe(2);
    expect(await timeline.nth(1).textContent()).toContain("Family arranged private physiotherapy.");
    await expect.poll(() => page.locator(".page-heading .chip").textContent()).toBe("PT: Physiotherapy: Cancelled");
    expect(await physiotherapy.getByTestId("cancel-reason").textContent()).toContain("Referred elsewhere");
    expect(await physiotherapy.getByRole("button", { name: "Cancel referral", exact: true }).count()).toBe(0);

    expect(consoleErrors).toEqual([]);
  });

  it("labels every control of the new-referral form, reaches Send with Tab, and ticks a need with Space", async () => {
    const patient = await testDb().patient.findFirstOrThrow({
      where: { clinicId: riverside.id, medicalRecordNumber: riverside.patients[1]!.medicalRecordNumber },
    });
    await signIn();
    await page.goto(url(`/patients/${patient.id}/referrals/new`));
    await page.getByRole("checkbox", { name: "Self-care", exact: true }).waitFor();

    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea"))
        .filter((control) => control.type !== "hidden")
        .filter(
          (control) =>
            !(control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) &&
            !control.getAttribute("aria-label") &&
            !control.getAttribute("aria-labelledby"),
        )
        .map((control) => control.outerHTML),
    );
    expect(unlabelled).toEqual([]);

    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return { tag: element?.tagName ?? "", id: element?.id ?? "", text: element?.textContent?.trim() ?? "" };
      });
    let reachedSend = false;
    let tickedWithSpace = false;
    for (let press = 0; press < 150 && !reachedSend; press++) {
      await page.keyboard.press("Tab");
      const element = await focused();
      if (element.id === "need-SELF_CARE" && !tickedWithSpace) {
        await page.keyboard.press("Space");
        expect(await page.getByRole("checkbox", { name: "Self-care", exact: true }).isChecked()).toBe(true);
        tickedWithSpace = true;
      }
      reachedSend = element.tag === "BUTTON" && element.text === "Send referral";
    }
    expect(tickedWithSpace).toBe(true);
    expect(reachedSend).toBe(true);
    await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Occupational therapy");
    expect(consoleErrors).toEqual([]);
  });
});
