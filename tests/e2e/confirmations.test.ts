import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { signInOverHttp } from "../support/http";
import { addPatient, addTherapist, clinicWithTherapist, pageOf, sendReferral, signInAs } from "./support/therapy";

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

/** An occupational therapy referral of a clinic of its own, waiting at its service. */
async function waitingReferral() {
  const setup = await clinicWithTherapist();
  const patient = await addPatient(setup.cookie, { givenName: "Olive", familyName: `Confirm-${randomUUID().slice(0, 8)}` });
  const referral = await sendReferral(setup.cookie, patient.id);
  return { ...setup, referral, part: referral.parts[0]! };
}

const partRegion = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const chipOf = (page: Page) => partRegion(page, "Occupational therapy").locator(".part-heading .chip");
const partRow = (id: string) => testDb().referralPart.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, cancelReason: true, cancelComment: true } });
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

describe("confirmation before what cannot be undone, in Chromium", () => {
  it("cancels a referral only after the dialog: Escape and Keep leave it as it was, a missing reason is refused, confirming cancels it with its reason", async () => {
    const { clinician, referral, part } = await waitingReferral();
    await signInAs(tab.page, clinician.email, TEST_PASSWORD);
    await tab.page.goto(url(`/referrals/${referral.id}`));
    const region = partRegion(tab.page, "Occupational therapy");
    const opener = region.getByRole("button", { name: "Cancel referral", exact: true });
    const dialog = tab.page.getByRole("dialog", { name: "Cancel this occupational therapy referral?" });

    // Escape: the dialog goes, focus returns to the button that opened it, nothing changed.
    await opener.click();
    await dialog.waitFor();
    expect(await dialog.getByRole("button").allTextContents()).toEqual(["Cancel referral", "Keep referral"]);
    // Focus starts on the reason, inside the dialog.
    expect(await focusedId(tab.page)).toBe(`cancelReason-${part.id}`);
    await tab.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focusedText(tab.page)).toBe("Cancel referral");
    expect(await chipOf(tab.page).textContent()).toBe("Sent");
    expect(await partRow(part.id)).toMatchObject({ status: "SENT", version: 1 });

    // Keep referral: the same.
    await opener.click();
    await dialog.getByRole("button", { name: "Keep referral" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await partRow(part.id)).toMatchObject({ status: "SENT", version: 1 });

    // No reason: refused with a message beside the reason, the dialog stays, nothing is sent.
    await opener.click();
    await dialog.getByRole("button", { name: "Cancel referral", exact: true }).click();
    expect(await dialog.getByText("Choose the reason for cancelling.").isVisible()).toBe(true);
    expect(await dialog.getByLabel("Reason for cancelling (required)").getAttribute("aria-invalid")).toBe("true");
    expect(await focusedId(tab.page)).toBe(`cancelReason-${part.id}`);
    // "Other" needs a comment saying why.
    await dialog.getByLabel("Reason for cancelling (required)").selectOption("OTHER");
    await dialog.getByRole("button", { name: "Cancel referral", exact: true }).click();
    expect(await dialog.getByText("Say why you are cancelling.").isVisible()).toBe(true);
    expect(await partRow(part.id)).toMatchObject({ status: "SENT", version: 1 });

    await dialog.getByLabel("Reason for cancelling (required)").selectOption("PATIENT_WITHDREW");
    await dialog.getByLabel("Comment (required for Other)").fill("She moved to her daughter's.");
    await dialog.getByRole("button", { name: "Cancel referral", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => chipOf(tab.page).textContent()).toBe("Cancelled");
    // The button that opened the dialog is gone: focus lands on what happened.
    await expect.poll(() => focusedText(tab.page)).toBe("Cancelled.");
    expect(await region.getByTestId("cancel-reason").textContent()).toBe("Patient withdrewShe moved to her daughter's.");
    expect(await partRow(part.id)).toMatchObject({ status: "CANCELLED", cancelReason: "PATIENT_WITHDREW", cancelComment: "She moved to her daughter's." });
  });

  it("declines only after the dialog; Escape leaves the part waiting", async () => {
    const { therapist, referral, part } = await waitingReferral();
    await signInAs(tab.page, therapist.email, TEST_PASSWORD);
    await tab.page.goto(url(`/referrals/${referral.id}`));
    const region = partRegion(tab.page, "Occupational therapy");
    const dialog = tab.page.getByRole("dialog", { name: "Decline this occupational therapy referral?" });

    await region.getByRole("button", { name: "Decline", exact: true }).click();
    await dialog.getByLabel("Reason for declining (required)").selectOption("NOT_ELIGIBLE");
    await tab.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await partRow(part.id)).toMatchObject({ status: "SENT", version: 1 });

    // Opened again, it starts empty: the reason must be chosen again.
    await region.getByRole("button", { name: "Decline", exact: true }).click();
    expect(await dialog.getByLabel("Reason for declining (required)").inputValue()).toBe("");
    await dialog.getByRole("button", { name: "Decline referral" }).click();
    expect(await dialog.getByText("Choose the reason for declining.").isVisible()).toBe(true);
    await dialog.getByLabel("Reason for declining (required)").selectOption("NOT_ELIGIBLE");
    await dialog.getByLabel("Comment (required)").fill("Under our age range.");
    await dialog.getByRole("button", { name: "Decline referral" }).click();
    await expect.poll(() => chipOf(tab.page).textContent()).toBe("Declined");
    expect(await partRow(part.id)).toMatchObject({ status: "DECLINED", version: 2 });
  });

  it("deactivates a user only after the dialog; Escape and Keep leave them active", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }, { role: "CLINICIAN" }]);
    const [admin, colleague] = users as [(typeof users)[0], (typeof users)[0]];
    await signInAs(tab.page, admin.email, TEST_PASSWORD);
    await tab.page.goto(url("/admin/users"));
    const opener = tab.page.getByRole("button", { name: `Deactivate ${colleague.name}` });
    const dialog = tab.page.getByRole("dialog", { name: `Deactivate ${colleague.name}?` });
    const active = async () => (await testDb().user.findUniqueOrThrow({ where: { id: colleague.id } })).active;

    await opener.click();
    await dialog.waitFor();
    // The safe choice has the focus.
    expect(await focusedText(tab.page)).toBe("Keep user active");
    await tab.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focusedText(tab.page)).toBe(`Deactivate ${colleague.name}`);
    expect(await active()).toBe(true);

    await opener.click();
    await dialog.getByRole("button", { name: "Keep user active" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await active()).toBe(true);

    await opener.click();
    await dialog.getByRole("button", { name: "Deactivate user" }).click();
    await tab.page.getByRole("button", { name: `Reactivate ${colleague.name}` }).waitFor();
    expect(await active()).toBe(false);
  });
});

describe("choosing to assess first, in Chromium", () => {
  it("overrides a recommendation with Assess first at a chosen service, and shows it on the referral", async () => {
    const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const physiotherapy = await testDb().therapyService.findFirstOrThrow({ where: { clinicId: clinic.id, discipline: "PHYSIOTHERAPY" } });
    await signInAs(tab.page, users[0]!.email, TEST_PASSWORD);
    const { sessionCookie } = await signInOverHttp(users[0]!.email, TEST_PASSWORD);
    const patient = await addPatient(sessionCookie!, { givenName: "Amos", familyName: `Assess-${randomUUID().slice(0, 8)}` });

    await tab.page.goto(url(`/patients/${patient.id}/referrals/new`));
    await tab.page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    const preview = tab.page.getByRole("complementary", { name: /^Recommendation preview/ });
    await expect.poll(() => preview.getByTestId("recommendation").textContent()).toBe("Occupational therapy");
    await tab.page.getByRole("radio", { name: "Choose otherwise", exact: true }).check();
    await tab.page.getByRole("radio", { name: "Assess first", exact: true }).check();
    // Without a reason it is refused.
    await tab.page.getByRole("button", { name: "Send referral" }).click();
    expect(await tab.page.locator("#override-reason-error").textContent()).toBe("Give a reason for not following the recommendation.");
    await tab.page.getByLabel("Reason for your choice (required)").fill("Unclear whether the difficulty is strength or planning.");
    await tab.page.getByLabel("Service to assess the patient").selectOption(physiotherapy.id);
    await tab.page.getByRole("button", { name: "Send referral" }).click();
    await tab.page.waitForURL((address) => /^\/referrals\/[^/]+$/.test(address.pathname));

    const decision = tab.page.getByTestId("referral-decision");
    await decision.waitFor();
    expect(await decision.textContent()).toBe("Assess first. Chose otherwise than the recommendation");
    expect(await tab.page.getByText("Unclear whether the difficulty is strength or planning.").isVisible()).toBe(true);
    const referralId = new URL(tab.page.url()).pathname.split("/")[2]!;
    const saved = await testDb().referral.findUniqueOrThrow({ where: { id: referralId }, include: { parts: true } });
    expect(saved).toMatchObject({ assessFirst: true, recommendation: "OCCUPATIONAL_THERAPY", disciplines: ["PHYSIOTHERAPY"] });
    expect(saved.parts.map((part) => part.serviceId)).toEqual([physiotherapy.id]);

    // The physiotherapy service sees what it is asked to do in its worklist.
    const therapist = await addTherapist(clinic.id, physiotherapy.id);
    const service = await pageOf(tab.page, therapist.email, TEST_PASSWORD);
    await service.goto(url("/worklist"));
    const row = service.getByTestId("worklist-row").filter({ hasText: "Amos Assess-" });
    await row.waitFor();
    expect(await row.locator(".flag").allTextContents()).toContain("Assess first");
    await service.context().close();
  });

  it("accepts an assess-first recommendation without a reason, at the service chosen to assess", async () => {
    const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const occupationalTherapy = await testDb().therapyService.findFirstOrThrow({ where: { clinicId: clinic.id, discipline: "OCCUPATIONAL_THERAPY" } });
    await signInAs(tab.page, users[0]!.email, TEST_PASSWORD);
    const { sessionCookie } = await signInOverHttp(users[0]!.email, TEST_PASSWORD);
    const patient = await addPatient(sessionCookie!, { givenName: "Iris", familyName: `Assess-${randomUUID().slice(0, 8)}` });

    await tab.page.goto(url(`/patients/${patient.id}/referrals/new`));
    await tab.page.getByLabel("Notes", { exact: true }).fill("Injury last month.");
    const preview = tab.page.getByRole("complementary", { name: /^Recommendation preview/ });
    await expect.poll(() => preview.getByTestId("recommendation").textContent()).toBe("Assess first");
    // Nothing is decided for the clinician: accepting is a choice they make.
    expect(await tab.page.getByRole("radio", { name: /^Accept recommendation/ }).isChecked()).toBe(false);
    await tab.page.getByRole("radio", { name: /^Accept recommendation/ }).check();
    await tab.page.getByLabel("Service to assess the patient").selectOption(occupationalTherapy.id);
    await tab.page.getByRole("button", { name: "Send referral" }).click();
    await tab.page.waitForURL((address) => /^\/referrals\/[^/]+$/.test(address.pathname));
    const decision = tab.page.getByTestId("referral-decision");
    await decision.waitFor();
    expect(await decision.textContent()).toBe("Assess first. Followed the recommendation");
  });
});
