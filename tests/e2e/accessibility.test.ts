import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { PORTAL_PAGES, portalFixture, visit, type PortalFixture } from "./support/portal-pages";

/**
 * axe-core over every page of the portal in its main state: no violation of
 * serious or critical impact. axe is evaluated into the page over the
 * DevTools protocol, which the portal's Content-Security-Policy (nonces only)
 * does not govern, so the pages are scanned exactly as they are served.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      nodes: nodes.map((node) => ({ target: node.target.map(String), failureSummary: node.failureSummary })),
    }));
  });
  return violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ""));
}

let browser: Browser;
let portal: PortalFixture;

beforeAll(async () => {
  browser = await launchBrowser();
  portal = await portalFixture(browser);
}, 120_000);
afterAll(async () => {
  await portal?.close();
  await browser?.close();
});

describe("accessibility (axe-core) in Chromium", () => {
  it.each(PORTAL_PAGES.map((page) => page.name))("%s: no serious or critical axe violation", async (name) => {
    const portalPage = PORTAL_PAGES.find((candidate) => candidate.name === name)!;
    const page = await portal.pageFor(portalPage.role, { width: 1280, height: 900 });
    try {
      await visit(page, portalPage, portal.records);
      const violations = await seriousViolations(page);
      const report = violations.map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      expect(report).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("new referral on a phone, its reasons opened, then with a draft offered: no serious or critical axe violation", async () => {
    const newReferral = PORTAL_PAGES.find((candidate) => candidate.name === "new referral with a preview")!;
    const page = await portal.pageFor(newReferral.role, { width: 390, height: 844 });
    try {
      await visit(page, newReferral, portal.records);
      await page.getByRole("button", { name: "Show reasons" }).click();
      const opened = await seriousViolations(page);
      // The ticked needs are kept as a draft: after a reload (which asks first) it is offered back.
      page.on("dialog", (dialog) => void dialog.accept());
      await page.reload();
      await page.getByRole("region", { name: "Unsent draft" }).waitFor();
      const offered = await seriousViolations(page);
      expect([...opened, ...offered].map((violation) => `${violation.impact} ${violation.id}: ${violation.help}`)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
