import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { docScreenshot } from "../support/docs";
import { PORTAL_PAGES, portalFixture, visit, type PortalFixture } from "./support/portal-pages";

/**
 * Every page at a phone, a tablet and two desktop widths: no control (button,
 * link, input, select, text area) cut off, neither by the edge of the window nor
 * by a container that clips or scrolls its content sideways, and no sideways
 * scrolling of the whole document.
 */

const WIDTHS = [390, 768, 1280, 1920] as const;
const HEIGHTS: Record<(typeof WIDTHS)[number], number> = { 390: 844, 768: 1024, 1280: 900, 1920: 1080 };

interface Clipped {
  control: string;
  why: string;
}

/** The controls a user can see that are not wholly inside the window and every container that clips them. */
function clippedControls(page: Page): Promise<{ documentOverflow: number; clipped: Clipped[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const viewportWidth = root.clientWidth;
    const describe = (element: Element) => {
      const text = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      const id = element.id ? `#${element.id}` : "";
      return `${element.tagName.toLowerCase()}${id}${text ? ` "${text}"` : ""}`;
    };
    const hiddenOnPurpose = (element: Element) => {
      // The skip link waits off-screen until focused; visually hidden text is for screen readers only.
      if (element.closest(".skip-link, .visually-hidden")) return true;
      const style = getComputedStyle(element);
      return style.visibility === "hidden" || style.display === "none";
    };
    const clipped: Clipped[] = [];
    for (const element of document.querySelectorAll("button, a[href], input:not([type=hidden]), select, textarea")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || hiddenOnPurpose(element)) continue;
      if (box.left < -1 || box.right > viewportWidth + 1) {
        clipped.push({ control: describe(element), why: `outside the window (${Math.round(box.left)}–${Math.round(box.right)} of ${viewportWidth} px)` });
        continue;
      }
      for (let ancestor = element.parentElement; ancestor && ancestor !== document.body && ancestor !== root; ancestor = ancestor.parentElement) {
        const style = getComputedStyle(ancestor);
        const clipsX = style.overflowX !== "visible";
        const hidesY = style.overflowY === "hidden" || style.overflowY === "clip";
        if (!clipsX && !hidesY) continue;
        const frame = ancestor.getBoundingClientRect();
        const outX = clipsX && (box.left < frame.left - 1 || box.right > frame.right + 1);
        const outY = hidesY && (box.top < frame.top - 1 || box.bottom > frame.bottom + 1);
        if (outX || outY) {
          clipped.push({ control: describe(element), why: `cut off by ${describe(ancestor)} (overflow ${style.overflowX}/${style.overflowY})` });
          break;
        }
      }
    }
    return { documentOverflow: root.scrollWidth - root.clientWidth, clipped };
  });
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

describe("layout at phone, tablet and desktop widths in Chromium", () => {
  it.each(WIDTHS)("at %i px every page keeps its controls in view and does not scroll sideways", async (width) => {
    const problems: string[] = [];
    for (const portalPage of PORTAL_PAGES) {
      const page = await portal.pageFor(portalPage.role, { width, height: HEIGHTS[width] });
      try {
        await visit(page, portalPage, portal.records);
        const { documentOverflow, clipped } = await clippedControls(page);
        if (documentOverflow > 0) problems.push(`${portalPage.name}: the page scrolls sideways by ${documentOverflow} px`);
        for (const { control, why } of clipped) problems.push(`${portalPage.name}: ${control} ${why}`);
      } finally {
        await page.close();
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it.each([
    [390, "phone"],
    [1280, "desktop"],
  ] as const)("takes the history at %i px (%s) for the README", async (width, size) => {
    const history = PORTAL_PAGES.find((candidate) => candidate.name === "history")!;
    const page = await portal.pageFor("clinician", { width, height: HEIGHTS[width] });
    try {
      await visit(page, history, portal.records);
      await docScreenshot(page, `history-${size}.png`, { fullPage: true });
    } finally {
      await page.close();
    }
  });
});
