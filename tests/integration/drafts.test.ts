import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { discardDraft, draftInputSchema, findDraft, listDrafts, saveDraft } from "@/lib/drafts";
import { sendReferral } from "@/lib/referrals/service";
import { createRequestContext } from "@/lib/request/context";
import { createTestClinic, testDb, testViewer } from "../support/db";

/**
 * Drafts kept on the server: one per user and patient, read only by their
 * author, audited, deleted when the referral is sent and after 14 days.
 */

const context = (viewer: Viewer) => createRequestContext({ prisma: testDb(), viewer, origin: { ip: "192.0.2.8", userAgent: "vitest" } });

async function clinicWithPatient() {
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }, { role: "CLINICIAN" }]);
  const patient = await testDb().patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `DF-${randomUUID().slice(0, 8)}`, givenName: "Dora", familyName: "Draft", dateOfBirth: new Date("1949-05-05") },
  });
  return { author: testViewer(users[0]!, clinic), colleague: testViewer(users[1]!, clinic), patientId: patient.id };
}

const draft = (patientId: string, notes = "Struggles with the stairs.") =>
  draftInputSchema.parse({ patientId, needs: ["SELF_CARE"], conditions: [], notes, overrideReason: "", priority: "URGENT", services: [] });

describe("referral drafts", () => {
  it("keeps one draft per user and patient, replaced by each save, and audits each save and read", async () => {
    const { author, patientId } = await clinicWithPatient();
    const first = await saveDraft(context(author), draft(patientId, "first"));
    const second = await saveDraft(context(author), draft(patientId, "second"));
    expect(second.id).toBe(first.id);
    expect(await testDb().referralDraft.count({ where: { patientId } })).toBe(1);
    expect((await findDraft(context(author), patientId))?.content).toMatchObject({ notes: "second", priority: "URGENT" });
    const saves = await testDb().auditEvent.count({ where: { action: "referral_draft.save", entityIds: { has: first.id } } });
    expect(saves).toBe(2);
  });

  it("shows a draft to its author only, not to a colleague of the same clinic", async () => {
    const { author, colleague, patientId } = await clinicWithPatient();
    const saved = await saveDraft(context(author), draft(patientId));
    expect(await findDraft(context(colleague), patientId)).toBeNull();
    expect(await listDrafts(context(colleague))).toEqual([]);
    await expect(discardDraft(context(colleague), saved.id)).rejects.toThrow("Draft was not found.");
    expect(await testDb().referralDraft.count({ where: { id: saved.id } })).toBe(1);
  });

  it("refuses a draft for another clinic's patient as not found", async () => {
    const { author } = await clinicWithPatient();
    const other = await clinicWithPatient();
    await expect(saveDraft(context(author), draft(other.patientId))).rejects.toThrow("Patient was not found.");
  });

  it("deletes the author's draft in the transaction that sends the referral", async () => {
    const { author, colleague, patientId } = await clinicWithPatient();
    await saveDraft(context(author), draft(patientId));
    await saveDraft(context(colleague), draft(patientId));
    await sendReferral(context(author), {
      idempotencyKey: randomUUID(),
      patientId,
      needs: { needs: ["SELF_CARE"], conditions: [], notes: "Needs help getting dressed." },
      disciplines: ["OCCUPATIONAL_THERAPY"],
      overrideReason: null,
      duplicateReason: null,
      assessFirst: false,
      priority: "URGENT",
      serviceIds: [],
    });
    expect(await findDraft(context(author), patientId)).toBeNull();
    // The colleague's own draft is theirs to send or discard.
    expect(await findDraft(context(colleague), patientId)).not.toBeNull();
  });

  it("no longer offers, and then deletes, a draft unchanged for 14 days", async () => {
    const { author, patientId } = await clinicWithPatient();
    const saved = await saveDraft(context(author), draft(patientId));
    await testDb().referralDraft.update({ where: { id: saved.id }, data: { updatedAt: new Date(Date.now() - 15 * 24 * 60 * 60 * 1000) } });
    expect(await findDraft(context(author), patientId)).toBeNull();
    expect((await listDrafts(context(author))).map((row) => row.id)).not.toContain(saved.id);
  });

  it("refuses notes beyond what a draft may hold, naming the field", () => {
    const result = draftInputSchema.safeParse({ ...draft(randomUUID()), notes: "x".repeat(20_001) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["notes"], message: "A draft's notes must be at most 20000 characters" });
  });
});
