import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { testDb, TEST_PASSWORD } from "../support/db";
import { graphql } from "../support/http";
import { referringAndReceiving } from "./support/daily";
import { docScreenshot } from "../support/docs";
import { signInAs } from "./support/therapy";

/**
 * Patient details and contacts (issue 23, items 2 and 3): given when the
 * patient is added, edited later with the version seen (someone else's edit
 * in between says so), and the clinician's work phone set on their account.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

describe("patient details in Chromium", () => {
  it("takes contact details when adding a patient, shows them, and edits them; an edit made meanwhile by someone else is not overwritten", async () => {
    const scenario = await referringAndReceiving();
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url("/patients"));
    const form = page.getByRole("region", { name: "New patient" });
    const familyName = `Nowak-${randomUUID().slice(0, 8)}`;
    await form.getByLabel("Medical record number").fill(`PD-${randomUUID().slice(0, 8)}`);
    await form.getByLabel("Given name").fill("Tomasz");
    await form.getByLabel("Family name").fill(familyName);
    await form.getByLabel("Date of birth").fill("02/09/1987");
    await form.getByText("Contact details (optional)").click();
    await form.getByLabel("Phone", { exact: true }).fill("call me");
    await form.getByLabel("Preferred language").fill("Polish");
    await form.getByLabel("Interpreter needed").check();
    await form.getByRole("button", { name: "Add patient" }).click();
    // A phone that is not one is refused by the field, and the message goes once the field is fixed.
    const phoneError = form.locator("#patient-phone-error");
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toMatch(/^Phone must be a phone number/);
    await form.getByLabel("Phone", { exact: true }).fill("07700 900 532");
    expect(await phoneError.count()).toBe(0);
    await form.getByRole("button", { name: "Add patient" }).click();
    await page.waitForURL((address) => /^\/patients\/[^/]+$/.test(address.pathname));
    const patientId = new URL(page.url()).pathname.split("/")[2]!;

    const contact = page.getByTestId("patient-contact");
    await contact.waitFor();
    expect(await contact.textContent()).toContain("07700 900 532");
    expect(await contact.textContent()).toContain("Polish");
    expect(await contact.getByTestId("interpreter").textContent()).toBe("Needed");

    await page.getByRole("button", { name: "Edit details" }).click();
    const edit = page.getByRole("form", { name: "Edit details" });
    await edit.getByLabel("Address line 1").fill("Flat 3, 8 Canal Street");
    await edit.getByLabel("GP practice").fill("Riverside Surgery");
    await edit.getByLabel("Next of kin", { exact: true }).fill("Ewa Nowak");
    await edit.getByLabel("Relationship to the patient").fill("Wife");
    await docScreenshot(page, "patient-details-edit.png", { fullPage: true });
    await edit.getByRole("button", { name: "Save details" }).click();
    await page.getByRole("status").filter({ hasText: "Details saved." }).waitFor();
    expect(await contact.textContent()).toContain("Flat 3, 8 Canal Street");
    expect(await contact.textContent()).toContain("Ewa Nowak (Wife)");
    await docScreenshot(page, "patient-details.png", { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await docScreenshot(page, "patient-details-phone.png", { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // A colleague changes the phone while this clinician has the form open: saving over it is refused.
    await page.getByRole("button", { name: "Edit details" }).click();
    const { version } = await testDb().patient.findUniqueOrThrow({ where: { id: patientId }, select: { version: true } });
    const colleague = await graphql<{ updatePatient: { version: number } }>(
      `mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { version } }`,
      {
        cookie: scenario.cookie,
        variables: { input: { id: patientId, expectedVersion: version, givenName: "Tomasz", familyName, dateOfBirth: "1987-09-02", phone: "07700 900 999" } },
      },
    );
    expect(colleague.data?.updatePatient.version).toBe(version + 1);
    await edit.getByLabel("Email").fill("tomasz@example.org");
    await edit.getByRole("button", { name: "Save details" }).click();
    await edit.getByRole("alert").filter({ hasText: "Someone else changed this patient's details since you opened them." }).waitFor();
    expect((await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).email).toBeNull();
  });

  it("sets the clinician's work phone on their account, shown to the services with their referrals", async () => {
    const scenario = await referringAndReceiving();
    const page = tab.page;
    await signInAs(page, scenario.colleague.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByLabel("Work phone", { exact: true }).fill("not a phone");
    await page.getByRole("button", { name: "Save work phone" }).click();
    const error = page.locator("#workPhone-error");
    await error.waitFor();
    await page.getByLabel("Work phone", { exact: true }).fill("01632 960 999");
    expect(await error.count()).toBe(0);
    await page.getByRole("button", { name: "Save work phone" }).click();
    await page.getByRole("status").filter({ hasText: "Work phone saved." }).waitFor();
    expect((await testDb().user.findUniqueOrThrow({ where: { id: scenario.colleague.id } })).workPhone).toBe("01632 960 999");
  });
});
