import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { totpOf } from "@/lib/auth/second-factor/totp";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";
import { docScreenshot } from "../support/docs";
import { graphql, signInOverHttp } from "../support/http";
import { nextTotpCode } from "../support/second-factor";

/**
 * The second factor in real Chromium against the production build: passkeys
 * through a virtual authenticator (the DevTools protocol's WebAuthn domain),
 * an authenticator app whose codes the test computes with the same library,
 * recovery codes, forced enrolment under the policy, the step-up before an
 * administrator's action, and ending another session from Your account.
 */

const tab = freshPagePerTest();

/** Passkeys need a host name: the portal is reached at localhost for them (PASSKEY_ORIGIN in tests/support/portal-server.ts). */
const localBase = () => inject("baseUrl").replace("127.0.0.1", "localhost");

async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((address) => address.pathname === "/login");
}

describe("second factor in Chromium", () => {
  it("registers a passkey at forced enrolment with a virtual authenticator, then signs in with it as the second step", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN", secondFactor: false }]);
    const admin = users[0]!;
    const page = tab.page;
    await addVirtualAuthenticator(page);
    await signInThroughForm(page, admin.email, TEST_PASSWORD, { base: localBase() });
    await page.waitForURL((address) => address.pathname === "/login/enrol");
    await page.getByLabel("Name for this passkey").fill("Test laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    expect(await page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
    await page.getByTestId("viewer-name").waitFor();

    await signOut(page);
    await signInThroughForm(page, admin.email, TEST_PASSWORD, { base: localBase() });
    await page.waitForURL((address) => address.pathname === "/login/verify");
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await page.getByTestId("viewer-name").waitFor();

    const passkey = await testDb().passkey.findFirstOrThrow({ where: { userId: admin.id } });
    expect(passkey.name).toBe("Test laptop");
    expect(passkey.lastUsedAt).not.toBeNull();
    await page.goto(`${localBase()}/account`);
    await page.getByRole("list", { name: "Your passkeys" }).getByText("Test laptop", { exact: true }).waitFor();
  });

  it("sets up an authenticator app from the typed key, signs in with its code, and takes each recovery code once", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN", secondFactor: false }]);
    const admin = users[0]!;
    const page = tab.page;
    await signInThroughForm(page, admin.email, TEST_PASSWORD, { secondFactor: false });
    await page.waitForURL((address) => address.pathname === "/login/enrol");
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await page.getByRole("img", { name: /QR code/ }).waitFor();
    await docScreenshot(page, "second-factor-enrolment.png", { fullPage: true });
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
    await page.getByLabel("Code from the app").fill(totpOf(secret).generate());
    await page.getByRole("button", { name: "Confirm the app" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    const codes = await page.getByTestId("recovery-codes").locator("code").allTextContents();
    expect(codes).toHaveLength(10);
    await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
    await page.getByTestId("viewer-name").waitFor();

    // The code the enrolment used is spent: the helper computes the next step's.
    await signOut(page);
    await signInThroughForm(page, admin.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();

    await signOut(page);
    await signInThroughForm(page, admin.email, TEST_PASSWORD, { secondFactor: false });
    await page.waitForURL((address) => address.pathname === "/login/verify");
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByTestId("viewer-name").waitFor();

    await signOut(page);
    await signInThroughForm(page, admin.email, TEST_PASSWORD, { secondFactor: false });
    await page.waitForURL((address) => address.pathname === "/login/verify");
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    const error = page.locator("#second-factor-error");
    await error.waitFor();
    expect(await error.textContent()).toBe("That recovery code is not right, or it was used already.");
    expect(new URL(page.url()).pathname).toBe("/login/verify");
  });

  it("takes a clinician without a second factor to enrolment once the policy asks everyone, and lets them reach nothing else", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }, { role: "CLINICIAN" }]);
    const [admin, clinician] = users;
    const page = tab.page;
    await signInThroughForm(page, admin!.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await page.goto(url("/admin/users"));
    await page.getByRole("radio", { name: "Everyone" }).check();
    await page.getByRole("button", { name: "Save the policy" }).click();
    await page.getByText("Everyone now needs a second factor", { exact: false }).waitFor();
    await signOut(page);

    await signInThroughForm(page, clinician!.email, TEST_PASSWORD);
    await page.waitForURL((address) => address.pathname === "/login/enrol");
    for (const path of ["/", "/patients", "/referrals", "/account"]) {
      await page.goto(url(path));
      expect(new URL(page.url()).pathname).toBe("/login/enrol");
    }
    expect((await testDb().clinic.findUniqueOrThrow({ where: { id: admin!.clinicId } })).secondFactorPolicy).toBe("EVERYONE");
  });

  it("asks an administrator for the second factor again before adding a user when the last check is older than 10 minutes", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    const admin = users[0]!;
    const page = tab.page;
    await signInThroughForm(page, admin.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await testDb().userSession.updateMany({ where: { userId: admin.id, endedAt: null }, data: { secondFactorAt: new Date(Date.now() - 11 * 60 * 1000) } });

    await page.goto(url("/admin/users"));
    const email = `stepped.up.${admin.id.slice(0, 8)}@clinic.test`;
    await page.getByLabel("Name").fill("Stepped Up");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("radio", { name: /^Type a first password/ }).check();
    await page.getByLabel("First password (at least 12 characters)").fill("quiet-harbour-lantern-7");
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
    await dialog.waitFor();
    expect(await testDb().user.count({ where: { email } })).toBe(0);
    await dialog.getByLabel("Code from your authenticator app").fill(await nextTotpCode(admin.id));
    await dialog.getByRole("button", { name: "Continue" }).click();
    await page.getByText(`Added ${email}`).waitFor();
    expect(await testDb().user.count({ where: { email } })).toBe(1);
  });

  it("ends another of the user's sessions from the account page", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const clinician = users[0]!;
    const { sessionCookie: otherSession } = await signInOverHttp(clinician.email, TEST_PASSWORD);
    expect((await graphql("{ me { id } }", { cookie: otherSession })).data).toEqual({ me: { id: clinician.id } });

    const page = tab.page;
    await signInThroughForm(page, clinician.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await page.goto(url("/account"));
    const rows = page.getByTestId("session-list").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole("heading", { name: "Passkeys" }).waitFor();
    await docScreenshot(page, "sessions.png", { fullPage: true });
    await page.getByRole("button", { name: /^End session/ }).click();
    await page.getByText("That session has ended.").waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect((await graphql("{ me { id } }", { cookie: otherSession })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await graphql("{ me { id } }", { cookie: otherSession })).data?.me ?? null).toBeNull();
  });
});
