import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";

const tab = freshPagePerTest();

const riverside = DEMO_CLINICS[0]!;
const admin = riverside.users.find((user) => user.role === "ADMIN")!;
const clinician = riverside.users.find((user) => user.role === "CLINICIAN")!;

async function signInAs(email: string) {
  await signInThroughForm(tab.page, email, DEMO_PASSWORD);
  await tab.page.getByTestId("viewer-name").waitFor();
}

describe("administration in Chromium", () => {
  it("lets an admin add a user, refusing a common password, and then deactivate them", async () => {
    await signInAs(admin.email);
    await tab.page.getByRole("link", { name: "Users" }).click();
    await tab.page.getByRole("heading", { name: "Users of the clinic" }).waitFor();
    const email = `new.colleague.${randomUUID().slice(0, 6)}@riverside.example`;
    await tab.page.getByLabel("Name").fill("Nadia New");
    await tab.page.getByLabel("Email").fill(email);
    await tab.page.getByLabel("Role").selectOption("CLINICIAN");
    await tab.page.getByRole("radio", { name: /^Type a first password/ }).check();
    await tab.page.getByLabel("First password (at least 12 characters)").fill("password1234");
    await tab.page.getByRole("button", { name: "Add user" }).click();
    expect(await tab.page.locator("#new-user-password-error").textContent()).toContain("too common");

    await tab.page.getByLabel("First password (at least 12 characters)").fill("quiet-harbour-lantern-7");
    await tab.page.getByRole("button", { name: "Add user" }).click();
    await tab.page.getByRole("row", { name: /Nadia New/ }).waitFor();
    await tab.page.getByRole("button", { name: "Deactivate Nadia New" }).click();
    await tab.page.getByRole("dialog", { name: "Deactivate Nadia New?" }).getByRole("button", { name: "Deactivate user" }).click();
    await tab.page.getByRole("button", { name: "Reactivate Nadia New" }).waitFor();
    expect(await tab.page.getByRole("row", { name: /Nadia New/ }).textContent()).toContain("Inactive");
  });

  it("lets an admin add a therapist only with one of the clinic's own services, and shows each user's service", async () => {
    await signInAs(admin.email);
    await tab.page.goto(url("/admin/users"));
    await tab.page.getByRole("heading", { name: "Users of the clinic" }).waitFor();
    // Demo therapists show the service they work for.
    expect(await tab.page.getByRole("row", { name: /Grace Lindqvist/ }).textContent()).toContain("Riverside Occupational Therapy");

    const email = `new.therapist.${randomUUID().slice(0, 6)}@riverside.example`;
    await tab.page.getByLabel("Name").fill("Tomas Therapist");
    await tab.page.getByLabel("Email").fill(email);
    await tab.page.getByLabel("Role").selectOption("THERAPIST");
    const service = tab.page.getByLabel("Service they work for");
    // Only Riverside's own services are offered, never another clinic's.
    await expect.poll(() => service.locator("option").allTextContents()).toEqual([
      "Choose a service",
      "Riverside Occupational Therapy (Occupational therapy)",
      "Riverside Physiotherapy (Physiotherapy)",
    ]);
    await tab.page.getByRole("radio", { name: /^Type a first password/ }).check();
    await tab.page.getByLabel("First password (at least 12 characters)").fill("quiet-harbour-lantern-7");
    await tab.page.getByRole("button", { name: "Add user" }).click();
    await tab.page.locator("#new-user-serviceId-error").waitFor();

    await service.selectOption({ label: "Riverside Physiotherapy (Physiotherapy)" });
    await tab.page.getByLabel("First password (at least 12 characters)").fill("quiet-harbour-lantern-7");
    await tab.page.getByRole("button", { name: "Add user" }).click();
    const row = tab.page.getByRole("row", { name: /Tomas Therapist/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Therapist");
    expect(await row.textContent()).toContain("Riverside Physiotherapy");
  });

  it("shows an admin the audit trail, including their own sign-in", async () => {
    await signInAs(admin.email);
    await tab.page.getByRole("link", { name: "Audit trail" }).click();
    await tab.page.getByRole("table").waitFor();
    expect(await tab.page.getByRole("table").textContent()).toContain("Signed in");
  });

  it("shows an admin no worklist: deciding on referrals is the services' work", async () => {
    await signInAs(admin.email);
    const nav = tab.page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Patients", "My referrals", "Referrals", "Users", "Services", "E-mail", "Audit trail", "Dashboard"]);
    await tab.page.goto(url("/worklist"));
    expect(await tab.page.locator("main").textContent()).toContain("Only a therapist of a service has a worklist.");
  });

  it("hides administration from a clinician and refuses the pages by address", async () => {
    await signInAs(clinician.email);
    expect(await tab.page.getByRole("link", { name: "Users" }).count()).toBe(0);
    expect(await tab.page.getByRole("link", { name: "Audit trail" }).count()).toBe(0);
    expect(await tab.page.getByRole("link", { name: "Services" }).count()).toBe(0);
    expect(await tab.page.getByRole("link", { name: "E-mail" }).count()).toBe(0);
    await tab.page.goto(url("/admin/services"));
    expect(await tab.page.locator("main").textContent()).toContain("Only clinic administrators can change the clinic's services.");
    await tab.page.goto(url("/admin/mail"));
    expect(await tab.page.locator("main").textContent()).toContain("Only clinic administrators can see how the clinic's e-mail went.");
    await tab.page.goto(url("/admin/users"));
    expect(await tab.page.locator("main").textContent()).toContain("Only clinic administrators can manage users.");
    await tab.page.goto(url("/admin/audit"));
    expect(await tab.page.locator("main").textContent()).toContain("Only clinic administrators can see the audit trail");
  });
});
