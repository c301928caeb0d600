import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { createPatient } from "../support/api";
import { launchBrowser, signInThroughForm, url } from "../support/browser";
import { signInOverHttp } from "../support/http";
import { sendReferral } from "./support/therapy";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const [riverside, hillview] = DEMO_CLINICS as [(typeof DEMO_CLINICS)[number], (typeof DEMO_CLINICS)[number]];
const riversideClinician = riverside.users.find((user) => user.role === "CLINICIAN")!;
const hillviewClinician = hillview.users.find((user) => user.role === "CLINICIAN")!;

/** A page of its own (fresh cookies) signed in as the given user. */
async function signedInPage(email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughForm(page, email, DEMO_PASSWORD);
  await page.getByTestId("viewer-name").waitFor();
  return page;
}

describe("clinic boundaries in Chromium", () => {
  it("shows a Hillview clinician not found, and none of the patient's names, for a Riverside referral and patient opened by URL", async () => {
    const tag = randomUUID().slice(0, 8);
    const names = { givenName: "Rosalind", familyName: `Quartermaine-${tag}`, medicalRecordNumber: `TEN-${tag.toUpperCase()}` };
    const { sessionCookie } = await signInOverHttp(riversideClinician.email, DEMO_PASSWORD);
    const patient = await createPatient(sessionCookie!, names);
    const referral = await sendReferral(sessionCookie!, patient.id);
    const secrets = [names.familyName, names.medicalRecordNumber, "Rosalind"];

    // The same addresses show the patient to their own clinic, so the check below can fail.
    const riversidePage = await signedInPage(riversideClinician.email);
    await riversidePage.goto(url(`/referrals/${referral.id}`));
    await riversidePage.getByRole("heading", { level: 1, name: `Referral for Rosalind ${names.familyName}` }).waitFor();
    await riversidePage.context().close();

    const page = await signedInPage(hillviewClinician.email);
    const visibleText = () => page.locator("body").innerText();

    await page.goto(url(`/referrals/${referral.id}`));
    await page.getByRole("heading", { level: 1, name: "Referral not found" }).waitFor();
    for (const secret of secrets) expect(await visibleText()).not.toContain(secret);

    await page.goto(url(`/patients/${patient.id}`));
    await page.getByRole("heading", { level: 1, name: "Patient not found" }).waitFor();
    for (const secret of secrets) expect(await visibleText()).not.toContain(secret);

    await page.goto(url(`/patients/${patient.id}/referrals/new`));
    await page.getByRole("heading", { level: 1, name: "Patient not found" }).waitFor();
    expect(await page.getByRole("button", { name: "Send referral" }).count()).toBe(0);

    await page.goto(url("/referrals"));
    await page.getByRole("table").or(page.getByText("No referrals yet.")).first().waitFor();
    for (const secret of secrets) expect(await visibleText()).not.toContain(secret);
    expect(await page.content()).not.toContain(names.familyName);
    await page.context().close();
  });
});
