import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { TEST_PASSWORD } from "../support/db";
import { addPatient, changePart, clinicWithTherapist, pageOf, sendReferral, signInAs } from "./support/therapy";

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

/** An occupational therapy referral of a clinic of its own, waiting in its therapist's worklist. */
async function waitingReferral() {
  const setup = await clinicWithTherapist();
  const familyName = `Decide-${randomUUID().slice(0, 8)}`;
  const patient = await addPatient(setup.cookie, { givenName: "Ada", familyName });
  const referral = await sendReferral(setup.cookie, patient.id, { priority: "URGENT" });
  return { ...setup, referral, patientName: `Ada ${familyName}` };
}

const partRegion = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** Every input, select and textarea of `main` that has no label a screen reader would read. */
function unlabelledControls(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("main input, main select, main textarea"))
      .filter((control) => (control as HTMLInputElement).type !== "hidden")
      .filter(
        (control) =>
          !(control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) &&
          !control.getAttribute("aria-label") &&
          !control.getAttribute("aria-labelledby"),
      )
      .map((control) => control.outerHTML),
  );
}

describe("decisions on a referral part in Chromium", () => {
  it("shows the service a part its referrer cancelled, with the reason, under the Cancelled filter", async () => {
    const { cookie, therapist, referral, patientName } = await waitingReferral();
    const part = referral.parts[0]!;
    await changePart(cookie, { id: part.id, expectedVersion: part.version, action: "CANCEL", cancelReason: "PATIENT_WITHDREW", note: "The patient moved away." });

    await signInAs(tab.page, therapist.email, TEST_PASSWORD);
    await tab.page.getByText("Nothing here.").waitFor();
    await tab.page.getByLabel("Status").selectOption("CANCELLED");
    const row = tab.page.getByTestId("worklist-row").filter({ hasText: patientName });
    await row.getByRole("link", { name: patientName }).click();
    const region = partRegion(tab.page, "Occupational therapy");
    await expect.poll(() => region.locator(".part-heading .chip").textContent()).toBe("Cancelled");
    const timeline = region.getByRole("list", { name: "Occupational therapy timeline, oldest first" });
    expect(await timeline.textContent()).toContain("The patient moved away.");
    expect(await region.getByRole("button").count()).toBe(0);
  });

  it("redirects a part to a service of the other discipline, keeping the history of both", async () => {
    const { therapist, referral, patientName, services, clinician } = await waitingReferral();
    await signInAs(tab.page, therapist.email, TEST_PASSWORD);
    await tab.page.goto(url(`/referrals/${referral.id}`));
    const occupationalTherapy = partRegion(tab.page, "Occupational therapy");
    await occupationalTherapy.getByRole("button", { name: "Redirect" }).click();
    await occupationalTherapy.getByLabel("Redirect to a physiotherapy service").selectOption({ label: services.physiotherapy.name });
    await occupationalTherapy.getByLabel("Note (optional)").fill("Mainly knee pain: physiotherapy first.");
    await occupationalTherapy.getByRole("button", { name: "Confirm: redirect" }).click();
    await expect.poll(() => occupationalTherapy.locator(".part-heading .chip").textContent()).toBe("Redirected");

    const referrer = await pageOf(tab.page, clinician.email, TEST_PASSWORD);
    await referrer.goto(url(`/referrals/${referral.id}`));
    await referrer.getByRole("heading", { level: 1, name: `Referral for ${patientName}` }).waitFor();
    expect(await partRegion(referrer, "Occupational therapy").locator(".part-heading .chip").textContent()).toBe("Redirected");
    const physiotherapy = partRegion(referrer, "Physiotherapy");
    expect(await physiotherapy.locator(".part-heading .chip").textContent()).toBe("Sent");
    expect(await physiotherapy.textContent()).toContain(`Redirected from ${services.occupationalTherapy.name}`);
    expect(await physiotherapy.getByRole("list", { name: "Physiotherapy timeline, oldest first" }).textContent()).toContain(
      "Mainly knee pain: physiotherapy first.",
    );
    await referrer.context().close();
  });

  it("labels every control of the decline and complete forms, opens them with the keyboard, and refuses a decline without reason or comment", async () => {
    const { therapist, referral } = await waitingReferral();
    await signInAs(tab.page, therapist.email, TEST_PASSWORD);
    await tab.page.goto(url(`/referrals/${referral.id}`));
    const region = partRegion(tab.page, "Occupational therapy");

    await region.getByRole("button", { name: "Decline", exact: true }).focus();
    await tab.page.keyboard.press("Enter");
    const dialog = tab.page.getByRole("dialog", { name: "Decline this occupational therapy referral?" });
    await dialog.waitFor();
    expect(await unlabelledControls(tab.page)).toEqual([]);
    await dialog.getByRole("button", { name: "Decline referral" }).click();
    expect(await dialog.getByLabel("Reason for declining (required)").getAttribute("aria-invalid")).toBe("true");
    expect(await dialog.getByLabel("Comment (required)").getAttribute("aria-invalid")).toBe("true");
    // Focus lands on the first thing to fix.
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe(`declineReason-${referral.parts[0]!.id}`);
    await dialog.getByRole("button", { name: "Keep referral open" }).click();
    expect(await region.locator(".part-heading .chip").textContent()).toBe("Sent");

    await region.getByRole("button", { name: "Accept" }).click();
    await region.getByRole("button", { name: "Start" }).click();
    await region.getByRole("button", { name: "Complete with an outcome" }).focus();
    await tab.page.keyboard.press("Enter");
    await region.getByLabel("What was provided (required)").waitFor();
    expect(await unlabelledControls(tab.page)).toEqual([]);
    expect(await region.getByLabel("Therapy Outcome Measures score (optional)").locator("option").allTextContents()).toEqual([
      "Not scored",
      "0.0",
      "0.5",
      "1.0",
      "1.5",
      "2.0",
      "2.5",
      "3.0",
      "3.5",
      "4.0",
      "4.5",
      "5.0",
    ]);
  });
});
