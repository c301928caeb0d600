import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { clinicWithSessions, createPatient, createReferral } from "../support/api";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD } from "../support/db";
import { linkIn, waitForMail } from "../support/mail";
import { signInAs } from "./support/therapy";

/**
 * E-mail as a person meets it, in Chromium against the production build, its
 * outbox worker and the test SMTP server: a therapist told of a new referral,
 * a forgotten password, an invitation; and a service described by its clinic
 * as a referrer of another clinic reads it.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

// Each test may wait for the run's shared outbox worker (tests/support/mail.ts waitForMail).
describe("e-mail and services in Chromium", { timeout: 180_000 }, () => {
  it("e-mails a therapist of a new referral, without the patient's details, and its link opens the referral after sign-in", async () => {
    const { users, cookies, serviceOf } = await clinicWithSessions(["CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
    const familyName = `Underhill${randomUUID().slice(0, 6)}`;
    const patient = await createPatient(cookies[0]!, { givenName: "Marigold", familyName });
    const referral = await createReferral(cookies[0]!, patient.id);
    const therapist = users[1]!;

    const [mail] = await waitForMail(therapist.email);
    expect(mail!.subject).toBe(`New referral for ${serviceOf("OCCUPATIONAL_THERAPY").name}`);
    for (const identifying of ["Marigold", familyName, patient.medicalRecordNumber, "dressed"]) expect(mail!.raw).not.toContain(identifying);
    const link = linkIn(mail!, inject("baseUrl"));
    expect(new URL(link).pathname).toBe(`/referrals/${referral.id}`);

    await tab.page.goto(link);
    await tab.page.waitForURL((address) => address.pathname === "/login");
    await tab.page.getByLabel("Email").fill(therapist.email);
    await tab.page.getByLabel("Password").fill(TEST_PASSWORD);
    await tab.page.getByRole("button", { name: "Sign in" }).click();
    await tab.page.waitForURL((address) => address.pathname === `/referrals/${referral.id}`);
    await tab.page
      .getByRole("heading", { level: 1, name: `Referral for Marigold ${familyName}` })
      .waitFor()
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\nThe page said: ${await tab.page.locator("main").innerText().catch(() => "(nothing)")}`);
      });
    // The therapist's own part, with the decisions it offers.
    await tab.page.getByRole("button", { name: "Accept" }).first().waitFor();
  });

  it("resets a forgotten password end to end: the form, the e-mail, the link, the new password, sign-in", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const user = users[0]!;
    await tab.page.goto(url("/login"));
    await tab.page.getByRole("link", { name: "Forgot your password?" }).click();
    await tab.page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await tab.page.getByLabel("Email").fill(user.email);
    await tab.page.getByRole("button", { name: "Send me a link" }).click();
    expect(await tab.page.locator("#reset-requested").textContent()).toMatch(/^If an account uses this address, we have e-mailed it a link/);

    const [mail] = await waitForMail(user.email);
    expect(mail!.subject).toBe("Reset your password for the clinic referral portal");
    await tab.page.goto(linkIn(mail!, inject("baseUrl")));
    await tab.page.getByRole("heading", { name: "Set a new password" }).waitFor();
    const password = `a new and quiet lantern ${randomUUID().slice(0, 4)}`;
    await tab.page.getByLabel(/^New password/).fill(password);
    await tab.page.getByLabel("The same password again").fill(password);
    await tab.page.getByRole("button", { name: "Set password" }).click();
    await tab.page.waitForURL((address) => address.pathname === "/login" && address.searchParams.get("passwordSet") === "1");
    await tab.page.locator("#password-set-notice").waitFor();

    await signInAs(tab.page, user.email, password);
    expect(await tab.page.getByTestId("viewer-name").textContent()).toBe(user.name);
    // The link worked once.
    await tab.page.goto(linkIn(mail!, inject("baseUrl")));
    await tab.page.locator("#link-unusable").waitFor();
  });

  it("invites a user end to end: the administrator's form, the e-mail, the link, the password, sign-in", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    await signInAs(tab.page, users[0]!.email, TEST_PASSWORD);
    await tab.page.goto(url("/admin/users"));
    await tab.page.getByRole("heading", { name: "Add a user" }).waitFor();
    const email = `invited.${randomUUID().slice(0, 6)}@clinic.test`;
    await tab.page.getByLabel("Name").fill("Ines Invited");
    await tab.page.getByLabel("Email").fill(email);
    await tab.page.getByLabel("Role").selectOption("CLINICIAN");
    expect(await tab.page.getByRole("radio", { name: /^E-mail them an invitation link/ }).isChecked()).toBe(true);
    await tab.page.getByRole("button", { name: "Send invitation" }).click();
    await tab.page.getByRole("row", { name: /Ines Invited/ }).waitFor();
    expect(await tab.page.getByRole("row", { name: /Ines Invited/ }).textContent()).toContain("Invited");

    const [mail] = await waitForMail(email);
    expect(mail!.subject).toBe("Your invitation to the clinic referral portal");
    const invitee = await tab.page.context().browser()!.newContext();
    const page = await invitee.newPage();
    try {
      await page.goto(linkIn(mail!, inject("baseUrl")));
      await page.getByRole("heading", { name: "Welcome to the clinic referral portal" }).waitFor();
      const password = `an invited and careful heron ${randomUUID().slice(0, 4)}`;
      await page.getByLabel(/^New password/).fill(password);
      await page.getByLabel("The same password again").fill(password);
      await page.getByRole("button", { name: "Set password" }).click();
      await page.waitForURL((address) => address.pathname === "/login");
      await signInThroughForm(page, email, password);
      await page.getByTestId("viewer-name").waitFor();
      expect(await page.getByTestId("viewer-name").textContent()).toBe("Ines Invited");
    } finally {
      await invitee.close();
    }
    await tab.page.reload();
    await tab.page.getByRole("row", { name: /Ines Invited/ }).waitFor();
    expect(await tab.page.getByRole("row", { name: /Ines Invited/ }).textContent()).not.toContain("Invited ");
  });

  it("lets an administrator add a described service that a clinician of another clinic reads when choosing it", async () => {
    const [hillside, referrer] = await Promise.all([createTestClinic([{ role: "ADMIN" }]), clinicWithSessions(["CLINICIAN"])]);
    const name = `Hillside Hand Therapy ${randomUUID().slice(0, 6)}`;
    const description = "Hand and wrist rehabilitation after fractures, tendon repairs and nerve injuries.";
    const eligibility = "Adults within 12 weeks of injury or surgery.";
    await signInAs(tab.page, hillside.users[0]!.email, TEST_PASSWORD);
    await tab.page.getByRole("link", { name: "Services" }).click();
    await tab.page.getByRole("heading", { name: "Add a service" }).waitFor();
    const form = tab.page.locator("section[aria-labelledby=new-service-heading]");
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Discipline").selectOption("PHYSIOTHERAPY");
    await form.getByLabel("Description").fill(description);
    await form.getByLabel("Eligibility criteria").fill(eligibility);
    await form.getByLabel("Exclusions").fill("Children under 16.");
    await form.getByLabel("Phone").fill("01632 960 555");
    await form.getByLabel("Other clinics may refer to it").check();
    await form.getByLabel("Urgent").fill("3");
    await form.getByRole("button", { name: "Add service" }).click();
    await tab.page.getByRole("heading", { level: 3, name: new RegExp(name) }).waitFor();

    const patient = await createPatient(referrer.cookies[0]!);
    const clinician = await tab.page.context().browser()!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await clinician.newPage();
    try {
      await signInAs(page, referrer.users[0]!.email, TEST_PASSWORD);
      await page.goto(url(`/patients/${patient.id}/referrals/new`));
      await page.getByRole("checkbox", { name: "Pain", exact: true }).check();
      await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Physiotherapy");
      // No decision is preselected: accepting the recommendation brings up its discipline's services.
      await page.getByRole("radio", { name: /^Accept recommendation/ }).check();
      const choice = page.getByLabel("Physiotherapy service");
      await expect.poll(async () => (await choice.locator("option").allTextContents()).some((option) => option.startsWith(name))).toBe(true);
      await choice.selectOption({ label: `${name} (${hillside.clinic.name})` });
      const details = page.locator("#service-PHYSIOTHERAPY-details");
      await expect.poll(() => details.textContent()).toContain(description);
      expect(await details.textContent()).toContain(`Who it takes: ${eligibility}`);
      expect(await details.textContent()).toContain("Who it does not take: Children under 16.");
      expect(await choice.getAttribute("aria-describedby")).toBe("service-PHYSIOTHERAPY-details");
    } finally {
      await clinician.close();
    }
  });
});
