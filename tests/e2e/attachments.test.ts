import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { testDb, TEST_PASSWORD } from "../support/db";
import { pdfFile, windowsProgram } from "../support/attachment-fixtures";
import { fillPhysiotherapyReferral, referringAndReceiving } from "./support/daily";
import { docScreenshot } from "../support/docs";
import { pageOf, signInAs } from "./support/therapy";

/**
 * Attachments in Chromium (issue 23, item 1): a discharge letter attached
 * when sending reaches the receiving service's therapist byte for byte; a
 * program dressed up as a PDF is refused with a message saying what it is.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

describe("attachments in Chromium", () => {
  it("sends a PDF with the referral, which the receiving therapist downloads byte for byte; a program named .pdf is refused", async () => {
    const scenario = await referringAndReceiving();
    const letter = pdfFile(300_000);
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    await page.goto(url(`/patients/${scenario.patient.id}/referrals/new`));
    await fillPhysiotherapyReferral(page, scenario);
    await page.getByLabel("Attachments (optional)").setInputFiles({ name: "discharge letter.pdf", mimeType: "application/pdf", buffer: letter });
    await page.getByRole("button", { name: "Send referral" }).click();
    await page.waitForURL((address) => /^\/referrals\/[^/]+$/.test(address.pathname));
    const attachments = page.getByTestId("attachments");
    await attachments.getByRole("link", { name: "discharge letter.pdf" }).waitFor();
    expect(await attachments.getByTestId("attachment").textContent()).toMatch(/PDF, 29\d KB · attached by Test User 0 \w+ on/);

    // A Windows program with a PDF's name: refused, and said what it is.
    await attachments.getByLabel("Attach a file", { exact: true }).setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: windowsProgram() });
    await attachments.getByRole("button", { name: "Attach", exact: true }).click();
    const refusal = attachments.locator("#attachment-file-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe("“scan.pdf” is not a PDF, PNG, JPEG or plain-text file: its content is a Windows program.");
    expect(await attachments.getByTestId("attachment").count()).toBe(1);
    // The message goes once another file is chosen.
    await attachments.getByLabel("Attach a file", { exact: true }).setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Seen by the GP on Monday.\n") });
    expect(await refusal.count()).toBe(0);
    await attachments.getByRole("button", { name: "Attach", exact: true }).click();
    await attachments.getByRole("link", { name: "notes.txt" }).waitFor();
    const referralPath = new URL(page.url()).pathname;
    await docScreenshot(page, "referral-attachments.png", { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await docScreenshot(page, "referral-attachments-phone.png", { fullPage: true });

    // The receiving service's therapist downloads the letter: the same bytes, as a download.
    const therapist = await pageOf(page, scenario.therapist.email, TEST_PASSWORD);
    await therapist.goto(url(referralPath));
    const link = therapist.getByTestId("attachments").getByRole("link", { name: "discharge letter.pdf" });
    await link.waitFor();
    const [download] = await Promise.all([therapist.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("discharge letter.pdf");
    expect(readFileSync((await download.path())!).equals(letter)).toBe(true);

    const referralId = referralPath.split("/")[2]!;
    const downloads = await testDb().auditEvent.findMany({ where: { action: "attachment.download", userId: scenario.therapist.id } });
    const [stored] = await testDb().attachment.findMany({ where: { referralId, filename: "discharge letter.pdf" }, select: { id: true } });
    expect(downloads.flatMap((event) => event.entityIds)).toContain(stored!.id);
    await therapist.context().close();
  });
});
