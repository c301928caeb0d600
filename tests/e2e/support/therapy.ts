import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { hashPassword } from "@/lib/auth/password";
import { createTestClinic, TEST_PASSWORD, testDb } from "../../support/db";
import { graphql, signInOverHttp } from "../../support/http";
import { signInThroughForm } from "../../support/browser";

/** A referral sent over the API as the browser sends it, with each part's id, status and version. */
const SEND_REFERRAL = /* GraphQL */ `
  mutation SendReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
      parts { id discipline status version service { id } }
    }
  }
`;

export interface SentReferral {
  id: string;
  parts: { id: string; discipline: string; status: string; version: number; service: { id: string } }[];
}

/** Sends a referral (occupational therapy for self-care unless overridden) from the clinician whose session cookie is given. */
export async function sendReferral(cookie: string, patientId: string, overrides: Record<string, unknown> = {}): Promise<SentReferral> {
  const result = await graphql<{ createReferral: SentReferral }>(SEND_REFERRAL, {
    cookie,
    variables: {
      input: {
        idempotencyKey: randomUUID(),
        patientId,
        needs: { needs: ["SELF_CARE"], conditions: [], notes: "Needs help getting dressed." },
        disciplines: ["OCCUPATIONAL_THERAPY"],
        priority: "ROUTINE",
        // A further referral for one patient answers the duplicate warning (stored only when there was one).
        duplicateReason: "A further referral for the same patient (test).",
        ...overrides,
      },
    },
  });
  if (!result.data?.createReferral) throw new Error(`createReferral failed: ${JSON.stringify(result.errors)}`);
  return result.data.createReferral;
}

/** A test clinic's own occupational therapy and physiotherapy services (tests/support/db.ts makes one of each), where its referrals go. */
export async function addServices(clinicId: string) {
  const db = testDb();
  const serviceOf = (discipline: "OCCUPATIONAL_THERAPY" | "PHYSIOTHERAPY") =>
    db.therapyService.findFirstOrThrow({ where: { clinicId, discipline }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return { occupationalTherapy: await serviceOf("OCCUPATIONAL_THERAPY"), physiotherapy: await serviceOf("PHYSIOTHERAPY") };
}

/** Signs in through the login form and waits for the portal to show who is signed in. */
export async function signInAs(page: Page, email: string, password: string) {
  await signInThroughForm(page, email, password);
  await page.getByTestId("viewer-name").waitFor();
}

/** A page of its own (fresh cookies) at a desktop size in the same browser, signed in as `email`. */
export async function pageOf(page: Page, email: string, password: string): Promise<Page> {
  const context = await page.context().browser()!.newContext({ viewport: { width: 1280, height: 900 } });
  const own = await context.newPage();
  await signInAs(own, email, password);
  return own;
}

/** A patient added over the API by the clinician whose session cookie is given. */
export async function addPatient(cookie: string, names: { givenName: string; familyName: string }) {
  const tag = randomUUID().slice(0, 8);
  const result = await graphql<{ createPatient: { id: string } }>(
    `mutation AddPatient($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
    { cookie, variables: { input: { ...names, medicalRecordNumber: `WL-${tag}`, dateOfBirth: "1960-03-09" } } },
  );
  if (!result.data) throw new Error(`createPatient failed: ${JSON.stringify(result.errors)}`);
  return result.data.createPatient;
}

/** A therapist of `serviceId` in the clinic (the database insists a therapist has a service), signing in with TEST_PASSWORD. */
export async function addTherapist(clinicId: string, serviceId: string) {
  const tag = randomUUID().slice(0, 8);
  return testDb().user.create({
    data: {
      clinicId,
      serviceId,
      role: "THERAPIST",
      email: `therapist.${tag}@clinic.test`,
      name: `Test Therapist ${tag}`,
      passwordHash: await hashPassword(TEST_PASSWORD),
    },
  });
}

/** One action on a part over the API, as the referral page sends it. */
export async function changePart(cookie: string, input: Record<string, unknown>) {
  const result = await graphql<{ changeReferralPart: { id: string; status: string; version: number } }>(
    `mutation ChangePart($input: ChangeReferralPartInput!) { changeReferralPart(input: $input) { id status version } }`,
    { cookie, variables: { input } },
  );
  if (!result.data) throw new Error(`changeReferralPart failed: ${JSON.stringify(result.errors)}`);
  return result.data.changeReferralPart;
}

/** A clinic of its own with both services, a clinician signed in over HTTP, and an occupational therapist. */
export async function clinicWithTherapist() {
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
  const services = await addServices(clinic.id);
  const therapist = await addTherapist(clinic.id, services.occupationalTherapy.id);
  const { sessionCookie } = await signInOverHttp(users[0]!.email, TEST_PASSWORD);
  return { clinic, clinician: users[0]!, cookie: sessionCookie!, therapist, services };
}
