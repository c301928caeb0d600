import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * Reading a PDF back as a reader would, with Mozilla's pdf.js (its legacy
 * build runs on Node): the text of each page, and a page drawn to PNG through
 * the @napi-rs/canvas it ships with (prebuilt in an npm package, nothing to download).
 */

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
// Helvetica is one of the 14 standard fonts a PDF may use without embedding: pdf.js draws it from its own copies.
const standardFontDataUrl = `${path.join(pdfjsRoot, "standard_fonts")}/`;

const open = (pdf: Uint8Array) => getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, isEvalSupported: false }).promise;

/** The text of each page, its pieces joined by single spaces (line breaks of wrapped text become spaces). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const document = await open(pdf);
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
    pages.push(text.replace(/\s+/g, " ").trim());
  }
  await document.destroy();
  return pages;
}

/** The whole document's text, as one string. */
export const pdfText = async (pdf: Uint8Array) => (await pdfPages(pdf)).join(" ");

/** A page drawn at `scale` (1 = 72 dpi) as a PNG. */
export async function renderPagePng(pdf: Uint8Array, pageNumber = 1, scale = 1.5): Promise<Buffer> {
  const document = await open(pdf);
  const page = await document.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  // pdf.js types its factory as a bare Object; in Node it is the @napi-rs/canvas one.
  const factory = document.canvasFactory as { create(width: number, height: number): unknown };
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height)) as {
    canvas: { toBuffer(type: "image/png"): Buffer };
    context: CanvasRenderingContext2D;
  };
  // A white sheet: the PDF paints no background of its own.
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, viewport.width, viewport.height);
  await page.render({ canvasContext: context, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
  const png = canvas.toBuffer("image/png");
  await document.destroy();
  return png;
}
