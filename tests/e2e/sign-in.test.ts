import { describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { createTestClinic, TEST_PASSWORD } from "../support/db";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";

const tab = freshPagePerTest();

const riverside = DEMO_CLINICS[0]!;
const clinician = riverside.users.find((user) => user.role === "CLINICIAN")!;

describe("sign-in in Chromium", () => {
  it("sends a visitor without a session from the portal to /login", async () => {
    await tab.page.goto(url("/"));
    expect(new URL(tab.page.url()).pathname).toBe("/login");
    await expect(tab.page.getByRole("heading", { name: "Clinic referral portal" }).isVisible()).resolves.toBe(true);
  });

  it("signs a demo clinician in to a home page with their name and clinic, signs out, and refuses the home page after", async () => {
    await signInThroughForm(tab.page, clinician.email, DEMO_PASSWORD);
    await tab.page.getByTestId("viewer-name").waitFor();
    expect(new URL(tab.page.url()).pathname).toBe("/");
    expect(await tab.page.getByTestId("viewer-name").textContent()).toBe(clinician.name);
    expect(await tab.page.getByTestId("viewer-clinic").textContent()).toBe(riverside.name);
    expect(await tab.page.getByRole("heading", { level: 1 }).textContent()).toBe(`Welcome, ${clinician.name}`);

    await tab.page.getByRole("button", { name: "Sign out" }).click();
    await tab.page.waitForURL((address) => address.pathname === "/login");
    await tab.page.goto(url("/"));
    expect(new URL(tab.page.url()).pathname).toBe("/login");
    expect(await tab.page.getByTestId("viewer-name").count()).toBe(0);
  });

  it("shows the same message for a wrong password and for an inactive account", async () => {
    const { users } = await createTestClinic([{ active: false }]);
    const message = tab.page.locator("#sign-in-error");
    await signInThroughForm(tab.page, clinician.email, "wrong-password-entirely");
    const wrongPassword = await message.textContent();
    await signInThroughForm(tab.page, users[0]!.email, TEST_PASSWORD);
    const inactive = await message.textContent();
    expect(wrongPassword).toBe("Email or password is incorrect, or the account is not active.");
    expect(inactive).toBe(wrongPassword);
    expect(new URL(tab.page.url()).pathname).toBe("/login");
  });
});
