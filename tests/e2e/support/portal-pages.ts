import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { uploadAttachment } from "@/lib/attachments";
import { saveDraft, draftInputSchema } from "@/lib/drafts";
import { seedClinicReferrals } from "@/lib/ops/demo-referrals";
import { createRequestContext } from "@/lib/request/context";
import { pdfFile } from "../../support/attachment-fixtures";
import { createTestClinic, TEST_PASSWORD, testDb, testViewer } from "../../support/db";
import { signInThroughForm, url } from "../../support/browser";

/**
 * Every page of the portal in its main state, for the sweeps that visit them
 * all (accessibility, layout): a clinic of its own, its referrals seeded
 * through the domain functions as the demo's are (every part status), and one
 * signed-in browser context per role.
 */

/** "second factor": an administrator past the password, at the second step; "enrolment": one without a second factor yet. */
export type Role = "anonymous" | "clinician" | "admin" | "therapist" | "second factor" | "enrolment";

/** The records the pages show, made by `portalFixture`. */
export interface PortalRecords {
  patient: { id: string; givenName: string; familyName: string };
  /** A referral with a part waiting for the referrer's answer. */
  questionedReferralId: string;
  /** A referral with a part waiting for the occupational therapist's decision. */
  waitingReferralId: string;
}

export interface PortalPage {
  name: string;
  role: Role;
  path: (records: PortalRecords) => string;
  /** Waits until the page shows its data; some pages are first put in a state (a preview, say). */
  ready: (page: Page) => Promise<void>;
}

export interface PortalFixture {
  records: PortalRecords;
  pageFor(role: Role, viewport: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

const noLoadingText = async (page: Page) => {
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.locator("main").getByText(/^Loading/).count(), { timeout: 15_000 }).toBe(0);
};
const heading = (text: string | RegExp) => async (page: Page) => {
  await page.getByRole("heading", { level: 1, name: text }).first().waitFor();
  await noLoadingText(page);
};
const withRows = (selector: string) => async (page: Page) => {
  await page.locator("h1").first().waitFor();
  await page.locator(selector).first().waitFor();
  await noLoadingText(page);
};

export const PORTAL_PAGES: readonly PortalPage[] = [
  { name: "sign-in", role: "anonymous", path: () => "/login", ready: async (page) => void (await page.getByRole("button", { name: "Sign in" }).waitFor()) },
  { name: "home", role: "clinician", path: () => "/", ready: heading(/./) },
  { name: "patients", role: "clinician", path: () => "/patients", ready: heading("Patients") },
  { name: "patient", role: "clinician", path: ({ patient }) => `/patients/${patient.id}`, ready: heading(/^Margaret Ellis/) },
  {
    name: "patient details being edited",
    role: "clinician",
    path: ({ patient }) => `/patients/${patient.id}`,
    ready: async (page) => {
      await heading(/^Margaret Ellis/)(page);
      await page.getByRole("button", { name: "Edit details" }).click();
      await page.getByRole("form", { name: "Edit details" }).waitFor();
    },
  },
  {
    name: "new patient, a duplicate to confirm",
    role: "clinician",
    path: () => "/patients",
    ready: async (page) => {
      await heading("Patients")(page);
      const form = page.getByRole("region", { name: "New patient" });
      await form.getByLabel("Medical record number").fill(`DUP-${randomUUID().slice(0, 8)}`);
      await form.getByLabel("Given name").fill("Margaret");
      await form.getByLabel("Family name").fill("Ellis");
      await form.getByLabel("Date of birth").fill("14/01/1941");
      await form.getByRole("button", { name: "Add patient" }).click();
      await page.getByRole("dialog", { name: "Add this patient anyway?" }).waitFor();
    },
  },
  {
    name: "new referral with a preview",
    role: "clinician",
    path: ({ patient }) => `/patients/${patient.id}/referrals/new`,
    ready: async (page) => {
      await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
      await page.getByRole("checkbox", { name: "Pain", exact: true }).check();
      await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Both occupational therapy and physiotherapy");
      await noLoadingText(page);
    },
  },
  { name: "my referrals", role: "clinician", path: () => "/my-referrals", ready: heading("My referrals") },
  { name: "history", role: "clinician", path: () => "/referrals", ready: withRows("table.referral-table tbody tr") },
  { name: "referral (clinician, a question to answer)", role: "clinician", path: (records) => `/referrals/${records.questionedReferralId}`, ready: heading(/^Referral for/) },
  { name: "referral (therapist, a decision to make)", role: "therapist", path: (records) => `/referrals/${records.waitingReferralId}`, ready: heading(/^Referral for/) },
  { name: "worklist", role: "therapist", path: () => "/worklist", ready: withRows("main table tbody tr, main li") },
  { name: "dashboard", role: "admin", path: () => "/dashboard", ready: heading("Dashboard") },
  { name: "audit trail", role: "admin", path: () => "/admin/audit", ready: withRows("main table tbody tr") },
  { name: "users", role: "admin", path: () => "/admin/users", ready: withRows("main table tbody tr") },
  { name: "account", role: "clinician", path: () => "/account", ready: withRows("[data-testid=session-list] tbody tr") },
  { name: "account (administrator, with an authenticator app)", role: "admin", path: () => "/account", ready: withRows("[data-testid=session-list] tbody tr") },
  { name: "second-factor step", role: "second factor", path: () => "/login/verify", ready: heading("Confirm it is you") },
  {
    name: "second-factor enrolment (authenticator app)",
    role: "enrolment",
    path: () => "/login/enrol",
    ready: async (page) => {
      await page.getByRole("heading", { level: 1, name: "Set up a second factor" }).waitFor();
      await page.getByRole("button", { name: "Set up an authenticator app" }).click();
      await page.getByRole("img", { name: /QR code/ }).waitFor();
    },
  },
  { name: "notifications", role: "therapist", path: () => "/notifications", ready: withRows("ul.notification-list li") },
  { name: "services", role: "admin", path: () => "/admin/services", ready: withRows("main li.card") },
  { name: "e-mail", role: "admin", path: () => "/admin/mail", ready: withRows("main table tbody tr") },
  { name: "forgot password", role: "anonymous", path: () => "/forgot-password", ready: heading("Forgot your password?") },
  {
    name: "set a new password (a link that no longer works)",
    role: "anonymous",
    path: () => `/reset-password?token=${randomUUID()}.${"A".repeat(43)}`,
    ready: heading("Set a new password"),
  },
  { name: "referral not found", role: "clinician", path: () => `/referrals/${randomUUID()}`, ready: heading("Referral not found") },
  { name: "page not found", role: "clinician", path: () => "/no-such-page", ready: heading(/./) },
];

export async function portalFixture(browser: Browser): Promise<PortalFixture> {
  const prisma = testDb();
  const { clinic, users, services } = await createTestClinic([
    { role: "CLINICIAN" },
    { role: "ADMIN" },
    { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" },
    { role: "THERAPIST", service: "PHYSIOTHERAPY" },
    { role: "ADMIN" },
    { role: "ADMIN", secondFactor: false },
  ]);
  const [clinician, admin, therapist, , pendingAdmin, unenrolledAdmin] = users;
  const tag = randomUUID().slice(0, 8);
  const names = [
    ["Margaret", "Ellis"],
    ["Tomasz", "Nowak"],
    ["Aisha", "Rahman"],
    ["George", "Whitfield"],
  ] as const;
  const patients = [];
  for (const [index, [givenName, familyName]] of names.entries()) {
    patients.push(
      await prisma.patient.create({
        data: { clinicId: clinic.id, medicalRecordNumber: `PG-${tag}-${index}`, givenName, familyName, dateOfBirth: new Date(Date.UTC(1941 + index * 13, index, 14)) },
      }),
    );
  }
  await seedClinicReferrals(prisma, {
    index: 9,
    id: clinic.id,
    authors: [clinician!.email, admin!.email],
    patients: patients.map((patient) => patient.medicalRecordNumber),
  });
  const occupationalTherapy = services.find((service) => service.discipline === "OCCUPATIONAL_THERAPY")!;
  const questioned = await prisma.referralPart.findFirstOrThrow({ where: { referral: { clinicId: clinic.id }, status: "AWAITING_REFERRER" } });
  const waiting = await prisma.referralPart.findFirstOrThrow({ where: { serviceId: occupationalTherapy.id, status: "SENT" } });
  const patient = patients[0]!;
  // A file with the referral waiting on the clinician's answer, and a draft for the patient: the pages show both.
  const asClinician = createRequestContext({ prisma, viewer: testViewer(clinician!, clinic) });
  async function* letter() {
    yield pdfFile(40_000);
  }
  await uploadAttachment(asClinician, questioned.referralId, { filename: "discharge letter.pdf", body: letter() });
  await saveDraft(
    asClinician,
    draftInputSchema.parse({ patientId: patient.id, needs: ["SELF_CARE"], conditions: [], notes: "Half-written.", overrideReason: "", priority: "ROUTINE", services: [] }),
  );

  const contexts = new Map<Role, BrowserContext>();
  const accounts: Record<"clinician" | "admin" | "therapist", string> = { clinician: clinician!.email, admin: admin!.email, therapist: therapist!.email };
  contexts.set("anonymous", await browser.newContext());
  for (const [role, email] of Object.entries(accounts) as [Role, string][]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await page.close();
    contexts.set(role, context);
  }
  // Past the password only: these sessions reach nothing but their second-factor step.
  for (const [role, email, path] of [
    ["second factor", pendingAdmin!.email, "/login/verify"],
    ["enrolment", unenrolledAdmin!.email, "/login/enrol"],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, email, TEST_PASSWORD, { secondFactor: false });
    await page.waitForURL((address) => address.pathname === path);
    await page.close();
    contexts.set(role, context);
  }


  return {
    records: {
      patient,
      questionedReferralId: questioned.referralId,
      waitingReferralId: waiting.referralId,
    },
    async pageFor(role, viewport) {
      const page = await contexts.get(role)!.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await Promise.all([...contexts.values()].map((context) => context.close()));
    },
  };
}

/** Opens a portal page and waits for its main state. */
export async function visit(page: Page, portalPage: PortalPage, records: PortalRecords): Promise<void> {
  await page.goto(url(portalPage.path(records)));
  await portalPage.ready(page);
}
