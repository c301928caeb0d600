import { describe, expect, it } from "vitest";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";
import { TEST_PASSWORD } from "../support/db";
import { exportScenario } from "../support/exports";

/** The referral page offers the letter, the patient copy and the FHIR Bundle, and prints without the portal around it. */

const tab = freshPagePerTest();

async function openReferral() {
  const scenario = await exportScenario();
  const { page } = tab;
  await signInThroughForm(page, scenario.a.users[0]!.email, TEST_PASSWORD);
  await page.getByTestId("viewer-name").waitFor();
  await page.goto(url(`/referrals/${scenario.referralId}`));
  return { page, scenario };
}

describe("the referral page's exports", () => {
  it("links the letter, the patient copy and the FHIR Bundle of the referral", async () => {
    const { page, scenario } = await openReferral();
    const base = `/api/referrals/${scenario.referralId}`;
    expect(await page.getByRole("link", { name: "Download letter" }).getAttribute("href")).toBe(`${base}/letter.pdf`);
    expect(await page.getByRole("link", { name: "Patient copy" }).getAttribute("href")).toBe(`${base}/letter.pdf?copy=patient`);
    expect(await page.getByRole("link", { name: "FHIR (JSON)" }).getAttribute("href")).toBe(`${base}/fhir`);
  });

  it("downloads the letter as a PDF with the signed-in session", async () => {
    const { page } = await openReferral();
    const href = await page.getByRole("link", { name: "Download letter" }).getAttribute("href");
    const response = await page.request.get(url(href!));
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
  });

  it("prints without the navigation and the export links", async () => {
    const { page } = await openReferral();
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Download letter" }).isVisible()).toBe(false);
    expect(await page.locator("main").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await page.getByRole("link", { name: "Download letter" }).isVisible()).toBe(true);
  });
});
