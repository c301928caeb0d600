import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clinicWithSessions, createPatient, createReferral } from "../support/api";
import { launchBrowser, signInThroughForm, url } from "../support/browser";
import { TEST_PASSWORD } from "../support/db";

/**
 * Issue 15, items 4, 5, 6, 8, 9 and 11: record numbers and search, messages,
 * the clinic's date format in every date input, the history on a phone, the
 * audit trail's readability, and the small things. Each test has a clinic of its own.
 */

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(() => browser.close());

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

/** A clinic with a clinician and an administrator, both signed in over HTTP too (for seeding through the API). */
async function clinic() {
  const { users, cookies } = await clinicWithSessions(["CLINICIAN", "ADMIN"]);
  return { clinician: users[0]!, admin: users[1]!, clinicianCookie: cookies[0]!, adminCookie: cookies[1]! };
}

async function signIn(page: Page, email: string) {
  await signInThroughForm(page, email, TEST_PASSWORD);
  await page.getByTestId("viewer-name").waitFor();
}

/** The first elements reaching past the right edge of the window, to name what widens the page. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className)}`)
      .join(", "),
  );

const FULL_TIME = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{2}:\d{2}:\d{2}$/;

describe("record numbers and patient search (item 4)", () => {
  it("refuses ' rcc-1001 ' beside RCC-1001 with a clear message, and '1001' or a part of a name finds the patient", async () => {
    const { clinician, clinicianCookie } = await clinic();
    const tag = randomUUID().slice(0, 6);
    await createPatient(clinicianCookie, { medicalRecordNumber: "RCC-1001", givenName: "Margaret", familyName: `Ellis${tag}`, dateOfBirth: "1941-03-14" });
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url("/patients"));

    await page.getByLabel("Medical record number", { exact: true }).fill(" rcc-1001 ");
    await page.getByLabel("Given name", { exact: true }).fill("Maggie");
    await page.getByLabel("Family name", { exact: true }).fill("Other");
    await page.getByLabel("Date of birth", { exact: true }).fill("02/05/1950");
    await page.getByRole("button", { name: "Add patient" }).click();
    await page.locator("#patient-medicalRecordNumber-error").getByText("A patient with this medical record number already exists in your clinic.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/patients");

    const search = page.getByLabel("Search by name or medical record number");
    for (const term of ["1001", `llis${tag}`, `ARGAR`]) {
      await search.fill(term);
      await page.locator("#patient-results li", { hasText: `Margaret Ellis${tag}` }).waitFor();
      expect(await page.locator("#patient-results li").count(), term).toBe(1);
    }
  });
});

describe("messages (item 5)", () => {
  it("a from date after the to date is the form's own message, with no API text and no 'No referral matches'", async () => {
    const { clinician } = await clinic();
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url("/referrals"));
    await page.getByLabel("Sent from", { exact: true }).fill("20/03/2026");
    await page.getByLabel("Sent to", { exact: true }).fill("01/03/2026");
    await page.getByLabel("Sent to", { exact: true }).blur();
    await page.locator("#filter-from-error").getByText("“Sent from” is after “Sent to”: choose a from date on or before the to date.").waitFor();
    const text = await page.locator("main").innerText();
    expect(text).not.toContain("No referral matches");
    expect(text).not.toContain("createdFrom");
    expect(text).not.toContain("Loading referrals");
    expect(await page.getByLabel("Sent from", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  });

  it("an unknown patient id in the address shows only that the patient was not found", async () => {
    const { clinician } = await clinic();
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url(`/referrals?patientId=${randomUUID()}`));
    await page.getByRole("alert").getByText("Patient was not found", { exact: false }).waitFor();
    // Every request of the page answered (none for 500 ms), so nothing can still arrive and change what it shows.
    await page.waitForLoadState("networkidle");
    const text = await page.locator("main").innerText();
    expect(text).not.toContain("Loading referrals");
    expect(text).not.toContain("No referral matches");
  });

  it("an empty sign-in form asks for the email and the password instead of calling them incorrect", async () => {
    const page = await newPage();
    await page.goto(url("/login"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter your email address.").waitFor();
    await page.getByText("Enter your password.").waitFor();
    expect(await page.locator("body").innerText()).not.toContain("incorrect");
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Email").fill("someone@clinic.test");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter your password.").waitFor();
    expect(await page.getByText("Enter your email address.").count()).toBe(0);
  });
});

describe("the clinic's date format (item 6)", () => {
  it("every date input is a day-first text box with its format shown, never the browser's date picker", async () => {
    const { admin } = await clinic();
    const page = await newPage();
    await signIn(page, admin.email);
    for (const [path, label] of [["/patients", "Date of birth"], ["/referrals", "Sent from"], ["/admin/audit", "From"], ["/dashboard", "From"]] as const) {
      await page.goto(url(path));
      const input = page.getByLabel(label, { exact: true });
      await input.waitFor();
      expect(await page.locator('input[type="date"]').count(), path).toBe(0);
      expect(await input.getAttribute("type"), path).toBe("text");
      const hintId = (await input.getAttribute("aria-describedby"))!.split(" ")[0]!;
      expect(await page.locator(`#${hintId}`).innerText(), path).toBe("dd/mm/yyyy or 14 Mar 1941");
    }
  });

  it("a date of birth typed dd/mm/yyyy is stored and shown as '14 Mar 1941'; an impossible date is refused in the form", async () => {
    const { clinician } = await clinic();
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url("/patients"));
    const tag = randomUUID().slice(0, 6).toUpperCase();
    await page.getByLabel("Medical record number", { exact: true }).fill(`D-${tag}`);
    await page.getByLabel("Given name", { exact: true }).fill("Margaret");
    await page.getByLabel("Family name", { exact: true }).fill(`Dates${tag}`);
    const dateOfBirth = page.getByLabel("Date of birth", { exact: true });

    await dateOfBirth.fill("31/02/2020");
    await dateOfBirth.blur();
    await page.getByText("31/02/2020 is not a date: February 2020 has 29 days.").waitFor();
    await page.getByRole("button", { name: "Add patient" }).click();
    expect(new URL(page.url()).pathname).toBe("/patients");
    expect(await dateOfBirth.getAttribute("aria-invalid")).toBe("true");

    await dateOfBirth.fill("03/14/1941");
    await dateOfBirth.blur();
    await page.getByText("There is no month 14: write the day first, then the month (14/03/1941).").waitFor();

    await dateOfBirth.fill("14/03/1941");
    await dateOfBirth.blur();
    expect(await dateOfBirth.inputValue()).toBe("14 Mar 1941");
    await page.getByRole("button", { name: "Add patient" }).click();
    await page.waitForURL((address) => /^\/patients\/[^/]+$/.test(address.pathname));
    await page.getByRole("heading", { level: 1, name: `Margaret Dates${tag}` }).waitFor();
    expect(await page.locator(".details").first().innerText()).toContain("14 Mar 1941");
  });

  it("a history date typed '1 Mar 2026' filters from 2026-03-01 and is shown back in the clinic's format", async () => {
    const { clinician } = await clinic();
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url("/referrals"));
    const from = page.getByLabel("Sent from", { exact: true });
    await from.fill("1 march 2026");
    await page.waitForURL((address) => address.searchParams.get("createdFrom") === "2026-03-01");
    await from.blur();
    expect(await from.inputValue()).toBe("1 Mar 2026");
    await page.goto(url("/referrals?createdFrom=2026-03-01&createdTo=2026-03-14"));
    expect(await page.getByLabel("Sent to", { exact: true }).inputValue()).toBe("14 Mar 2026");
  });
});

describe("the history on a phone, 390×844 (item 8)", () => {
  it("shows the first referral, as a card with its date on one line and its priority and status, within the first screen and no sideways scroll", async () => {
    const { admin, clinicianCookie } = await clinic();
    const patient = await createPatient(clinicianCookie, { givenName: "Phone", familyName: `Card${randomUUID().slice(0, 6)}` });
    for (const priority of ["ROUTINE", "URGENT", "STAT"]) await createReferral(clinicianCookie, patient.id, { priority });
    // An administrator: the most sections in the header, so the tallest header above the list.
    const page = await newPage(PHONE);
    await signIn(page, admin.email);
    await page.goto(url("/referrals"));
    const first = page.locator(".referral-table tbody tr").first();
    await first.waitFor();

    const card = (await first.boundingBox())!;
    expect(card.y + card.height).toBeLessThanOrEqual(PHONE.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), await overflowing(page)).toBeLessThanOrEqual(PHONE.width);
    // One line: an inline link wraps into one client rect per line.
    expect(await first.locator(".cell-sent a").evaluate((link) => link.getClientRects().length)).toBe(1);
    for (const chip of [first.locator(".cell-priority .chip"), first.locator(".cell-status .chip").first()]) {
      const box = (await chip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(await chip.isVisible()).toBe(true);
    }
    // One chip per part: this referral has one, to occupational therapy.
    expect(await first.locator(".cell-status").getByTestId("part-chip").allTextContents()).toEqual(["OT: Occupational therapy: Sent"]);

    const toggle = page.getByRole("button", { name: "Filters" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByLabel("Discipline", { exact: true }).isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.getByLabel("Discipline", { exact: true }).selectOption("OCCUPATIONAL_THERAPY");
    await page.waitForURL((address) => address.searchParams.get("discipline") === "OCCUPATIONAL_THERAPY");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it("keeps the filters in view, with no toggle, at desktop width", async () => {
    const { clinician } = await clinic();
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url("/referrals"));
    await page.getByLabel("Discipline", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Filters" }).isVisible()).toBe(false);
  });
});

describe("the audit trail (item 9)", () => {
  it("shows actions in words, times to the second, and the records' ids in full, linked to their pages", async () => {
    const { admin, adminCookie } = await clinic();
    const patient = await createPatient(adminCookie, { givenName: "Audit", familyName: `Read${randomUUID().slice(0, 6)}` });
    const page = await newPage();
    await signIn(page, admin.email);
    await page.goto(url(`/patients/${patient.id}`));
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.goto(url("/admin/audit"));
    const rows = page.locator(".audit-table tbody tr");
    await rows.first().waitFor();

    const table = await page.locator(".audit-table").innerText();
    expect(table).toContain("Viewed a patient");
    expect(table).toContain("Signed in");
    expect(table).not.toMatch(/\b(patient|referral|auth|user|audit)\.[a-z_]+/);
    for (const when of await page.locator(".audit-table tbody tr td:first-child").allInnerTexts()) expect(when).toMatch(FULL_TIME);

    const link = page.locator(".audit-table").getByRole("link", { name: patient.id }).first();
    expect(await link.innerText()).toBe(patient.id);
    expect(await link.getAttribute("href")).toBe(`/patients/${patient.id}`);

    const options = await page.locator("#audit-action option").allInnerTexts();
    expect(options).toContain("Viewed a patient");
    expect(options.join(" ")).not.toMatch(/\b(patient|referral|auth)\.[a-z_]+/);
  });
});

describe("small things (item 11)", () => {
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it("the filters keep apart: Discipline and Status do not touch, and no date box covers the audit's Action filter", async () => {
    const { admin } = await clinic();
    // One sign-in for every width: each sign-in of an administrator takes a fresh one-time code.
    const page = await newPage();
    await signIn(page, admin.email);
    for (const viewport of [PHONE, { width: 768, height: 1024 }, DESKTOP, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await page.goto(url("/referrals"));
      if (viewport === PHONE) await page.getByRole("button", { name: "Filters" }).click();
      const discipline = (await page.locator("#filter-discipline").boundingBox())!;
      const status = (await page.locator("#filter-status").boundingBox())!;
      const apart = discipline.y === status.y ? status.x - (discipline.x + discipline.width) : Math.abs(status.y - discipline.y) - discipline.height;
      expect(apart, `${viewport.width}px`).toBeGreaterThanOrEqual(12);

      await page.goto(url("/admin/audit"));
      const action = (await page.locator("#audit-action").boundingBox())!;
      for (const id of ["#audit-from", "#audit-to"]) {
        expect(overlap(action, (await page.locator(id).boundingBox())!), `${id} at ${viewport.width}px`).toBe(false);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${viewport.width}px: ${await overflowing(page)}`).toBeLessThanOrEqual(viewport.width);
    }
  });

  it("the account is a link of the header, current on its page", async () => {
    const { clinician } = await clinic();
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.getByRole("link", { name: "Account" }).click();
    await page.waitForURL((address) => address.pathname === "/account");
    expect(await page.getByRole("link", { name: "Account" }).getAttribute("aria-current")).toBe("page");
  });

  it("the Sent timeline entry has its badge, and a quoted source's own slip is marked [sic]", async () => {
    const { clinician, clinicianCookie } = await clinic();
    const patient = await createPatient(clinicianCookie);
    const referral = await createReferral(clinicianCookie, patient.id, {
      needs: { needs: ["PAIN", "STRENGTH"], conditions: [], notes: "Knee pain on stairs." },
      disciplines: ["PHYSIOTHERAPY"],
    });
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url(`/referrals/${referral.id}`));
    const firstEvent = page.locator(".timeline li").first();
    await firstEvent.waitFor();
    expect(await firstEvent.locator("strong").first().innerText()).toBe("Sent");
    expect(await firstEvent.locator(".chip").allInnerTexts()).toEqual(["Sent"]);

    // The quotation stays verbatim in the text; the stylesheet draws "[sic]" after the slip.
    const slips = page.locator(".seed-source", { hasText: /physiotherapy therapy/i });
    expect(await slips.count()).toBeGreaterThan(0);
    for (const quote of await slips.all()) {
      const marked = quote.locator(".sic");
      expect(await marked.first().innerText()).toMatch(/^physiotherapy therap(y|ists?)$/i);
      expect(await marked.first().evaluate((element) => getComputedStyle(element, "::after").content)).toBe('" [sic]"');
    }
  });

  it("the patient filter names its list in aria-controls only while the list is there", async () => {
    const { clinician, clinicianCookie } = await clinic();
    await createPatient(clinicianCookie, { givenName: "Controls", familyName: "Listed" });
    const page = await newPage();
    await signIn(page, clinician.email);
    await page.goto(url("/referrals"));
    const input = page.getByLabel("Patient", { exact: true });
    expect(await input.getAttribute("aria-controls")).toBeNull();
    await input.fill("Listed");
    await page.locator("#filter-patient-options").waitFor();
    expect(await input.getAttribute("aria-controls")).toBe("filter-patient-options");
    await input.fill("");
    await page.locator("#filter-patient-options").waitFor({ state: "detached" });
    expect(await input.getAttribute("aria-controls")).toBeNull();
  });
});
