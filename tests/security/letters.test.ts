import { describe, expect, it } from "vitest";
import { clinicWithSessions, createPatient, createReferral } from "../support/api";
import { get, letterUrl, pdfOf } from "../support/exports";
import { pdfText } from "../support/pdf";

/**
 * The letter printed names outside Latin-1 as other characters or not at all:
 * over HTTP, as a clinic downloads it, every name and note comes back from
 * pdf.js as it was written, and a character no font of the letter has is
 * named by its code point, with a note saying so.
 */

describe("the letter's text in any script", () => {
  it("prints a patient named in Turkish and Serbian, a Cyrillic and Greek note and Chinese as written", async () => {
    const clinic = await clinicWithSessions();
    const patient = await createPatient(clinic.cookies[0]!, { givenName: "Ayşe Đorđe", familyName: "Yılmaz-Petrović" });
    const notes = "Говорит по-русски. Μιλάει ελληνικά. 患者需要帮助穿衣。 한국어";
    const referral = await createReferral(clinic.cookies[0]!, patient.id, { needs: { needs: ["SELF_CARE"], conditions: [], notes } });
    const response = await get(letterUrl(referral.id), clinic.cookies[0]!);
    expect(response.status).toBe(200);
    const text = (await pdfText(await pdfOf(response))).replace(/\s+/g, " ");
    expect(text).toContain("Name: Ayşe Đorđe Yılmaz-Petrović");
    expect(text).toContain("Говорит по-русски. Μιλάει ελληνικά.");
    expect(text.replace(/\s/g, "")).toContain("患者需要帮助穿衣。[U+D55C][U+AD6D][U+C5B4]");
    expect(text).toContain("Some characters could not be printed in this letter's fonts");
  });
});
