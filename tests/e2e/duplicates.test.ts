import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { testDb, TEST_PASSWORD } from "../support/db";
import { fillPhysiotherapyReferral, referringAndReceiving } from "./support/daily";
import { sendReferral, signInAs } from "./support/therapy";

/**
 * Duplicate warnings (issue 23, item 5): sending to a discipline the patient
 * has open asks "already open: …, send anyway?" and records the reason; so
 * does adding a patient whose name and date of birth the clinic has.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

describe("duplicate warnings in Chromium", () => {
  it("asks before sending to a discipline the patient has open, keeps the form on 'Do not send', and records the reason on 'Send anyway'", async () => {
    const scenario = await referringAndReceiving();
    await sendReferral(scenario.cookie, scenario.patient.id, {
      needs: { needs: ["PAIN"], conditions: [], notes: "Knee pain." },
      disciplines: ["PHYSIOTHERAPY"],
      serviceIds: [scenario.physiotherapy.id],
    });
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url(`/patients/${scenario.patient.id}/referrals/new`));
    await fillPhysiotherapyReferral(page, scenario);
    await page.getByRole("button", { name: "Send referral" }).click();

    const dialog = page.getByRole("dialog", { name: "Send anyway?" });
    await dialog.waitFor();
    expect(await dialog.getByTestId("duplicate-warning").textContent()).toMatch(
      new RegExp(`^Already open for this patient: Physiotherapy at ${scenario.physiotherapy.name}, sent \\d+ \\w{3} \\d{4}, status Sent\\. Send anyway\\? Say why\\.$`),
    );
    await dialog.getByRole("button", { name: "Do not send" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe(`/patients/${scenario.patient.id}/referrals/new`);
    expect(await testDb().referral.count({ where: { patientId: scenario.patient.id } })).toBe(1);

    await page.getByRole("button", { name: "Send referral" }).click();
    await dialog.waitFor();
    // Going ahead needs a reason.
    await dialog.getByRole("button", { name: "Send anyway" }).click();
    expect(await dialog.locator("#duplicate-reason-error").textContent()).toBe("Say why, so the record shows it.");
    await dialog.getByLabel("Reason (required)").fill("A new fall since: the first referral was for her shoulder.");
    expect(await dialog.locator("#duplicate-reason-error").count()).toBe(0);
    await dialog.getByRole("button", { name: "Send anyway" }).click();
    await page.waitForURL((address) => /^\/referrals\/[^/]+$/.test(address.pathname));
    expect(await page.getByTestId("duplicate-reason").textContent()).toBe("A new fall since: the first referral was for her shoulder.");

    const referralId = new URL(page.url()).pathname.split("/")[2]!;
    const recorded = await testDb().auditEvent.findMany({ where: { action: "referral.duplicate_confirmed", entityIds: { has: referralId } } });
    expect(recorded.map((event) => event.userId)).toEqual([scenario.clinician.id]);
  });

  it("asks before adding a patient whose name and date of birth the clinic has, and records the reason", async () => {
    const scenario = await referringAndReceiving();
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url("/patients"));
    const form = page.getByRole("region", { name: "New patient" });
    await form.getByLabel("Medical record number").fill(`DUP-${randomUUID().slice(0, 8)}`);
    await form.getByLabel("Given name").fill("margaret");
    await form.getByLabel("Family name").fill(scenario.patient.familyName.toUpperCase());
    await form.getByLabel("Date of birth").fill("14/03/1941");
    await form.getByRole("button", { name: "Add patient" }).click();

    const dialog = page.getByRole("dialog", { name: "Add this patient anyway?" });
    await dialog.waitFor();
    expect(await dialog.getByTestId("duplicate-warning").textContent()).toBe(
      `Already in your clinic: Margaret ${scenario.patient.familyName}, record ${scenario.patient.medicalRecordNumber}, born 14 Mar 1941. Add this patient anyway? Say why they are another person.`,
    );
    await dialog.getByLabel("Reason (required)").fill("Another Margaret: lives in Easton, different GP.");
    await dialog.getByRole("button", { name: "Add anyway" }).click();
    await page.waitForURL((address) => /^\/patients\/[^/]+$/.test(address.pathname));
    await page.getByText("Another Margaret: lives in Easton, different GP.").waitFor();
    const patientId = new URL(page.url()).pathname.split("/")[2]!;
    expect((await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).duplicateReason).toBe("Another Margaret: lives in Easton, different GP.");
    expect(await testDb().auditEvent.count({ where: { action: "patient.duplicate_confirmed", entityIds: { has: patientId } } })).toBe(1);
  });
});
