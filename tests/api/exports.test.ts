import type { Bundle, ServiceRequest, Task } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../support/db";
import { bundleOf, exportScenario, fhirUrl, get, letterUrl, NOTES, OVERRIDE, pdfOf } from "../support/exports";
import { validate } from "../support/fhir-validators";
import { graphql } from "../support/http";
import { pdfText } from "../support/pdf";

/** The two exports of a referral over HTTP: the FHIR R4 Bundle and the letter, as each clinic involved sees them. */

let scenario: Awaited<ReturnType<typeof exportScenario>>;
beforeAll(async () => {
  scenario = await exportScenario();
});

const referring = () => scenario.a.cookies[0]!;
/** B's therapist of the physiotherapy service the part was sent to: the only one at B who sees it. */
const receiving = () => scenario.b.cookies[0]!;
const ofType = <T>(bundle: Bundle, type: string) => bundle.entry!.map((entry) => entry.resource!).filter((resource) => resource.resourceType === type) as T[];
const auditRows = (action: string, referralId: string) =>
  testDb().auditEvent.findMany({ where: { action, entityIds: { has: referralId } }, orderBy: { createdAt: "asc" } });

describe("GET /api/referrals/{id}/fhir", () => {
  it("answers the referral as a FHIR Bundle in application/fhir+json", async () => {
    const response = await get(fhirUrl(scenario.referralId), referring());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bundle = await bundleOf(response);
    expect([bundle.resourceType, bundle.type]).toEqual(["Bundle", "collection"]);
  });

  it("gives the referring clinic a ServiceRequest and a Task for each discipline that both validators accept", async () => {
    const bundle = await bundleOf(await get(fhirUrl(scenario.referralId), referring()));
    const requests = ofType<ServiceRequest>(bundle, "ServiceRequest");
    expect(requests.map((request) => request.code?.coding?.[0]?.code).sort()).toEqual(["308447003", "308453003"]);
    expect(ofType<Task>(bundle, "Task").map((task) => task.status)).toEqual(["requested", "requested"]);
    const verdicts = [bundle, ...bundle.entry!.map((entry) => entry.resource!)].map(validate);
    expect(verdicts.filter((verdict) => verdict.medplum.length || verdict.fhir.length)).toEqual([]);
  });

  it("gives the receiving clinic only its own part", async () => {
    const bundle = await bundleOf(await get(fhirUrl(scenario.referralId), receiving()));
    const requests = ofType<ServiceRequest>(bundle, "ServiceRequest");
    expect(requests.map((request) => request.id)).toEqual([scenario.parts.pt.id]);
    expect(JSON.stringify(bundle)).not.toContain(scenario.parts.ot.id);
    expect(JSON.stringify(bundle)).not.toContain(scenario.services.ownOt.name);
  });

  it("follows the part's state: a declined part's Task is rejected with the coded reason", async () => {
    await testDb().referralPart.update({
      where: { id: scenario.parts.pt.id },
      data: { status: "DECLINED", declineReason: "OUTSIDE_SERVICE_AREA", declineComment: "Outside our area.", decidedAt: new Date(), version: { increment: 1 } },
    });
    try {
      const bundle = await bundleOf(await get(fhirUrl(scenario.referralId), referring()));
      const task = ofType<Task>(bundle, "Task").find((each) => each.focus?.reference === `urn:uuid:${scenario.parts.pt.id}`)!;
      expect([task.status, task.statusReason?.coding?.[0]?.code, task.statusReason?.text]).toEqual(["rejected", "OUTSIDE_SERVICE_AREA", "Outside our area."]);
      expect(ofType<ServiceRequest>(bundle, "ServiceRequest").find((each) => each.id === scenario.parts.pt.id)?.status).toBe("revoked");
    } finally {
      await testDb().referralPart.update({ where: { id: scenario.parts.pt.id }, data: { status: "SENT", declineReason: null, declineComment: null, decidedAt: null } });
    }
  });

  it("answers 401 without a session", async () => {
    const response = await get(fhirUrl(scenario.referralId));
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain(scenario.patient.medicalRecordNumber);
  });

  it("answers an uninvolved clinic's request with an empty 404", async () => {
    const response = await get(fhirUrl(scenario.referralId), scenario.c.cookies[0]!);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });

  it("records the export in the audit trail with the referral and the patient", async () => {
    const before = (await auditRows("referral.export_fhir", scenario.referralId)).length;
    await get(fhirUrl(scenario.referralId), referring());
    const rows = await auditRows("referral.export_fhir", scenario.referralId);
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1)!;
    expect([row.outcome, row.entityType, row.userId, row.clinicId]).toEqual(["SUCCESS", "Referral", scenario.a.users[0]!.id, scenario.a.clinic.id]);
    const patientRead = await testDb().auditEvent.findFirst({
      where: { action: "patient.read", entityIds: { has: scenario.patient.id }, userId: scenario.a.users[0]!.id },
    });
    expect(patientRead?.outcome).toBe("SUCCESS");
  });

  it("records a refused export as DENIED with the id that was asked for", async () => {
    await get(fhirUrl(scenario.referralId), scenario.c.cookies[0]!);
    const rows = await auditRows("referral.export_fhir", scenario.referralId);
    expect(rows.filter((row) => row.userId === scenario.c.users[0]!.id).map((row) => row.outcome)).toContain("DENIED");
  });
});

describe("Referral.fhirBundle", () => {
  it("equals the Bundle the route answers", async () => {
    const result = await graphql<{ referral: { fhirBundle: Bundle } }>("query ($id: ID!) { referral(id: $id) { fhirBundle } }", {
      cookie: referring(),
      variables: { id: scenario.referralId },
    });
    const fromRoute = await bundleOf(await get(fhirUrl(scenario.referralId), referring()));
    expect(result.data?.referral.fhirBundle).toEqual(fromRoute);
  });

  it("records the export in the audit trail, the receiving clinic's and the patient's own clinic's", async () => {
    const before = await auditRows("referral.export_fhir", scenario.referralId);
    await graphql("query ($id: ID!) { referral(id: $id) { fhirBundle } }", { cookie: receiving(), variables: { id: scenario.referralId } });
    const added = (await auditRows("referral.export_fhir", scenario.referralId)).filter((row) => !before.some((earlier) => earlier.id === row.id));
    expect(added.map((row) => [row.clinicId, row.userId]).sort()).toEqual(
      [
        [scenario.b.clinic.id, scenario.b.users[0]!.id],
        [scenario.a.clinic.id, scenario.b.users[0]!.id],
      ].sort(),
    );
  });
});

describe("GET /api/referrals/{id}/letter.pdf", () => {
  it("answers a PDF that names the clinic, its address, the patient, the services and the referral", async () => {
    const response = await get(letterUrl(scenario.referralId), referring());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = await pdfText(await pdfOf(response));
    for (const field of [
      scenario.a.clinic.name,
      "12 Riverside Walk",
      "Northam, NM1 4RS",
      `Name: Margaret ${scenario.patient.familyName}`,
      "Date of birth: 14 March 1941",
      `Record number: ${scenario.patient.medicalRecordNumber}`,
      "Priority Urgent",
      "Self-care: Dressing, bathing, eating and toileting.",
      `Occupational therapy: ${scenario.services.ownOt.name}`,
      `Physiotherapy: ${scenario.services.theirPt.name}, ${scenario.b.clinic.name}`,
      NOTES,
      `Reason: ${OVERRIDE}`,
      `${scenario.a.users[0]!.name}, ${scenario.a.clinic.name}`,
      `Referral id ${scenario.referralId}`,
    ]) {
      expect(text).toContain(field);
    }
  });

  it("leaves the notes and the override out of the patient copy", async () => {
    const response = await get(letterUrl(scenario.referralId, "?copy=patient"), referring());
    expect(response.status).toBe(200);
    const text = await pdfText(await pdfOf(response));
    expect(text).toContain(`Record number: ${scenario.patient.medicalRecordNumber}`);
    expect(text).not.toContain("daughter is hard to reach");
    expect(text).not.toContain(OVERRIDE);
  });

  it("lists only the receiving clinic's own service on its letter", async () => {
    const text = await pdfText(await pdfOf(await get(letterUrl(scenario.referralId), receiving())));
    expect(text).toContain(scenario.services.theirPt.name);
    expect(text).not.toContain(scenario.services.ownOt.name);
  });

  it("answers 401 without a session", async () => {
    expect((await get(letterUrl(scenario.referralId))).status).toBe(401);
  });

  it("answers an uninvolved clinic's request with an empty 404", async () => {
    const response = await get(letterUrl(scenario.referralId), scenario.c.cookies[0]!);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });

  it("records each letter in the audit trail", async () => {
    const before = (await auditRows("referral.export_letter", scenario.referralId)).length;
    await get(letterUrl(scenario.referralId, "?copy=patient"), referring());
    const rows = await auditRows("referral.export_letter", scenario.referralId);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)!.outcome).toBe("SUCCESS");
  });
});
