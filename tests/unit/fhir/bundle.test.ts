import type { Bundle, DocumentReference, HealthcareService, Location, Patient, Resource, ServiceRequest, Task } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { referralBundle } from "@/lib/fhir/bundle";
import { EXTENSIONS, SNOMED, SYSTEMS } from "@/lib/fhir/codes";
import type { Discipline, ReferralStatus } from "@/lib/generated/prisma/enums";
import type { ExportReferral } from "@/lib/referrals/export";
import { ASSESS_FIRST_REQUEST } from "@/lib/referrals/labels";
import { triage, type TriageResult } from "@/lib/triage";
import { attachment, exportReferral, FULL_CONTACT, part, RIVERSIDE, SERVICES } from "../../support/export-fixtures";
import { validate } from "../../support/fhir-validators";
import { docText } from "../../support/docs";

const STATUSES: ReferralStatus[] = ["SENT", "AWAITING_REFERRER", "ACCEPTED", "IN_PROGRESS", "DECLINED", "REDIRECTED", "COMPLETED", "CANCELLED"];
const DISCIPLINES: Discipline[] = ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"];

const EXPECTED: Record<ReferralStatus, { request: string; task: string }> = {
  SENT: { request: "active", task: "requested" },
  AWAITING_REFERRER: { request: "active", task: "on-hold" },
  ACCEPTED: { request: "active", task: "accepted" },
  IN_PROGRESS: { request: "active", task: "in-progress" },
  DECLINED: { request: "revoked", task: "rejected" },
  REDIRECTED: { request: "revoked", task: "cancelled" },
  COMPLETED: { request: "completed", task: "completed" },
  CANCELLED: { request: "revoked", task: "cancelled" },
};
const PROCEDURE: Record<Discipline, string> = { OCCUPATIONAL_THERAPY: "308453003", PHYSIOTHERAPY: "308447003" };
const OCCUPATION: Record<Discipline, string> = { OCCUPATIONAL_THERAPY: "80546007", PHYSIOTHERAPY: "36682004" };

const resources = (bundle: Bundle) => bundle.entry!.map((entry) => entry.resource!);
const ofType = <T extends Resource>(bundle: Bundle, type: T["resourceType"]) =>
  resources(bundle).filter((resource): resource is T => resource.resourceType === type);
const snomed = (concept: { coding?: { system?: string; code?: string }[] } | undefined) =>
  concept?.coding?.filter((coding) => coding.system === SNOMED).map((coding) => coding.code);

/** Every `reference` anywhere in the Bundle, with where it was found. */
function references(value: unknown, path = "Bundle"): { path: string; reference: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => references(item, `${path}[${index}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "reference" && typeof inner === "string" ? [{ path, reference: inner }] : references(inner, `${path}.${key}`),
  );
}

/** Both validators' findings for the Bundle and each of its resources; an accepted Bundle has none. */
function findings(bundle: Bundle) {
  return [bundle, ...resources(bundle)].map(validate).filter((verdict) => verdict.medplum.length || verdict.fhir.length);
}

/** Each referral case: one part in every status of each discipline, and both disciplines in every pair of statuses. */
const CASES: { name: string; referral: ExportReferral }[] = [
  ...DISCIPLINES.flatMap((discipline) =>
    STATUSES.map((status) => ({ name: `${discipline} ${status}`, referral: exportReferral([part(discipline, status)]) })),
  ),
  ...STATUSES.flatMap((ot) =>
    STATUSES.map((pt) => ({
      name: `both: OT ${ot}, PT ${pt}`,
      referral: exportReferral([part("OCCUPATIONAL_THERAPY", ot), part("PHYSIOTHERAPY", pt)]),
    })),
  ),
];

describe("the FHIR Bundle of a referral", () => {
  it.each(CASES)("passes both validators, resource by resource: $name", ({ referral }) => {
    expect(findings(referralBundle(referral))).toEqual([]);
  });

  it.each(CASES)("maps each part to a ServiceRequest and a Task with its status and codes: $name", ({ referral }) => {
    const bundle = referralBundle(referral);
    const requests = ofType<ServiceRequest>(bundle, "ServiceRequest");
    const tasks = ofType<Task>(bundle, "Task");
    expect(requests).toHaveLength(referral.parts.length);
    expect(tasks).toHaveLength(referral.parts.length);
    for (const [index, source] of referral.parts.entries()) {
      const request = requests[index]!;
      const task = tasks.find((candidate) => candidate.focus?.reference === `urn:uuid:${request.id}`)!;
      expect([request.status, task.status]).toEqual([EXPECTED[source.status].request, EXPECTED[source.status].task]);
      expect(request.intent).toBe("order");
      expect(task.intent).toBe("order");
      expect(request.priority).toBe("urgent");
      expect(request.category?.flatMap(snomed)).toEqual(["3457005"]);
      expect(snomed(request.code)).toEqual([PROCEDURE[source.discipline]]);
      expect(snomed(request.performerType)).toEqual([OCCUPATION[source.discipline]]);
      expect(request.identifier).toEqual([{ system: SYSTEMS.referralPart, value: source.id }]);
      expect(request.requisition).toEqual({ system: SYSTEMS.referral, value: referral.id });
    }
  });

  it.each(CASES)("resolves every reference to an entry of the Bundle: $name", ({ referral }) => {
    const bundle = referralBundle(referral);
    const fullUrls = new Set(bundle.entry!.map((entry) => entry.fullUrl));
    expect(fullUrls.size).toBe(bundle.entry!.length);
    for (const entry of bundle.entry!) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource!.id}`);
    const dangling = references(bundle).filter(({ reference }) => !fullUrls.has(reference));
    expect(dangling).toEqual([]);
  });

  it("holds the Patient, the referring Practitioner and PractitionerRole, both clinics, both services (and the one address given) for a both-disciplines referral", () => {
    const bundle = referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT"), part("PHYSIOTHERAPY", "SENT")]));
    expect(resources(bundle).map((resource) => resource.resourceType)).toEqual([
      "Patient",
      "Practitioner",
      "PractitionerRole",
      "Organization",
      "Organization",
      "Location",
      "HealthcareService",
      "HealthcareService",
      "ServiceRequest",
      "Task",
      "ServiceRequest",
      "Task",
    ]);
    expect(bundle.type).toBe("collection");
  });

  it("gives the Task the Patient, the requester, the receiving service as owner, and its dates", () => {
    const source = part("PHYSIOTHERAPY", "ACCEPTED");
    const bundle = referralBundle(exportReferral([source]));
    const [task] = ofType<Task>(bundle, "Task");
    const [role] = ofType(bundle, "PractitionerRole");
    expect(task!.for?.reference).toBe("urn:uuid:019ac0de-0000-7000-8000-00000000b001");
    expect(task!.requester?.reference).toBe(`urn:uuid:${role!.id}`);
    expect(task!.owner?.reference).toBe(`urn:uuid:${source.service.id}`);
    expect([task!.authoredOn, task!.lastModified]).toEqual([source.sentAt.toISOString(), source.updatedAt.toISOString()]);
  });

  it("gives a declined Task the coded reason and the service's comment", () => {
    const [task] = ofType<Task>(referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "DECLINED")])), "Task");
    expect(task!.statusReason).toEqual({
      coding: [{ system: SYSTEMS.declineReason, code: "OUTSIDE_SERVICE_AREA", display: "Outside the service area" }],
      text: "The patient lives outside our area; try the community team.",
    });
  });

  it("puts a Task awaiting the referrer's answer on hold, saying so", () => {
    const [task] = ofType<Task>(referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "AWAITING_REFERRER")])), "Task");
    expect(task!.status).toBe("on-hold");
    expect(task!.statusReason?.coding?.[0]?.code).toBe("awaiting-referrer");
  });

  it("revokes a redirected part's request and cancels its Task naming the service it went to, beside the new part", () => {
    const bundle = referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "REDIRECTED"), part("PHYSIOTHERAPY", "SENT")]));
    const tasks = ofType<Task>(bundle, "Task");
    expect(tasks.map((task) => task.status)).toEqual(["cancelled", "requested"]);
    expect(tasks[0]!.statusReason?.text).toBe("Redirected to Hillview Physiotherapy");
    expect(ofType<ServiceRequest>(bundle, "ServiceRequest").map((request) => request.status)).toEqual(["revoked", "active"]);
  });

  it("carries a completed part's outcome in Task.output", () => {
    const [task] = ofType<Task>(referralBundle(exportReferral([part("PHYSIOTHERAPY", "COMPLETED")])), "Task");
    expect(task!.output?.map((output) => [output.type.coding?.[0]?.code, output.valueString ?? output.valueDecimal])).toEqual([
      ["provided", "Six sessions of gait and balance training."],
      ["recommendations", "Keep up the home exercise programme."],
      ["toms-score", 3.5],
    ]);
  });

  it("gives each logged need and condition as a reason code with the catalogue's label", () => {
    const [request] = ofType<ServiceRequest>(referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")])), "ServiceRequest");
    expect(request!.reasonCode?.map((reason) => [reason.coding?.[0]?.system, reason.coding?.[0]?.code, reason.text])).toEqual([
      [SYSTEMS.need, "SELF_CARE", "Self-care"],
      [SYSTEMS.need, "HOUSEHOLD_TASKS", "Household tasks"],
      [SYSTEMS.condition, "STROKE", "Stroke"],
    ]);
  });

  it("writes the notes, the recommendation, each cited seed sentence and the override reason as notes any system can read", () => {
    const referral = exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")], { overrideReason: "Her daughter asked for both teams." });
    const [request] = ofType<ServiceRequest>(referralBundle(referral), "ServiceRequest");
    const notes = request!.note!.map((note) => note.text);
    expect(notes[0]).toBe(referral.notes);
    expect(notes[1]).toMatch(/^Triage recommendation: Occupational therapy \(ruleset /);
    for (const rule of referral.triage.matchedRules) expect(notes).toContain(`Rests on (${rule.distinction}): “${rule.source}”`);
    expect(notes.at(-1)).toBe("Recommendation overridden by the referrer. Reason: Her daughter asked for both teams.");
  });

  it("asks the service to assess first in a note, before the override's reason, when the referral was sent to assess first", () => {
    const referral = exportReferral([part("PHYSIOTHERAPY", "SENT")], { assessFirst: true, overrideReason: "Unclear which team." });
    const [request] = ofType<ServiceRequest>(referralBundle(referral), "ServiceRequest");
    const notes = request!.note!.map((note) => note.text);
    expect(notes.slice(-2)).toEqual([ASSESS_FIRST_REQUEST, "Recommendation overridden by the referrer. Reason: Unclear which team."]);
    expect(ofType<ServiceRequest>(referralBundle(exportReferral([part("PHYSIOTHERAPY", "SENT")])), "ServiceRequest")[0]!.note!.map((note) => note.text)).not.toContain(
      ASSESS_FIRST_REQUEST,
    );
  });

  it("carries the recommendation, its matched rules with their sentences and the override reason in the portal's extension", () => {
    const referral = exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")], { overrideReason: "Her daughter asked for both teams." });
    const [request] = ofType<ServiceRequest>(referralBundle(referral), "ServiceRequest");
    const extension = request!.extension!.find((each) => each.url === EXTENSIONS.triage)!;
    const inner = (url: string) => extension.extension!.filter((each) => each.url === url);
    expect(inner("recommendation")[0]?.valueCoding?.code).toBe("OCCUPATIONAL_THERAPY");
    expect(inner("matchedRule").map((rule) => rule.extension!.find((each) => each.url === "source")?.valueString)).toEqual(
      referral.triage.matchedRules.map((rule) => rule.source),
    );
    expect(inner("overrideReason")[0]?.valueString).toBe("Her daughter asked for both teams.");
  });

  it("cites the assess-first sentence when the recommendation is to assess first", () => {
    const assess = triage({ needs: [], conditions: [], notes: "Not sure what is wrong." }) as TriageResult;
    expect(assess.recommendation).toBe("NEEDS_ASSESSMENT");
    const bundle = referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")], { needs: [], conditions: [], notes: "Not sure what is wrong.", triage: assess }));
    const [request] = ofType<ServiceRequest>(bundle, "ServiceRequest");
    expect(request!.reasonCode).toBeUndefined();
    expect(request!.note!.map((note) => note.text)).toContain(`Rests on: “${assess.decisionSource}”`);
    expect(findings(bundle)).toEqual([]);
  });

  it("gives the clinic's address to its Organization, and none when it has none", () => {
    const withAddress = ofType(referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")])), "Organization");
    expect(withAddress[0]).toMatchObject({ name: RIVERSIDE.name, address: [{ line: ["12 Riverside Walk"], city: "Northam", postalCode: "NM1 4RS" }] });
    const bare = { ...RIVERSIDE, addressLine1: null, city: null, postalCode: null };
    const bundle = referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT", { service: { ...SERVICES.OCCUPATIONAL_THERAPY, name: "OT", clinic: bare } })], { clinic: bare }));
    expect(ofType(bundle, "Organization")[0]).not.toHaveProperty("address");
    expect(findings(bundle)).toEqual([]);
  });

  it("describes a receiving service as its clinic did: description, eligibility, exclusions, contacts, address, open or closed", () => {
    const bundle = referralBundle(exportReferral([part("PHYSIOTHERAPY", "SENT")]));
    const [service] = ofType<HealthcareService>(bundle, "HealthcareService");
    const described = SERVICES.PHYSIOTHERAPY;
    expect(service).toMatchObject({
      active: true,
      comment: described.description,
      extraDetails: `Not eligible: ${described.exclusions}`,
      eligibility: [{ code: { text: "Eligibility criteria" }, comment: described.eligibilityCriteria }],
      telecom: [
        { system: "phone", value: described.contactPhone, use: "work" },
        { system: "email", value: described.contactEmail, use: "work" },
      ],
    });
    const [location] = ofType<Location>(bundle, "Location");
    expect(service!.location).toEqual([{ reference: `urn:uuid:${location!.id}`, display: described.name }]);
    expect(location!.address).toEqual({ use: "work", type: "physical", text: "3 Hillview Road, Easton ES2 7HV", line: ["3 Hillview Road", "Easton ES2 7HV"] });
    expect(findings(bundle)).toEqual([]);

    const closed = referralBundle(exportReferral([part("PHYSIOTHERAPY", "SENT", { service: { ...described, closedAt: new Date("2026-12-01T00:00:00Z") } })]));
    expect(ofType<HealthcareService>(closed, "HealthcareService")[0]!.active).toBe(false);
    const bare = ofType<HealthcareService>(referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")])), "HealthcareService")[0]!;
    for (const field of ["comment", "extraDetails", "eligibility", "telecom", "location"]) expect(bare).not.toHaveProperty(field);
  });

  it("gives the Patient the contact details the record holds: phone, email, address, next of kin, language, GP practice, interpreter", () => {
    const referral = exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")]);
    const bundle = referralBundle({ ...referral, patient: { ...referral.patient, ...FULL_CONTACT } });
    const [patient] = ofType<Patient>(bundle, "Patient");
    expect(patient).toMatchObject({
      extension: [{ url: EXTENSIONS.interpreterRequired, valueBoolean: true }],
      telecom: [
        { system: "phone", value: "01632 960 123", use: "home" },
        { system: "email", value: "margaret.ellis@example.org", use: "home" },
      ],
      address: [{ use: "home", line: ["14 Mill Lane", "Flat 2"], city: "Northam", postalCode: "NM2 7QP" }],
      contact: [
        {
          relationship: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0131", code: "N" }], text: "Daughter" }],
          name: { text: "Joan Ellis" },
          telecom: [{ system: "phone", value: "07700 900 456" }],
        },
      ],
      communication: [{ language: { text: "Welsh" }, preferred: true }],
      generalPractitioner: [{ display: "Riverside Medical Practice" }],
    });
    expect(findings(bundle)).toEqual([]);
  });

  it("says nothing of contact details the record does not hold", () => {
    const [patient] = ofType<Patient>(referralBundle(exportReferral([part("OCCUPATIONAL_THERAPY", "SENT")])), "Patient");
    for (const absent of ["extension", "telecom", "address", "contact", "communication", "generalPractitioner"]) expect(patient).not.toHaveProperty(absent);
  });

  it("lists each attachment as a DocumentReference for the Patient, tied to the requests it belongs to, with where its bytes are", () => {
    const ot = part("OCCUPATIONAL_THERAPY", "IN_PROGRESS");
    const pt = part("PHYSIOTHERAPY", "SENT");
    const letter = attachment({ filename: "discharge letter.pdf" });
    const outcome = attachment({ filename: "assessment.txt", contentType: "text/plain", size: 812, partId: ot.id, uploadedBy: { id: "019ac0de-0000-7000-8000-00000000c002", name: "Grace Lindqvist" } });
    const referral = exportReferral([ot, pt], { attachments: [letter, outcome] });
    const bundle = referralBundle(referral);
    const documents = ofType<DocumentReference>(bundle, "DocumentReference");
    expect(documents.map((document) => document.id)).toEqual([letter.id, outcome.id]);
    expect(documents[0]).toMatchObject({
      status: "current",
      subject: { reference: `urn:uuid:${referral.patient.id}` },
      author: [{ display: "Amara Okafor" }],
      content: [{ attachment: { contentType: "application/pdf", size: letter.size, title: "discharge letter.pdf", url: `/api/referrals/${referral.id}/attachments/${letter.id}` } }],
      context: { related: [{ reference: `urn:uuid:${ot.id}` }, { reference: `urn:uuid:${pt.id}` }] },
    });
    expect(documents[1]!.context).toEqual({ related: [{ reference: `urn:uuid:${ot.id}` }] });
    expect(findings(bundle)).toEqual([]);
  });

  it("gives the same Bundle for the same referral", () => {
    const referral = exportReferral([part("OCCUPATIONAL_THERAPY", "IN_PROGRESS")]);
    expect(JSON.stringify(referralBundle(referral))).toBe(JSON.stringify(referralBundle(referral)));
  });

  it("is checked by validators that do refuse a broken resource (both are awake)", () => {
    const broken = { resourceType: "Task", status: "maybe", intent: "order", priority: "whenever", invented: true } as unknown as Task;
    const verdict = validate(broken);
    expect(verdict.fhir.join("\n")).toMatch(/Task.status/);
    expect(verdict.medplum.join("\n")).toMatch(/invented/);
  });

  it("matches the committed example of a both-disciplines referral and both validators' verdicts in docs/examples", () => {
    // Fixed part ids: the file stays the same whatever other tests made parts before this one.
    const referral = exportReferral(
      [part("OCCUPATIONAL_THERAPY", "ACCEPTED", { id: "019ac0de-0000-7000-8000-0000000d0001" }), part("PHYSIOTHERAPY", "SENT", { id: "019ac0de-0000-7000-8000-0000000d0002" })],
      { overrideReason: "Her daughter asked for both teams.", attachments: [attachment({ id: "019ac0de-0000-7000-8000-0000000e0001", filename: "discharge letter.pdf" })] },
    );
    const bundle = referralBundle({ ...referral, patient: { ...referral.patient, ...FULL_CONTACT } });
    const verdicts = [bundle, ...resources(bundle)].map(validate);
    expect(verdicts.every((verdict) => !verdict.medplum.length && !verdict.fhir.length)).toBe(true);
    docText("docs/examples/referral-bundle.json", `${JSON.stringify(bundle, null, 2)}\n`);
    docText("docs/examples/referral-bundle.verdicts.json", `${JSON.stringify(verdicts, null, 2)}\n`);
  });
});
