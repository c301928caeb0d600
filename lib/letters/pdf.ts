import PDFDocument from "pdfkit";
import type { ReferralLetter } from "./letter";

/**
 * A referral letter as an A4 PDF, drawn with pdfkit in its built-in Helvetica
 * (one of the PDF standard fonts: nothing fetched, nothing embedded).
 */

const MARGIN = 56;
const INK = "#1a1a1a";
const MUTED = "#555555";

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

  document.fillColor(INK).font("Helvetica-Bold").fontSize(16).text(letter.letterhead.name);
  document.font("Helvetica").fontSize(10).fillColor(MUTED);
  for (const line of letter.letterhead.address) document.text(line);
  document.moveDown(0.5);
  document.moveTo(MARGIN, document.y).lineTo(MARGIN + width, document.y).lineWidth(0.5).strokeColor("#999999").stroke();
  document.moveDown(1);

  document.fillColor(INK).fontSize(10).text(`Date: ${letter.date}`, { align: "right" });
  document.moveDown(0.5);
  document.font("Helvetica-Bold").fontSize(14).text(letter.title);
  document.moveDown(0.5);

  for (const section of letter.sections) {
    document.moveDown(0.4);
    document.font("Helvetica-Bold").fontSize(11).fillColor(INK).text(section.heading);
    document.font("Helvetica").fontSize(10);
    for (const paragraph of section.paragraphs ?? []) document.text(paragraph, { width, paragraphGap: 2 });
    if (section.items?.length) document.list(section.items, { width, bulletRadius: 1.5, textIndent: 10, paragraphGap: 2 });
  }

  const pages = document.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    document.switchToPage(pages.start + index);
    // Writing inside the bottom margin would open a new page; the margin is lifted while the footer is written.
    const bottom = document.page.margins.bottom;
    document.page.margins.bottom = 0;
    document
      .font("Helvetica")
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${letter.footer} · page ${index + 1} of ${pages.count}`, MARGIN, document.page.height - MARGIN, { width, align: "center", lineBreak: false });
    document.page.margins.bottom = bottom;
  }
  document.end();
  return finished;
}
