import { describe, expect, it } from "vitest";
import { referralLetter, type LetterCopy } from "@/lib/letters/letter";
import { renderLetterPdf } from "@/lib/letters/pdf";
import type { ExportReferral } from "@/lib/referrals/export";
import { ASSESS_FIRST_REQUEST } from "@/lib/referrals/labels";
import { attachment, exportReferral, FULL_CONTACT, part, RIVERSIDE } from "../../support/export-fixtures";
import { pdfPages, pdfText, renderPagePng } from "../../support/pdf";
import { docPicture } from "../../support/docs";

const DATE = new Date("2026-11-30T12:00:00.000Z");
const OVERRIDE = "Her daughter asked for both teams to see her.";

const referral = exportReferral([part("OCCUPATIONAL_THERAPY", "ACCEPTED"), part("PHYSIOTHERAPY", "SENT")], { overrideReason: OVERRIDE });
const letterPdf = (source: ExportReferral, copy: LetterCopy) => renderLetterPdf(referralLetter(source, { copy, date: DATE }));
/** As a reader sees it: quotes and spaces as printed, line breaks of wrapped text as spaces. */
const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

describe("the referral letter", () => {
  it("is a PDF", async () => {
    const pdf = await letterPdf(referral, "clinic");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("prints every field of the referral on the clinic copy", async () => {
    const text = await pdfText(await letterPdf(referral, "clinic"));
    const expected = [
      // Letterhead
      "Riverside Community Clinic",
      "12 Riverside Walk",
      "Northam, NM1 4RS",
      // Date
      "Date: 30 November 2026",
      // Receiving disciplines and services
      "Occupational therapy: Riverside Occupational Therapy",
      "Physiotherapy: Hillview Physiotherapy, Hillview Health Centre",
      // Patient
      "Name: Margaret Ellis",
      "Date of birth: 14 March 1941",
      "Record number: RCC-1001",
      // Priority
      "Priority Urgent",
      // Needs in words
      "Self-care: Dressing, bathing, eating and toileting.",
      "Household tasks: Cooking, cleaning and shopping.",
      "Stroke",
      // Notes
      "Clinician's notes",
      squeeze(referral.notes),
      // Recommendation
      `Recommendation Occupational therapy. ${referral.triage.reason}`,
      // Override and its reason
      "instead of the recommendation.",
      `Reason: ${OVERRIDE}`,
      // Referring clinician and referral id
      "Amara Okafor, Riverside Community Clinic",
      `Referral id ${referral.id}`,
    ];
    for (const field of expected) expect(text).toContain(field);
  });

  it("asks the service to assess first, on both copies, and words an assess-first override as such on the clinic copy", () => {
    const assessing = exportReferral([part("PHYSIOTHERAPY", "SENT")], { assessFirst: true, overrideReason: "Unclear which team." });
    const sections = (copy: LetterCopy) => referralLetter(assessing, { copy, date: DATE }).sections;
    for (const copy of ["clinic", "patient"] as const) {
      expect(sections(copy).find((section) => section.heading === "Request")?.paragraphs).toEqual([ASSESS_FIRST_REQUEST]);
    }
    expect(sections("clinic").find((section) => section.heading === "Override")?.paragraphs).toEqual([
      "The referring clinician chose to have the patient assessed first instead of the recommendation.",
      "Reason: Unclear which team.",
    ]);
    expect(referralLetter(referral, { copy: "clinic", date: DATE }).sections.some((section) => section.heading === "Request")).toBe(false);
  });

  it("quotes every seed sentence the recommendation rests on", async () => {
    const text = await pdfText(await letterPdf(referral, "clinic"));
    expect(referral.triage.matchedRules.length).toBeGreaterThan(0);
    for (const rule of referral.triage.matchedRules) expect(text).toContain(`“${squeeze(rule.source)}”`);
  });

  it("leaves the clinician's notes and the override discussion out of the patient copy", async () => {
    const text = await pdfText(await letterPdf(referral, "patient"));
    expect(text).toContain("(patient copy)");
    expect(text).not.toContain("Clinician's notes");
    expect(text).not.toContain("in and out of the bath");
    expect(text).not.toContain("Override");
    expect(text).not.toContain(OVERRIDE);
  });

  it("keeps everything else of the clinic copy on the patient copy", async () => {
    const text = await pdfText(await letterPdf(referral, "patient"));
    for (const field of ["12 Riverside Walk", "Name: Margaret Ellis", "Record number: RCC-1001", "Priority Urgent", "Self-care", `Referral id ${referral.id}`]) {
      expect(text).toContain(field);
    }
    for (const rule of referral.triage.matchedRules) expect(text).toContain(`“${squeeze(rule.source)}”`);
  });

  it("prints the patient's contact details, the referrer's work phone and the attachments, on both copies", async () => {
    const detailed = exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")], {
      patient: { ...referral.patient, ...FULL_CONTACT },
      author: { ...referral.author, workPhone: "01632 960 111" },
      attachments: [attachment({ filename: "discharge letter.pdf", size: 245_760 }), attachment({ filename: "wound.jpg", contentType: "image/jpeg", size: 1_572_864 })],
    });
    for (const copy of ["clinic", "patient"] as const) {
      const text = squeeze(await pdfText(await letterPdf(detailed, copy)));
      for (const field of [
        "Address: 14 Mill Lane, Flat 2, Northam, NM2 7QP",
        "Phone: 01632 960 123",
        "Email: margaret.ellis@example.org",
        "GP practice: Riverside Medical Practice",
        "Next of kin: Joan Ellis (daughter) 07700 900 456",
        "Preferred language: Welsh",
        "Interpreter needed: yes",
        "Work phone: 01632 960 111",
        "Attachments Sent with this referral in the portal:",
        "discharge letter.pdf (PDF, 240 KB), attached 27 November 2026 by Amara Okafor",
        "wound.jpg (JPEG image, 1.5 MB), attached 27 November 2026 by Amara Okafor",
      ]) {
        expect(text).toContain(field);
      }
    }
  });

  it("leaves out what the record does not hold: no empty contact lines, no attachments section", async () => {
    const text = await pdfText(await letterPdf(referral, "clinic"));
    for (const absent of ["Address:", "Phone:", "GP practice:", "Next of kin:", "Interpreter needed", "Work phone:", "Attachments"]) expect(text).not.toContain(absent);
  });

  it("prints only the clinic's name as letterhead when it has no address", async () => {
    const bare = { ...RIVERSIDE, addressLine1: null, city: null, postalCode: null };
    const pages = await pdfPages(await letterPdf(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")], { clinic: bare }), "clinic"));
    expect(pages[0]).toMatch(/^Riverside Community Clinic Date: 30 November 2026/);
  });

  it("numbers the pages of a letter too long for one", async () => {
    const long = exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")], { notes: "She manages the morning routine slowly. ".repeat(150) });
    const pages = await pdfPages(await letterPdf(long, "clinic"));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain(`page ${pages.length} of ${pages.length}`);
  });

  it.each([
    ["clinic", "docs/screenshots/referral-letter.png"],
    ["patient", "docs/screenshots/referral-letter-patient-copy.png"],
  ] as const)("draws the first page of the %s copy for %s", async (copy, file) => {
    docPicture(file, await renderPagePng(await letterPdf(referral, copy)));
  });

  describe("names and notes in any script", () => {
    const patient = { ...referral.patient, givenName: "Ayşe", familyName: "Yılmaz-Petrović" };
    const written = exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")], {
      patient,
      author: { ...referral.author, name: "Đorđe Ђорђевић" },
      clinic: { ...referral.clinic, name: "Κλινική Αθηνών" },
      notes: "Говорит по-русски. 患者需要帮助穿衣。",
    });

    it.each(["clinic", "patient"] as const)("reads back every name of the %s copy as written, in Latin, Cyrillic, Greek and Chinese", async (copy) => {
      const text = squeeze(await pdfText(await letterPdf(written, copy)));
      for (const expected of ["Name: Ayşe Yılmaz-Petrović", "Referral letter for Ayşe Yılmaz-Petrović", "Đorđe Ђорђевић, Κλινική Αθηνών", "Κλινική Αθηνών"]) {
        expect(text).toContain(expected);
      }
      if (copy === "clinic") expect(text.replace(/\s/g, "")).toContain("Говоритпо-русски.患者需要帮助穿衣。");
      expect(text).not.toContain("could not be printed");
    });

    it("prints a character no font has as its code point, and says so on the letter", async () => {
      const text = squeeze(await pdfText(await letterPdf({ ...written, patient: { ...patient, givenName: "한 Ayşe" } }, "clinic")));
      expect(text).toContain("Name: [U+D55C] Ayşe Yılmaz-Petrović");
      expect(text).toContain("Some characters could not be printed in this letter's fonts: each is shown as its Unicode code point, such as [U+D55C].");
    });

    it("embeds subsets of its fonts, not whole font files", async () => {
      const pdf = await letterPdf(written, "clinic");
      // DejaVu Sans alone is 757 KB and Noto Sans Hans 8 MB: the letter carries only the glyphs it uses.
      expect(pdf.length).toBeLessThan(200_000);
      expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans/);
    });
  });
});
