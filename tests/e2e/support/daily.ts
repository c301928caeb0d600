import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { hashPassword } from "@/lib/auth/password";
import { createTestClinic, TEST_PASSWORD, testDb } from "../../support/db";
import { signInOverHttp } from "../../support/http";

/**
 * Issue 23's scenario: clinic A refers, with a clinician whose work phone is
 * on their account; clinic B's physiotherapy service takes outside referrals
 * and has a phone and an email; its therapist works it. A's patient has
 * contact details on their record. Each test gets clinics of its own.
 */
export async function referringAndReceiving() {
  const tag = randomUUID().slice(0, 8);
  const a = await createTestClinic([{ role: "CLINICIAN" }, { role: "CLINICIAN" }]);
  const b = await createTestClinic([{ role: "CLINICIAN" }], { services: [{ discipline: "OCCUPATIONAL_THERAPY" }] });
  const db = testDb();
  const physiotherapy = await db.therapyService.create({
    data: {
      clinicId: b.clinic.id,
      discipline: "PHYSIOTHERAPY",
      // After the demo's "Hillview" in the directory (sorted by name), which tests/e2e/therapy-loop.test.ts expects second.
      name: `Westbrook Physiotherapy ${tag}`,
      acceptsExternalReferrals: true,
      contactPhone: "01632 960 202",
      contactEmail: `physio.${tag}@westbrook.test`,
    },
  });
  const therapist = await db.user.create({
    data: {
      clinicId: b.clinic.id,
      serviceId: physiotherapy.id,
      role: "THERAPIST",
      email: `physio.${tag}@clinic.test`,
      name: `Parveen Physio ${tag}`,
      passwordHash: await hashPassword(TEST_PASSWORD),
    },
  });
  const clinician = await db.user.update({ where: { id: a.users[0]!.id }, data: { workPhone: "01632 960 111" } });
  const patient = await db.patient.create({
    data: {
      clinicId: a.clinic.id,
      medicalRecordNumber: `D23-${tag}`,
      givenName: "Margaret",
      familyName: `Ellis-${tag}`,
      dateOfBirth: new Date("1941-03-14"),
      addressLine1: "14 Mill Lane",
      city: "Northam",
      postalCode: "NM2 7QP",
      phone: "01632 960 431",
      gpPractice: "Northam Medical Practice",
      nextOfKinName: "Joan Ellis",
      nextOfKinRelationship: "Daughter",
      nextOfKinPhone: "07700 900 431",
      preferredLanguage: "Welsh",
      interpreterNeeded: true,
    },
  });
  const { sessionCookie } = await signInOverHttp(clinician.email, TEST_PASSWORD);
  return { a, b, clinician, colleague: a.users[1]!, therapist, physiotherapy, patient, cookie: sessionCookie!, tag };
}

export type Scenario = Awaited<ReturnType<typeof referringAndReceiving>>;

/** On the new-referral form: physiotherapy for pain and stiffness, the recommendation accepted, sent to B's service. */
export async function fillPhysiotherapyReferral(page: Page, scenario: Scenario) {
  await page.getByRole("checkbox", { name: "Pain", exact: true }).check();
  await page.getByRole("checkbox", { name: "Range of motion", exact: true }).check();
  await page.getByLabel("Notes", { exact: true }).fill("Stiff painful knee after a fall; manages stairs slowly.");
  await page.getByTestId("recommendation").filter({ hasText: /^Physiotherapy$/ }).waitFor();
  await page.getByRole("radio", { name: /^Accept recommendation/ }).check();
  await page.getByLabel("Physiotherapy service").selectOption(scenario.physiotherapy.id);
}
