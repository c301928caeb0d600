import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { TEST_PASSWORD } from "../support/db";
import { signInOverHttp } from "../support/http";
import { referringAndReceiving } from "./support/daily";
import { changePart, sendReferral, signInAs } from "./support/therapy";

/**
 * Issue 23, items 8, 10 and 11 in Chromium: one status chip per part in the
 * lists, a status filter that matches any part; notes over the limit kept
 * and refused with a message; search by "family, given" and date of birth;
 * Enter in the history's patient filter; messages that go once fixed; a
 * one-line phone header with a menu; a recommendation not accepted for the clinician.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

describe("lists and filters in Chromium", () => {
  it("shows a chip per part, and the Completed filter finds a referral whose other part is still open", async () => {
    const scenario = await referringAndReceiving();
    const sent = await sendReferral(scenario.cookie, scenario.patient.id, {
      needs: { needs: ["SELF_CARE", "PAIN"], conditions: [], notes: "Both." },
      disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
      serviceIds: [scenario.physiotherapy.id],
    });
    const physio = sent.parts.find((part) => part.discipline === "PHYSIOTHERAPY")!;
    const therapist = (await signInOverHttp(scenario.therapist.email, TEST_PASSWORD)).sessionCookie!;
    let part = await changePart(therapist, { id: physio.id, expectedVersion: physio.version, action: "ACCEPT" });
    part = await changePart(therapist, { id: part.id, expectedVersion: part.version, action: "START" });
    await changePart(therapist, { id: part.id, expectedVersion: part.version, action: "COMPLETE", outcome: { provided: "Four sessions." } });

    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url(`/referrals?status=COMPLETED&patientId=${scenario.patient.id}`));
    const row = page.locator("table.referral-table tbody tr").first();
    await row.waitFor();
    expect(await row.getByTestId("part-chip").allTextContents()).toEqual(["OT: Occupational therapy: Sent", "PT: Physiotherapy: Completed"]);
    expect(await page.locator("table.referral-table tbody tr").count()).toBe(1);
    // The home page's recent referrals show the same chips.
    await page.goto(url("/"));
    const recent = page.getByRole("region", { name: "Your recent referrals" }).getByTestId("part-chip");
    await recent.first().waitFor();
    expect(await recent.allTextContents()).toContain("PT: Physiotherapy: Completed");
  });

  it("applies the history's patient filter on Enter, and finds a patient by 'family, given' and by date of birth", async () => {
    const scenario = await referringAndReceiving();
    await sendReferral(scenario.cookie, scenario.patient.id);
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url("/referrals"));
    await page.getByLabel("Patient", { exact: true }).fill(scenario.patient.familyName);
    await page.getByLabel("Patient", { exact: true }).press("Enter");
    await page.waitForURL((address) => address.searchParams.get("patientId") === scenario.patient.id);

    await page.goto(url("/patients"));
    const search = page.getByLabel("Search by name or medical record number, or date of birth");
    const results = page.getByRole("list", { name: "Patients" });
    await search.fill(`${scenario.patient.familyName}, Margaret`);
    await results.getByRole("link", { name: new RegExp(scenario.patient.familyName) }).waitFor();
    await search.fill("14/03/1941");
    await results.getByRole("link", { name: new RegExp(scenario.patient.familyName) }).waitFor();
  });
});

describe("the new-referral form in Chromium", () => {
  it("keeps notes pasted past 10,000 characters, says how many to cut, and sends nothing until they fit", async () => {
    const scenario = await referringAndReceiving();
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url(`/patients/${scenario.patient.id}/referrals/new`));
    const notes = page.getByLabel("Notes", { exact: true });
    const pasted = `${"Needs help with dressing and washing each morning. ".repeat(240)}END`;
    expect(pasted.length).toBeGreaterThan(10_000);
    await notes.fill(pasted);
    expect((await notes.inputValue()).length).toBe(pasted.length);
    const problem = page.locator("#notes-error");
    await problem.waitFor();
    expect(await problem.textContent()).toBe(
      `The notes are ${pasted.length.toLocaleString("en-GB")} characters, over the limit of 10,000: shorten them by ${(pasted.length - 10_000).toLocaleString("en-GB")} characters before sending. Nothing has been cut.`,
    );
    await page.getByRole("button", { name: "Send referral" }).click();
    expect(new URL(page.url()).pathname).toBe(`/patients/${scenario.patient.id}/referrals/new`);
    await notes.fill(pasted.slice(0, 10_000));
    expect(await problem.count()).toBe(0);
  });

  it("does not accept the recommendation for the clinician: sending asks for a decision, and the message goes once one is made", async () => {
    const scenario = await referringAndReceiving();
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url(`/patients/${scenario.patient.id}/referrals/new`));
    await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Occupational therapy");
    const accept = page.getByRole("radio", { name: /^Accept recommendation/ });
    expect(await accept.isChecked()).toBe(false);
    expect(await page.getByRole("radio", { name: "Choose otherwise", exact: true }).isChecked()).toBe(false);
    await page.getByRole("button", { name: "Send referral" }).click();
    const message = page.locator("#decision-error");
    await message.waitFor();
    expect(await message.textContent()).toBe("Accept the recommendation, or choose otherwise and say why.");
    await accept.check();
    expect(await message.count()).toBe(0);
  });

  it("clears a field's message as soon as the field is fixed", async () => {
    const scenario = await referringAndReceiving();
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url("/patients"));
    const form = page.getByRole("region", { name: "New patient" });
    await form.getByRole("button", { name: "Add patient" }).click();
    await form.locator("#patient-givenName-error").waitFor();
    expect(await form.locator(".field-error").count()).toBe(4);
    await form.getByLabel("Given name").fill("Rosa");
    expect(await form.locator("#patient-givenName-error").count()).toBe(0);
    expect(await form.locator("#patient-familyName-error").count()).toBe(1);
  });
});

describe("the header on a phone", () => {
  const phone = freshPagePerTest({ viewport: { width: 390, height: 844 } });

  it("is one short line with a Menu button that opens the sections, the account and sign-out, and closes on navigating", async () => {
    const scenario = await referringAndReceiving();
    const page = phone.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    const header = page.locator("header.topbar");
    const height = (await header.boundingBox())!.height;
    expect(height).toBeLessThan(844 / 10);
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole("button", { name: /^Menu/ });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    await nav.getByRole("link", { name: "Patients" }).click();
    await page.waitForURL((address) => address.pathname === "/patients");
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
  });
});
