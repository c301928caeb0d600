import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seedClinicReferrals } from "@/lib/ops/demo-referrals";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";

/**
 * The dashboard counts sent parts by the day each was sent (issue 23, item 9),
 * for referrals seeded as the demo's are: sent now, then moved back to their
 * days over ten weeks. In Chromium, the weekly table's "sent" columns spread
 * over those weeks and add up to every part the clinic sent.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

describe("the dashboard's sent figures in Chromium", () => {
  it("spreads back-dated referrals over the weeks they were sent, not the week they were seeded", async () => {
    const prisma = testDb();
    const { clinic, users } = await createTestClinic([
      { role: "ADMIN" },
      { role: "CLINICIAN" },
      { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" },
      { role: "THERAPIST", service: "PHYSIOTHERAPY" },
    ]);
    const tag = randomUUID().slice(0, 8);
    const patients = await Promise.all(
      ["Ellis", "Nowak"].map((familyName, index) =>
        prisma.patient.create({ data: { clinicId: clinic.id, medicalRecordNumber: `SW-${tag}-${index}`, givenName: "Week", familyName, dateOfBirth: new Date("1950-01-01") } }),
      ),
    );
    await seedClinicReferrals(prisma, { index: 6, id: clinic.id, authors: [users[0]!.email, users[1]!.email], patients: patients.map((patient) => patient.medicalRecordNumber) });
    const sentParts = await prisma.referralPart.count({ where: { referral: { clinicId: clinic.id }, redirectedFromId: null } });

    const page = tab.page;
    await signInThroughForm(page, users[0]!.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await page.goto(url("/dashboard"));
    const volume = page.getByRole("region", { name: "Referrals sent and received per week" });
    await volume.getByRole("button", { name: "Show table" }).click();
    const table = volume.getByRole("table");
    await table.waitFor();
    const headers = await table.locator("thead th").allTextContents();
    const sentColumns = headers.flatMap((header, index) => (header.startsWith("Sent:") ? [index] : []));
    expect(sentColumns.length).toBeGreaterThan(0);
    const rows = await table.locator("tbody tr").evaluateAll((elements) =>
      elements.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent ?? "")),
    );
    const sentPerWeek = rows.map((cells) => sentColumns.reduce((sum, index) => sum + Number(cells[index]), 0));
    expect(sentPerWeek.reduce((sum, count) => sum + count, 0)).toBe(sentParts);
    expect(sentPerWeek.filter((count) => count > 0).length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...sentPerWeek)).toBeLessThan(sentParts / 2);
  });
});
