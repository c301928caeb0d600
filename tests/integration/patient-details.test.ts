import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { createPatient, createPatientSchema, listPatients, updatePatient, updatePatientSchema } from "@/lib/patients";
import { sendReferral, type NewReferral } from "@/lib/referrals/service";
import { createRequestContext } from "@/lib/request/context";
import { createTestClinic, testDb, testViewer } from "../support/db";

/**
 * A patient's details, edited with the version the editor saw; the duplicate
 * warnings on adding a patient and on sending a referral, and the reason that
 * answers them, recorded; search by "family, given" and by date of birth.
 */

const context = (viewer: Viewer) => createRequestContext({ prisma: testDb(), viewer, origin: { ip: "192.0.2.9", userAgent: "vitest" } });

async function clinician(): Promise<Viewer> {
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
  return testViewer(users[0]!, clinic);
}

const newPatient = (overrides: Record<string, unknown> = {}) =>
  createPatientSchema.parse({ medicalRecordNumber: `PD-${randomUUID().slice(0, 8)}`, givenName: "Margaret", familyName: "Ellis", dateOfBirth: "1941-03-14", ...overrides });

const edit = (id: string, expectedVersion: number, overrides: Record<string, unknown> = {}) =>
  updatePatientSchema.parse({ id, expectedVersion, givenName: "Margaret", familyName: "Ellis", dateOfBirth: "1941-03-14", ...overrides });

const conflictOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));

describe("a patient's details", () => {
  it("change with the version the editor saw, which moves on, and the change is audited", async () => {
    const viewer = await clinician();
    const patient = await createPatient(context(viewer), newPatient({ phone: "01632 960 000" }));
    expect(patient.version).toBe(1);
    const changed = await updatePatient(
      context(viewer),
      edit(patient.id, 1, { phone: "01632 960 431", gpPractice: "Northam Medical Practice", interpreterNeeded: true, preferredLanguage: "Welsh" }),
    );
    expect(changed).toMatchObject({ version: 2, phone: "01632 960 431", gpPractice: "Northam Medical Practice", interpreterNeeded: true, preferredLanguage: "Welsh" });
    const events = await testDb().auditEvent.findMany({ where: { action: "patient.update", entityIds: { has: patient.id } } });
    expect(events.map((event) => event.userId)).toEqual([viewer.id]);
  });

  it("take one of two edits made at once with the same version, and refuse the other as a conflict", async () => {
    const viewer = await clinician();
    const patient = await createPatient(context(viewer), newPatient());
    const results = await Promise.allSettled([
      updatePatient(context(viewer), edit(patient.id, 1, { phone: "01632 960 111" })),
      updatePatient(context(viewer), edit(patient.id, 1, { phone: "01632 960 222" })),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(conflictOf((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason)).toBe("CONFLICT");
    const stored = await testDb().patient.findUniqueOrThrow({ where: { id: patient.id } });
    expect(stored.version).toBe(2);
    const winner = (results.find((result) => result.status === "fulfilled") as PromiseFulfilledResult<{ phone: string | null }>).value.phone;
    expect(stored.phone).toBe(winner);
  });

  it("refuse a phone number that is not one, and an email that is not one, naming the field", () => {
    expect(createPatientSchema.safeParse({ ...newPatient(), phone: "call me maybe" }).error?.issues[0]?.path).toEqual(["phone"]);
    expect(createPatientSchema.safeParse({ ...newPatient(), email: "not-an-address" }).error?.issues[0]?.path).toEqual(["email"]);
  });
});

describe("adding a patient like one the clinic has", () => {
  it("asks first, naming the match, and records the reason when the clinician goes ahead", async () => {
    const viewer = await clinician();
    const first = await createPatient(context(viewer), newPatient());
    const refused = await createPatient(context(viewer), newPatient({ givenName: " margaret ", familyName: "ELLIS" })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("CONFLICT");
    expect((refused as AppError).field).toEqual(["input", "duplicateReason"]);
    expect((refused as AppError).userMessage).toContain(`Margaret Ellis, record ${first.medicalRecordNumber}, born 14 Mar 1941`);

    const second = await createPatient(context(viewer), newPatient({ duplicateReason: "Another Margaret Ellis: lives in Easton, different GP." }));
    expect(second.duplicateReason).toBe("Another Margaret Ellis: lives in Easton, different GP.");
    const confirmed = await testDb().auditEvent.findMany({ where: { action: "patient.duplicate_confirmed", entityIds: { has: second.id } } });
    expect(confirmed.map((event) => event.entityIds)).toEqual([[second.id, first.id]]);
  });
});

describe("sending to a discipline the patient has open", () => {
  it("asks first, naming the open part, and records the reason when the clinician sends anyway", async () => {
    const viewer = await clinician();
    const patient = await createPatient(context(viewer), newPatient());
    const referral = (duplicateReason: string | null): NewReferral => ({
      idempotencyKey: randomUUID(),
      patientId: patient.id,
      needs: { needs: ["SELF_CARE"], conditions: [], notes: "Needs help getting dressed." },
      disciplines: ["OCCUPATIONAL_THERAPY"],
      overrideReason: null,
      duplicateReason,
      assessFirst: false,
      priority: "URGENT",
      serviceIds: [],
    });
    const first = await sendReferral(context(viewer), referral(null));
    const refused = await sendReferral(context(viewer), referral(null)).catch((error: unknown) => error);
    expect((refused as AppError).code).toBe("CONFLICT");
    expect((refused as AppError).userMessage).toMatch(/^Already open for this patient: Occupational therapy at Occupational Therapy 0 \w+, sent \d+ \w+ \d{4}, status Sent\. Send anyway\? Say why\.$/);
    expect(await testDb().referral.count({ where: { patientId: patient.id } })).toBe(1);

    const second = await sendReferral(context(viewer), referral("A fall since: new problem with the bath."));
    const stored = await testDb().referral.findUniqueOrThrow({ where: { id: second.id } });
    expect(stored.duplicateReason).toBe("A fall since: new problem with the bath.");
    const confirmed = await testDb().auditEvent.findMany({ where: { action: "referral.duplicate_confirmed", entityIds: { has: second.id } } });
    expect(confirmed.map((event) => event.entityIds)).toEqual([[second.id, first.id]]);
  });
});

describe("patient search", () => {
  it.each(["Ellis, Margaret", "ellis margaret", "14/03/1941", "14 Mar 1941", "1941-03-14"])("finds Margaret Ellis by %j", async (search) => {
    const viewer = await clinician();
    const margaret = await createPatient(context(viewer), newPatient());
    await createPatient(context(viewer), newPatient({ givenName: "Tomasz", familyName: "Nowak", dateOfBirth: "1987-09-02" }));
    const found = await listPatients(context(viewer), { search, first: 20, after: null });
    expect(found.map((patient) => patient.id)).toEqual([margaret.id]);
  });
});
