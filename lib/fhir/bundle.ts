import { createHash } from "node:crypto";
import type {
  Annotation,
  Bundle,
  BundleEntry,
  CodeableConcept,
  ContactPoint,
  DocumentReference,
  Extension,
  HealthcareService,
  Location,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
  ServiceRequest,
  Task,
  TaskOutput,
} from "@medplum/fhirtypes";
import type { ExportAttachment, ExportClinic, ExportPart, ExportPatient, ExportReferral } from "@/lib/referrals/export";
import { ASSESS_FIRST_REQUEST, DECLINE_REASON_NAMES, DISCIPLINE_NAMES, RECOMMENDATION_NAMES, STATUS_NAMES } from "@/lib/referrals/labels";
import { conditionEntry, needEntry, type ConditionCode, type NeedCode } from "@/lib/triage";
import {
  EXTENSIONS,
  NEXT_OF_KIN,
  PATIENT_REFERRAL,
  REFERRAL_DOCUMENT,
  PERFORMER_OCCUPATION,
  REFERRAL_PROCEDURE,
  REQUEST_PRIORITY,
  REQUEST_STATUS,
  SYSTEMS,
  TASK_STATUS,
} from "./codes";

/**
 * A referral as a FHIR R4 Bundle of type `collection`: for each part the
 * viewer may see, a ServiceRequest (what is asked of the discipline) and a
 * Task (where the receiving service stands with it), plus the Patient, the
 * referring Practitioner and PractitionerRole, the Organizations and the
 * receiving HealthcareServices. Every entry's fullUrl is `urn:uuid:<id>` and
 * every reference points at one, so the Bundle resolves within itself. A pure
 * function: the same referral gives the same Bundle, byte for byte.
 */

/** A stable UUID for a resource that has no row of its own (a Task beside its part, a PractitionerRole), derived from the row it stands for. */
function derivedId(kind: string, id: string): string {
  const hex = createHash("sha256").update(`${kind}:${id}`).digest("hex");
  // Shaped as a name-based UUID (version 5 nibble, RFC 4122 variant), so it is a valid urn:uuid.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const urn = (id: string) => `urn:uuid:${id}`;
function ref<Target extends Resource>(resource: Target, display?: string): Reference<Target> {
  return { reference: urn(resource.id!), ...(display ? { display } : {}) };
}
const dateOnly = (date: Date) => date.toISOString().slice(0, 10);

function organization(clinic: ExportClinic): Organization {
  const line = [clinic.addressLine1, clinic.addressLine2].filter((part): part is string => Boolean(part));
  const hasAddress = line.length > 0 || clinic.city || clinic.postalCode;
  return {
    resourceType: "Organization",
    id: clinic.id,
    identifier: [{ system: SYSTEMS.clinic, value: clinic.id }],
    active: true,
    name: clinic.name,
    ...(hasAddress
      ? {
          address: [
            {
              ...(line.length ? { line } : {}),
              ...(clinic.city ? { city: clinic.city } : {}),
              ...(clinic.postalCode ? { postalCode: clinic.postalCode } : {}),
            },
          ],
        }
      : {}),
  };
}

/** Where a service is, when it gave an address: a Location the HealthcareService names. */
function serviceLocation(service: ExportPart["service"]): Location | null {
  if (!service.address) return null;
  const lines = service.address.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return {
    resourceType: "Location",
    id: derivedId("location", service.id),
    name: service.name,
    address: { use: "work", type: "physical", text: lines.join(", "), line: lines },
  };
}

/**
 * A receiving service as it describes itself: what it does (`comment`), whom
 * it takes (`eligibility`), whom not (`extraDetails`), how to reach it
 * (`telecom`), where it is (`location`), and whether it takes new referrals (`active`).
 */
function healthcareService(part: ExportPart, location: Location | null): HealthcareService {
  const { service } = part;
  const telecom = [
    ...(service.contactPhone ? [{ system: "phone" as const, value: service.contactPhone, use: "work" as const }] : []),
    ...(service.contactEmail ? [{ system: "email" as const, value: service.contactEmail, use: "work" as const }] : []),
  ];
  return {
    resourceType: "HealthcareService",
    id: service.id,
    identifier: [{ system: SYSTEMS.service, value: service.id }],
    active: service.closedAt === null,
    providedBy: { reference: urn(service.clinic.id), display: service.clinic.name },
    type: [{ coding: [{ system: SYSTEMS.discipline, code: service.discipline, display: DISCIPLINE_NAMES[service.discipline] }] }],
    name: service.name,
    ...(service.description ? { comment: service.description } : {}),
    ...(service.exclusions ? { extraDetails: `Not eligible: ${service.exclusions}` } : {}),
    ...(service.eligibilityCriteria ? { eligibility: [{ code: { text: "Eligibility criteria" }, comment: service.eligibilityCriteria }] } : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(location ? { location: [{ reference: urn(location.id!), display: location.name }] } : {}),
  };
}

/** A need or condition as a reason for the referral, in the portal's catalogue code system. */
function reasonCodes(referral: ExportReferral): CodeableConcept[] {
  const needs = referral.needs.map((code) => {
    const entry = needEntry(code as NeedCode);
    return { coding: [{ system: SYSTEMS.need, code, display: entry.label }], text: entry.label };
  });
  const conditions = referral.conditions.map((code) => {
    const entry = conditionEntry(code as ConditionCode);
    return { coding: [{ system: SYSTEMS.condition, code, display: entry.label }], text: entry.label };
  });
  return [...needs, ...conditions];
}

/**
 * The recommendation in plain words, for any receiving system (Annotation is
 * read everywhere): what was recommended and why, each seed sentence it rests
 * on, and the clinician's reason for choosing otherwise.
 */
function recommendationNotes(referral: ExportReferral, authoredOn: string): Annotation[] {
  const { triage } = referral;
  const note = (text: string): Annotation => ({ text, time: authoredOn });
  const notes = [note(`Triage recommendation: ${RECOMMENDATION_NAMES[triage.recommendation]} (ruleset ${triage.rulesetVersion}). ${triage.reason}`)];
  for (const rule of triage.matchedRules) notes.push(note(`Rests on (${rule.distinction}): “${rule.source}”`));
  if (triage.decisionSource) notes.push(note(`Rests on: “${triage.decisionSource}”`));
  if (referral.assessFirst) notes.push(note(ASSESS_FIRST_REQUEST));
  if (referral.overrideReason) notes.push(note(`Recommendation overridden by the referrer. Reason: ${referral.overrideReason}`));
  return notes;
}

/** The same, structured, for a system that knows the portal's extension. */
function triageExtension(referral: ExportReferral): Extension {
  const { triage } = referral;
  const string = (url: string, value: string): Extension => ({ url, valueString: value });
  return {
    url: EXTENSIONS.triage,
    extension: [
      {
        url: "recommendation",
        valueCoding: { system: SYSTEMS.recommendation, code: triage.recommendation, display: RECOMMENDATION_NAMES[triage.recommendation] },
      },
      string("reason", triage.reason),
      string("rulesetVersion", triage.rulesetVersion),
      ...triage.matchedRules.map((rule) => ({
        url: "matchedRule",
        extension: [string("ruleId", rule.ruleId), string("supports", rule.supports), string("distinction", rule.distinction), string("source", rule.source)],
      })),
      ...(triage.decisionSource ? [string("decisionSource", triage.decisionSource)] : []),
      ...(referral.overrideReason ? [string("overrideReason", referral.overrideReason)] : []),
    ],
  };
}

/** Why a Task stands where it does, for the states FHIR asks a reason of (rejected, on-hold, a redirect's cancel). */
function statusReason(part: ExportPart): CodeableConcept | undefined {
  switch (part.status) {
    case "DECLINED": {
      const reason = part.declineReason ?? "OTHER";
      return {
        coding: [{ system: SYSTEMS.declineReason, code: reason, display: DECLINE_REASON_NAMES[reason] }],
        text: part.declineComment || DECLINE_REASON_NAMES[reason],
      };
    }
    case "AWAITING_REFERRER":
      return {
        coding: [{ system: SYSTEMS.taskReason, code: "awaiting-referrer", display: "Waiting on the referrer's answer" }],
        text: "Waiting on the referrer's answer to the service's question",
      };
    case "REDIRECTED": {
      const next = part.redirectedTo[0]?.service.name;
      return {
        coding: [{ system: SYSTEMS.taskReason, code: "redirected", display: "Redirected" }],
        text: next ? `Redirected to ${next}` : "Redirected to a service of the other discipline",
      };
    }
    default:
      return undefined;
  }
}

/** What the service returned when it completed its part. */
function outputs(part: ExportPart): TaskOutput[] {
  if (part.status !== "COMPLETED" || part.outcomeProvided === null) return [];
  const type = (code: string, display: string): CodeableConcept => ({ coding: [{ system: SYSTEMS.outcome, code, display }], text: display });
  return [
    { type: type("provided", "What was provided"), valueString: part.outcomeProvided },
    ...(part.outcomeRecommendations ? [{ type: type("recommendations", "Recommendations"), valueString: part.outcomeRecommendations }] : []),
    ...(part.outcomeScore !== null ? [{ type: type("toms-score", "Therapy Outcome Measures score (0 to 5)"), valueDecimal: part.outcomeScore }] : []),
  ];
}

/** What a Patient resource says of how to reach the patient: only what the record holds. */
function patientContact(patient: ExportPatient): Partial<Patient> {
  const telecom: ContactPoint[] = [
    ...(patient.phone ? [{ system: "phone" as const, value: patient.phone, use: "home" as const }] : []),
    ...(patient.email ? [{ system: "email" as const, value: patient.email, use: "home" as const }] : []),
  ];
  const line = [patient.addressLine1, patient.addressLine2].filter((part): part is string => Boolean(part));
  const hasAddress = line.length > 0 || patient.city || patient.postalCode;
  const nextOfKin = patient.nextOfKinName || patient.nextOfKinPhone;
  return {
    ...(patient.interpreterNeeded ? { extension: [{ url: EXTENSIONS.interpreterRequired, valueBoolean: true }] } : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(hasAddress
      ? {
          address: [
            {
              use: "home",
              ...(line.length ? { line } : {}),
              ...(patient.city ? { city: patient.city } : {}),
              ...(patient.postalCode ? { postalCode: patient.postalCode } : {}),
            },
          ],
        }
      : {}),
    ...(nextOfKin
      ? {
          contact: [
            {
              relationship: [{ coding: [NEXT_OF_KIN], ...(patient.nextOfKinRelationship ? { text: patient.nextOfKinRelationship } : {}) }],
              ...(patient.nextOfKinName ? { name: { text: patient.nextOfKinName } } : {}),
              ...(patient.nextOfKinPhone ? { telecom: [{ system: "phone" as const, value: patient.nextOfKinPhone }] } : {}),
            },
          ],
        }
      : {}),
    // A language named in the clinic's words (no code is asked for): the text of the CodeableConcept.
    ...(patient.preferredLanguage ? { communication: [{ language: { text: patient.preferredLanguage }, preferred: true }] } : {}),
    // The practice by name only: the portal keeps no directory of practices to point at.
    ...(patient.gpPractice ? { generalPractitioner: [{ display: patient.gpPractice }] } : {}),
  };
}

/**
 * An attachment as a DocumentReference: what it is, who attached it and when,
 * and where its bytes are (the portal's download route, relative to the
 * portal: a receiving system fetches it with a session, as the browser does).
 */
function documentReference(
  referral: ExportReferral,
  attachment: ExportAttachment,
  patient: Patient,
  requests: ReadonlyMap<string, ServiceRequest>,
): DocumentReference {
  const related = attachment.partId ? [requests.get(attachment.partId)].filter((request) => request !== undefined) : [...requests.values()];
  return {
    resourceType: "DocumentReference",
    id: attachment.id,
    status: "current",
    category: [{ coding: [REFERRAL_DOCUMENT], text: attachment.partId ? "Attached by the receiving service" : "Attached by the referrer" }],
    subject: ref(patient, `${referral.patient.givenName} ${referral.patient.familyName}`),
    date: attachment.createdAt.toISOString(),
    author: [{ display: attachment.uploadedBy.name }],
    description: attachment.filename,
    content: [
      {
        attachment: {
          contentType: attachment.contentType,
          url: `/api/referrals/${referral.id}/attachments/${attachment.id}`,
          size: attachment.size,
          title: attachment.filename,
          creation: attachment.createdAt.toISOString(),
        },
      },
    ],
    ...(related.length ? { context: { related: related.map((request) => ref(request)) } } : {}),
  };
}

export function referralBundle(referral: ExportReferral): Bundle {
  const authoredOn = referral.createdAt.toISOString();
  const patientName = `${referral.patient.givenName} ${referral.patient.familyName}`;

  const referringOrganization = organization(referral.clinic);
  const patient: Patient = {
    resourceType: "Patient",
    id: referral.patient.id,
    identifier: [
      {
        use: "usual",
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR", display: "Medical record number" }] },
        system: SYSTEMS.medicalRecordNumber(referral.clinic.id),
        value: referral.patient.medicalRecordNumber,
      },
    ],
    name: [{ family: referral.patient.familyName, given: [referral.patient.givenName], text: patientName }],
    birthDate: dateOnly(referral.patient.dateOfBirth),
    ...patientContact(referral.patient),
    managingOrganization: ref(referringOrganization, referral.clinic.name),
  };
  const practitioner: Practitioner = {
    resourceType: "Practitioner",
    id: referral.author.id,
    identifier: [{ system: SYSTEMS.user, value: referral.author.id }],
    name: [{ text: referral.author.name }],
    ...(referral.author.workPhone ? { telecom: [{ system: "phone", value: referral.author.workPhone, use: "work" }] } : {}),
  };
  const practitionerRole: PractitionerRole = {
    resourceType: "PractitionerRole",
    id: derivedId("PractitionerRole", `${referral.author.id}/${referral.clinic.id}`),
    active: true,
    practitioner: ref(practitioner, referral.author.name),
    organization: ref(referringOrganization, referral.clinic.name),
  };
  const requester = ref(practitionerRole, `${referral.author.name}, ${referral.clinic.name}`);

  const organizations = new Map<string, Organization>([[referral.clinic.id, referringOrganization]]);
  const services = new Map<string, HealthcareService>();
  const locations = new Map<string, Location>();
  const requests: Resource[] = [];
  const requestOfPart = new Map<string, ServiceRequest>();
  for (const part of referral.parts) {
    if (!organizations.has(part.service.clinic.id)) organizations.set(part.service.clinic.id, organization(part.service.clinic));
    const location = serviceLocation(part.service);
    if (location) locations.set(location.id!, location);
    const service = services.get(part.service.id) ?? healthcareService(part, location);
    services.set(service.id!, service);

    const identifier = [{ system: SYSTEMS.referralPart, value: part.id }];
    const serviceRequest: ServiceRequest = {
      resourceType: "ServiceRequest",
      id: part.id,
      extension: [triageExtension(referral)],
      identifier,
      requisition: { system: SYSTEMS.referral, value: referral.id },
      status: REQUEST_STATUS[part.status],
      intent: "order",
      category: [{ coding: [PATIENT_REFERRAL], text: PATIENT_REFERRAL.display }],
      priority: REQUEST_PRIORITY[referral.priority],
      code: { coding: [REFERRAL_PROCEDURE[part.discipline]], text: REFERRAL_PROCEDURE[part.discipline].display },
      subject: ref(patient, patientName),
      authoredOn,
      requester,
      performerType: { coding: [PERFORMER_OCCUPATION[part.discipline]], text: PERFORMER_OCCUPATION[part.discipline].display },
      performer: [ref(service, service.name)],
      ...(referral.needs.length + referral.conditions.length ? { reasonCode: reasonCodes(referral) } : {}),
      note: [...(referral.notes.trim() ? [{ text: referral.notes, authorReference: ref(practitioner), time: authoredOn }] : []), ...recommendationNotes(referral, authoredOn)],
    };
    const reason = statusReason(part);
    const output = outputs(part);
    const task: Task = {
      resourceType: "Task",
      id: derivedId("Task", part.id),
      identifier,
      status: TASK_STATUS[part.status],
      ...(reason ? { statusReason: reason } : {}),
      businessStatus: {
        coding: [{ system: SYSTEMS.referralStatus, code: part.status, display: STATUS_NAMES[part.status] }],
        text: STATUS_NAMES[part.status],
      },
      intent: "order",
      priority: REQUEST_PRIORITY[referral.priority],
      code: { coding: [{ system: "http://hl7.org/fhir/CodeSystem/task-code", code: "fulfill", display: "Fulfill the focal request" }] },
      focus: ref(serviceRequest),
      for: ref(patient, patientName),
      authoredOn: part.sentAt.toISOString(),
      // Never before authoredOn (Task invariant inv-1), even if the two clocks that stamped them disagree by a millisecond.
      lastModified: new Date(Math.max(part.updatedAt.getTime(), part.sentAt.getTime())).toISOString(),
      requester,
      owner: ref(service, service.name),
      ...(output.length ? { output } : {}),
    };
    requests.push(serviceRequest, task);
    requestOfPart.set(part.id, serviceRequest);
  }
  const documents = referral.attachments.map((attachment) => documentReference(referral, attachment, patient, requestOfPart));

  const resources: Resource[] = [patient, practitioner, practitionerRole, ...organizations.values(), ...locations.values(), ...services.values(), ...requests, ...documents];
  const changedAt = Math.max(referral.updatedAt.getTime(), ...referral.parts.map((part) => part.updatedAt.getTime()));
  return {
    resourceType: "Bundle",
    id: derivedId("Bundle", referral.id),
    identifier: { system: SYSTEMS.referral, value: referral.id },
    type: "collection",
    // The referral's last change, not the time of export, so one referral always gives the same Bundle.
    timestamp: new Date(changedAt).toISOString(),
    entry: resources.map((resource): BundleEntry => ({ fullUrl: urn((resource as { id: string }).id), resource })),
  };
}
