import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { codeOf, createPatient, fieldOf, threeClinics, type ThreeClinics } from "../support/api";
import { refusedBy } from "../support/attacks";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

/**
 * Attacks on a patient's new details and on drafts (issue 23, items 2 and 6):
 * another clinic's ids, input past every field's limit, two edits at once with
 * the same version, a colleague's draft, a role that may not edit.
 */

let clinics: ThreeClinics;
let patientId: string;

const UPDATE = `mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { id version phone email } }`;
const edit = (id: string, expectedVersion: number, changes: Record<string, unknown> = {}) => ({
  input: { id, expectedVersion, givenName: "Grace", familyName: "Hopper", dateOfBirth: "1936-12-09", ...changes },
});
const SAVE_DRAFT = `mutation($input: ReferralDraftInput!) { saveReferralDraft(input: $input) { id notes } }`;
const draftInput = (patient: string, notes = "Half-written.") => ({
  input: { patientId: patient, needs: ["SELF_CARE"], conditions: [], notes, overrideReason: "", priority: "ROUTINE", services: [] },
});

beforeAll(async () => {
  clinics = await threeClinics();
  patientId = (await createPatient(clinics.a.author.cookie, { givenName: "Grace", familyName: `Hopper${randomUUID().slice(0, 6)}`, dateOfBirth: "1936-12-09" })).id;
});

describe("a patient's details under attack", () => {
  it("attack: another clinic's clinician and administrator edit clinic A's patient, and get NOT_FOUND with nothing changed", async () => {
    for (const attacker of [clinics.c.clinician, clinics.c.admin, clinics.b.clinician]) {
      const before = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
      const result = await graphql(UPDATE, { cookie: attacker.cookie, variables: edit(patientId, before.version, { phone: "01632 960 666" }) });
      expect(codeOf(result)).toBe("NOT_FOUND");
      expect(await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).toEqual(before);
      refusedBy("tenancy", result);
    }
  });

  it("attack: the receiving service's therapist edits the patient, and is refused", async () => {
    const before = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
    const result = await graphql(UPDATE, { cookie: clinics.b.therapist.cookie, variables: edit(patientId, before.version) });
    // A therapist edits no patient (lib/permissions), whatever the referral lets them read of this one.
    expect(codeOf(result)).toBe("FORBIDDEN");
    expect(await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).toEqual(before);
    refusedBy("role", result);
  });

  it.each([
    ["addressLine1", "x".repeat(201)],
    ["addressLine2", "x".repeat(201)],
    ["city", "x".repeat(101)],
    ["postalCode", "x".repeat(21)],
    ["phone", "1".repeat(41)],
    ["phone", "not a phone"],
    ["email", `${"a".repeat(250)}@example.org`],
    ["email", "nobody"],
    ["gpPractice", "x".repeat(201)],
    ["nextOfKinName", "x".repeat(201)],
    ["nextOfKinRelationship", "x".repeat(101)],
    ["nextOfKinPhone", "0".repeat(41)],
    ["preferredLanguage", "x".repeat(101)],
  ])("attack: %s set to an oversized or malformed value is refused naming the field, on adding and on editing", async (field, value) => {
    const before = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
    const edited = await graphql(UPDATE, { cookie: clinics.a.author.cookie, variables: edit(patientId, before.version, { [field]: value }) });
    expect(codeOf(edited)).toBe("BAD_USER_INPUT");
    expect(fieldOf(edited)).toEqual(["input", field]);
    expect(await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).toEqual(before);

    const added = await graphql(`mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
      cookie: clinics.a.author.cookie,
      variables: { input: { medicalRecordNumber: `OV-${randomUUID().slice(0, 8)}`, givenName: "Over", familyName: "Sized", dateOfBirth: "1970-01-01", [field]: value } },
    });
    expect(codeOf(added)).toBe("BAD_USER_INPUT");
    expect(fieldOf(added)).toEqual(["input", field]);
    refusedBy("input", edited);
    refusedBy("input", added);
  });

  it("attack: two edits sent at once with the same version: one is saved, the other answers CONFLICT", async () => {
    const { version } = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
    const results = await Promise.all(
      ["01632 960 001", "01632 960 002"].map((phone) => graphql<{ updatePatient: { phone: string } }>(UPDATE, { cookie: clinics.a.author.cookie, variables: edit(patientId, version, { phone }) })),
    );
    expect(results.map((result) => codeOf(result) ?? "OK").sort()).toEqual(["CONFLICT", "OK"]);
    const saved = results.find((result) => !result.errors)!.data!.updatePatient.phone;
    const stored = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
    expect([stored.version, stored.phone]).toEqual([version + 1, saved]);
    refusedBy("version", results.find((result) => result.errors)!);
  });

  it("attack: a stale version cannot overwrite a newer edit", async () => {
    const { version } = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
    await graphql(UPDATE, { cookie: clinics.a.author.cookie, variables: edit(patientId, version, { email: "grace@example.org" }) });
    const stale = await graphql(UPDATE, { cookie: clinics.a.colleague.cookie, variables: edit(patientId, version, { email: null }) });
    expect(codeOf(stale)).toBe("CONFLICT");
    expect((await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).email).toBe("grace@example.org");
    refusedBy("version", stale);
  });
});

describe("drafts under attack", () => {
  it("attack: a colleague of the same clinic reads and discards the author's draft", async () => {
    const saved = await graphql<{ saveReferralDraft: { id: string } }>(SAVE_DRAFT, { cookie: clinics.a.author.cookie, variables: draftInput(patientId, "The author's own words.") });
    const draftId = saved.data!.saveReferralDraft.id;
    const read = await graphql<{ referralDraft: unknown }>(`query($patientId: ID!) { referralDraft(patientId: $patientId) { id notes } }`, {
      cookie: clinics.a.colleague.cookie,
      variables: { patientId },
    });
    expect(read.data?.referralDraft).toBeNull();
    const list = await graphql(`{ referralDrafts { id notes } }`, { cookie: clinics.a.colleague.cookie });
    expect(JSON.stringify(list)).not.toContain("The author's own words.");
    const discarded = await graphql(`mutation($id: ID!) { discardReferralDraft(id: $id) }`, { cookie: clinics.a.colleague.cookie, variables: { id: draftId } });
    expect(codeOf(discarded)).toBe("NOT_FOUND");
    expect(await testDb().referralDraft.count({ where: { id: draftId } })).toBe(1);
    // A draft is its author's alone (lib/drafts under the clinic scope): to a colleague it is not there.
    refusedBy("tenancy", { defence: "tenancy", code: "EMPTY" });
    refusedBy("tenancy", discarded);
  });

  it("attack: another clinic saves a draft for clinic A's patient, or discards A's draft, and gets NOT_FOUND", async () => {
    const saved = await graphql<{ saveReferralDraft: { id: string } }>(SAVE_DRAFT, { cookie: clinics.a.author.cookie, variables: draftInput(patientId) });
    const draftId = saved.data!.saveReferralDraft.id;
    for (const attacker of [clinics.c.clinician, clinics.b.clinician]) {
      const save = await graphql(SAVE_DRAFT, { cookie: attacker.cookie, variables: draftInput(patientId) });
      const discard = await graphql(`mutation($id: ID!) { discardReferralDraft(id: $id) }`, { cookie: attacker.cookie, variables: { id: draftId } });
      expect([codeOf(save), codeOf(discard)]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
      refusedBy("tenancy", save);
      refusedBy("tenancy", discard);
    }
    expect(await testDb().referralDraft.count({ where: { patientId } })).toBe(1);
  });

  it("attack: a draft's notes beyond 20,000 characters are refused naming the field, and the stored draft is untouched", async () => {
    await graphql(SAVE_DRAFT, { cookie: clinics.a.author.cookie, variables: draftInput(patientId, "Kept.") });
    const result = await graphql(SAVE_DRAFT, { cookie: clinics.a.author.cookie, variables: draftInput(patientId, "x".repeat(20_001)) });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "notes"]);
    refusedBy("input", result);
    const stored = await testDb().referralDraft.findFirstOrThrow({ where: { patientId, userId: clinics.a.author.id } });
    expect((stored.content as { notes: string }).notes).toBe("Kept.");
  });

  it("attack: two saves of a new draft at once leave one draft, not two", async () => {
    const patient = await createPatient(clinics.a.author.cookie);
    const results = await Promise.all([1, 2, 3].map((n) => graphql(SAVE_DRAFT, { cookie: clinics.a.author.cookie, variables: draftInput(patient.id, `version ${n}`) })));
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
    expect(await testDb().referralDraft.count({ where: { patientId: patient.id, userId: clinics.a.author.id } })).toBe(1);
    // No version to compare here: one row per author and patient (a unique key), so the saves at once take turns on it.
    refusedBy("version", { defence: "version", code: "one draft per author and patient" });
  });
});
