import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { nextTotpCode, totpUserOf } from "./second-factor";

/** The system Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject("chromiumPath"),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const url = (path: string) => `${inject("baseUrl")}${path}`;

/**
 * Signs in through the real login form. A user with an authenticator app then
 * gets the second-factor page, where their next code is typed (unless
 * `secondFactor: false`); a refused password leaves the form's error in view.
 */
export async function signInThroughForm(page: Page, email: string, password: string, options: { secondFactor?: boolean; base?: string } = {}): Promise<void> {
  await page.goto(`${options.base ?? inject("baseUrl")}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const totpUser = options.secondFactor === false ? null : await totpUserOf(email);
  if (!totpUser) return;
  const codeBox = page.getByLabel("Code from your authenticator app");
  await page.locator("#second-factor-code, #sign-in-error").first().waitFor();
  if (!(await codeBox.isVisible())) return;
  await codeBox.fill(await nextTotpCode(totpUser));
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * One browser per test file and a fresh context (no cookies) and page per test.
 * Read `.page` inside a test: it is a new page each time.
 */
export function freshPagePerTest(options?: BrowserContextOptions): { readonly page: Page } {
  let browser: Browser;
  let context: BrowserContext;
  const tab = {} as { page: Page };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    context = await browser.newContext(options);
    tab.page = await context.newPage();
  });
  afterEach(() => context.close());
  return tab;
}
