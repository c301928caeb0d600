import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";

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

/** Signs in through the real login form. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto(url("/login"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
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
