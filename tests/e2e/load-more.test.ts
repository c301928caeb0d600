import { randomUUID } from "node:crypto";
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { recordAuditEvents } from "@/lib/audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { clinicWithSessions, createPatient } from "../support/api";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";
import { TEST_PASSWORD, testDb } from "../support/db";
import { addServices, sendReferral } from "./support/therapy";

const tab = freshPagePerTest();

/** A clinic of its own, with services to refer to, whose first user is signed in over HTTP (for seeding) and in the browser. */
async function signedInClinic(roles: Role[] = ["CLINICIAN"]) {
  const { clinic, users, cookies } = await clinicWithSessions(roles);
  await addServices(clinic.id);
  await signInThroughForm(tab.page, users[0]!.email, TEST_PASSWORD);
  await tab.page.getByTestId("viewer-name").waitFor();
  return { clinic, users, cookie: cookies[0]! };
}

/** Referrals sent one after another, so each is newer than the one before; ids in the order sent. */
async function sendReferrals(cookie: string, patientIds: string[], count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    ids.push((await sendReferral(cookie, patientIds[index % patientIds.length]!)).id);
  }
  return ids;
}

/**
 * Clicks "Load more" until it is gone, checking that every click adds rows, and
 * returns what identifies each row, top to bottom, with the number of clicks.
 */
async function loadEverything(button: Locator, rows: Locator, rowKey: (row: Locator) => Promise<string | null>) {
  await rows.first().waitFor();
  let clicks = 0;
  while (await button.isVisible()) {
    const shown = await rows.count();
    await button.click();
    clicks += 1;
    await expect.poll(() => rows.count(), { message: `rows after click ${clicks} of "Load more"`, timeout: 15_000 }).toBeGreaterThan(shown);
  }
  const keys = [];
  for (const row of await rows.all()) keys.push(await rowKey(row));
  return { keys, clicks };
}

const referralLink = (row: Locator) => row.locator('a[href^="/referrals/"]').getAttribute("href");

describe('"Load more" in Chromium', () => {
  it("lists every patient of the search exactly once, by family name, across pages", async () => {
    const { clinic } = await signedInClinic();
    const tag = randomUUID().slice(0, 8);
    const familyNames = Array.from({ length: 45 }, (_, index) => `Loadmore-${tag}-${String(index).padStart(3, "0")}`);
    await testDb().patient.createMany({
      data: familyNames.map((familyName, index) => ({
        clinicId: clinic.id,
        medicalRecordNumber: `LM-${tag}-${index}`,
        givenName: "Pat",
        familyName,
        dateOfBirth: new Date("1970-05-01T00:00:00Z"),
      })),
    });

    await tab.page.goto(url("/patients"));
    const { keys, clicks } = await loadEverything(
      tab.page.getByRole("button", { name: "Load more patients" }),
      tab.page.locator("#patient-results li"),
      (row) => row.locator(".result-title").textContent(),
    );

    expect(clicks).toBe(2);
    expect(keys).toEqual(familyNames.map((familyName) => `Pat ${familyName}`));
  });

  it("lists every referral of a patient exactly once, newest first, across pages", async () => {
    const { cookie } = await signedInClinic();
    const patient = await createPatient(cookie);
    const sent = await sendReferrals(cookie, [patient.id], 45);

    await tab.page.goto(url(`/patients/${patient.id}`));
    const { keys, clicks } = await loadEverything(
      tab.page.getByRole("button", { name: "Load more", exact: true }),
      tab.page.locator("table.referral-table tbody tr"),
      referralLink,
    );

    expect(clicks).toBe(2);
    expect(keys).toEqual(sent.reverse().map((id) => `/referrals/${id}`));
  });

  it("lists every referral of the clinic's history exactly once, newest first, across pages", async () => {
    const { cookie } = await signedInClinic();
    const patients = [await createPatient(cookie), await createPatient(cookie)];
    const sent = await sendReferrals(
      cookie,
      patients.map((patient) => patient.id),
      60,
    );

    await tab.page.goto(url("/referrals"));
    const { keys, clicks } = await loadEverything(
      tab.page.getByRole("button", { name: "Load more", exact: true }),
      tab.page.locator("table.referral-table tbody tr"),
      referralLink,
    );

    expect(clicks).toBe(2);
    expect(keys).toEqual(sent.reverse().map((id) => `/referrals/${id}`));
  });

  it("lists every audit event of a user exactly once, newest first, across pages", async () => {
    const { clinic, users } = await signedInClinic(["ADMIN", "CLINICIAN"]);
    const clinician = users[1]!;
    const readPatientIds: string[] = [];
    for (let index = 0; index < 120; index += 1) {
      const patientId = randomUUID();
      readPatientIds.push(patientId);
      await recordAuditEvents(testDb(), [
        { clinicId: clinic.id, userId: clinician.id, action: "patient.read", entityType: "Patient", entityIds: [patientId], outcome: "SUCCESS", ip: "192.0.2.7", userAgent: "load-more-test" },
      ]);
      // Every event a millisecond of its own, so newest first is the reverse of this loop.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }

    // The clinician's own sign-in (when the clinic was made) is on the trail too; the action leaves it out.
    await tab.page.goto(url(`/admin/audit?userId=${clinician.id}&action=patient.read`));
    const { keys, clicks } = await loadEverything(
      tab.page.getByRole("button", { name: "Load more", exact: true }),
      tab.page.locator("table.audit-table tbody tr"),
      (row) => row.locator("code.record-id").textContent(),
    );

    expect(clicks).toBe(2);
    expect(keys).toEqual(readPatientIds.reverse());
  });
});
