import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * The documents under docs/ that tests produce (screenshots, the FHIR example)
 * are written only by `npm run docs:screenshots` and `npm run docs:examples`,
 * which set WRITE_DOCS=1. Any other run leaves the tracked files alone: it
 * still takes the picture or builds the example, checks what it can of it,
 * and compares an example with the committed one (a golden), so `npm test`
 * leaves `git status` clean.
 */
export const WRITE_DOCS = process.env.WRITE_DOCS === "1";

/** Checks that `png` is a PNG picture at least `minWidth` wide, and writes it to `file` when this run writes the docs. */
export function docPicture(file: string, png: Buffer, minWidth = 300): void {
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(minWidth);
  expect(png.readUInt32BE(20)).toBeGreaterThan(0);
  if (!WRITE_DOCS) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, png);
}

/** A screenshot of the page for docs/screenshots/`name` (written only when this run writes the docs). */
export async function docScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  docPicture(path.join("docs/screenshots", name), await page.screenshot({ fullPage: options.fullPage ?? false }));
}

/** A text document under docs/: written when this run writes the docs, else compared with the committed file. */
export function docText(file: string, text: string): void {
  if (WRITE_DOCS) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  expect(text, `${file} differs from what the code makes now: run npm run docs:examples and commit the result`).toBe(readFileSync(file, "utf8"));
}
