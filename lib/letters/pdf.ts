import PDFDocument from "pdfkit";
import { fontOf, runsOf, type FontFace } from "./fonts";
import type { ReferralLetter } from "./letter";

/**
 * A referral letter as an A4 PDF, drawn with pdfkit in fonts embedded from npm
 * packages (lib/letters/fonts.ts): DejaVu Sans for Latin, Greek and Cyrillic
 * ("Ayşe Yılmaz", "Đorđe Petrović", "Пётр"), Noto Sans Hans for Chinese, each
 * a subset of the glyphs the letter uses. A character no font here has is
 * printed as its code point, and the letter says so, instead of printing
 * another character or nothing.
 */

const MARGIN = 56;
const INK = "#1a1a1a";
const MUTED = "#555555";
const BULLET_INDENT = 12;

type Options = PDFKit.Mixins.TextOptions;

export function renderLetterPdf(letter: ReferralLetter): Promise<Buffer> {
  // bufferPages: the footer ("page 1 of 2") is written once the page count is known.
  const document = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: letter.title, Author: letter.letterhead.name, Subject: "Referral letter" },
  });
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on("end", () => resolve(Buffer.concat(chunks)));
    document.on("error", reject);
  });
  const width = document.page.width - 2 * MARGIN;
  const registered = new Set<FontFace>();
  let missing: string | null = null;

  /** Writes `text` in runs of the faces that have its characters (pdfkit's `continued` keeps them one paragraph). */
  const write = (text: string, base: "regular" | "bold", size: number, options: Options = {}, at?: { x: number; y: number }) => {
    const runs = runsOf(text, base);
    runs.forEach((run, index) => {
      if (!registered.has(run.face)) {
        // The parsed font is the process's (fontOf); pdfkit embeds a subset of it in this document.
        document.registerFont(run.face, fontOf(run.face) as unknown as string);
        registered.add(run.face);
      }
      if (run.missing) missing ??= run.text;
      document.font(run.face).fontSize(size);
      const last = index === runs.length - 1;
      if (index === 0 && at) document.text(run.text, at.x, at.y, { ...options, continued: !last });
      else document.text(run.text, { ...options, continued: !last });
    });
  };

  document.fillColor(INK);
  write(letter.letterhead.name, "bold", 16);
  document.fillColor(MUTED);
  for (const line of letter.letterhead.address) write(line, "regular", 10);
  document.moveDown(0.5);
  document.moveTo(MARGIN, document.y).lineTo(MARGIN + width, document.y).lineWidth(0.5).strokeColor("#999999").stroke();
  document.moveDown(1);

  document.fillColor(INK);
  write(`Date: ${letter.date}`, "regular", 10, { align: "right" });
  document.moveDown(0.5);
  write(letter.title, "bold", 14);
  document.moveDown(0.5);

  for (const section of letter.sections) {
    document.moveDown(0.4);
    document.fillColor(INK);
    write(section.heading, "bold", 11);
    for (const paragraph of section.paragraphs ?? []) write(paragraph, "regular", 10, { width, paragraphGap: 2 });
    for (const item of section.items ?? []) {
      const y = document.y;
      write("•", "regular", 10, { width: BULLET_INDENT }, { x: MARGIN, y });
      write(item, "regular", 10, { width: width - BULLET_INDENT, paragraphGap: 2 }, { x: MARGIN + BULLET_INDENT, y });
      document.x = MARGIN;
    }
  }
  if (missing) {
    document.moveDown(1);
    document.fillColor(MUTED);
    write(`Some characters could not be printed in this letter's fonts: each is shown as its Unicode code point, such as ${missing}.`, "regular", 9, { width });
  }

  const pages = document.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    document.switchToPage(pages.start + index);
    // Writing inside the bottom margin would open a new page; the margin is lifted while the footer is written.
    const bottom = document.page.margins.bottom;
    document.page.margins.bottom = 0;
    document.fillColor(MUTED);
    write(`${letter.footer} · page ${index + 1} of ${pages.count}`, "regular", 8, { width, align: "center", lineBreak: false }, {
      x: MARGIN,
      y: document.page.height - MARGIN,
    });
    document.page.margins.bottom = bottom;
  }
  document.end();
  return finished;
}
