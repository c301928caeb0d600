import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

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
