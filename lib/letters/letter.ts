import { ATTACHMENT_TYPES, formatSize, isAttachmentType } from "@/lib/attachments/validation";
import type { ExportClinic, ExportPatient, ExportReferral } from "@/lib/referrals/export";
import { ASSESS_FIRST_REQUEST, DISCIPLINE_NAMES, PRIORITY_NAMES, RECOMMENDATION_NAMES, STATUS_NAMES } from "@/lib/referrals/labels";
import { conditionEntry, needEntry, type ConditionCode, type NeedCode } from "@/lib/triage";

/**
 * What a referral letter says, in order, before any layout: the PDF
 * (lib/letters/pdf.ts) prints it and tests read it. The clinic copy carries
 * everything; the patient copy leaves out the clinician's internal notes and
 * the override discussion.
 */

export type LetterCopy = "clinic" | "patient";

export interface LetterSection {
  heading: string;
  /** Paragraphs, in order. */
  paragraphs?: string[];
  /** A bulleted list. */
  items?: string[];
}

export interface ReferralLetter {
  letterhead: { name: string; address: string[] };
  title: string;
  date: string;
  sections: LetterSection[];
  /** Printed at the foot of every page. */
  footer: string;
}

const LONG_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const longDate = (date: Date) => LONG_DATE.format(date);

export function addressLines(clinic: ExportClinic): string[] {
  const town = [clinic.city, clinic.postalCode].filter(Boolean).join(", ");
  return [clinic.addressLine1, clinic.addressLine2, town].filter((line): line is string => Boolean(line));
}

/** The patient's contact details as the letter prints them, each line only when the record has it. */
function patientContactLines(patient: ExportPatient): string[] {
  const address = [patient.addressLine1, patient.addressLine2, [patient.city, patient.postalCode].filter(Boolean).join(", ")].filter(Boolean).join(", ");
  const nextOfKin = [patient.nextOfKinName, patient.nextOfKinRelationship && `(${patient.nextOfKinRelationship.toLowerCase()})`, patient.nextOfKinPhone]
    .filter(Boolean)
    .join(" ");
  return [
    address && `Address: ${address}`,
    patient.phone && `Phone: ${patient.phone}`,
    patient.email && `Email: ${patient.email}`,
    patient.gpPractice && `GP practice: ${patient.gpPractice}`,
    nextOfKin && `Next of kin: ${nextOfKin}`,
    patient.preferredLanguage && `Preferred language: ${patient.preferredLanguage}`,
    patient.interpreterNeeded && "Interpreter needed: yes",
  ].filter((line): line is string => Boolean(line));
}

export function referralLetter(referral: ExportReferral, options: { copy: LetterCopy; date: Date }): ReferralLetter {
  const { triage } = referral;
  const patientCopy = options.copy === "patient";
  const patientName = `${referral.patient.givenName} ${referral.patient.familyName}`;

  const needs = referral.needs.map((code) => {
    const entry = needEntry(code as NeedCode);
    return `${entry.label}: ${entry.description}`;
  });
  const conditions = referral.conditions.map((code) => {
    const entry = conditionEntry(code as ConditionCode);
    return `${entry.label}: ${entry.description}`;
  });
  // Several rules can rest on one sentence: each sentence is quoted once, with the distinctions drawn from it.
  const sources = new Map<string, string[]>();
  for (const rule of triage.matchedRules) sources.set(rule.source, [...(sources.get(rule.source) ?? []), rule.distinction]);
  if (triage.decisionSource && !sources.has(triage.decisionSource)) sources.set(triage.decisionSource, []);
  const cited = [...sources].map(([sentence, distinctions]) =>
    distinctions.length ? `“${sentence}” (${[...new Set(distinctions)].join("; ")})` : `“${sentence}”`,
  );

  const sections: LetterSection[] = [
    {
      heading: "Referred to",
      items: referral.parts.map(
        (part) =>
          `${DISCIPLINE_NAMES[part.discipline]}: ${part.service.name}` +
          (part.service.clinic.id === referral.clinic.id ? "" : `, ${part.service.clinic.name}`) +
          ` (${STATUS_NAMES[part.status].toLowerCase()})`,
      ),
    },
    {
      heading: "Patient",
      paragraphs: [
        `Name: ${patientName}`,
        `Date of birth: ${longDate(referral.patient.dateOfBirth)}`,
        `Record number: ${referral.patient.medicalRecordNumber}`,
        ...patientContactLines(referral.patient),
      ],
    },
    { heading: "Priority", paragraphs: [PRIORITY_NAMES[referral.priority]] },
    ...(needs.length ? [{ heading: "Needs", items: needs }] : []),
    ...(conditions.length ? [{ heading: "Conditions", items: conditions }] : []),
    ...(!patientCopy && referral.notes.trim() ? [{ heading: "Clinician's notes", paragraphs: [referral.notes.trim()] }] : []),
    {
      heading: "Recommendation",
      paragraphs: [`${RECOMMENDATION_NAMES[triage.recommendation]}. ${triage.reason}`, "It rests on these sentences of the portal's guidance:"],
      items: cited,
    },
    ...(referral.assessFirst ? [{ heading: "Request", paragraphs: [ASSESS_FIRST_REQUEST] }] : []),
    ...(!patientCopy && referral.overrideReason
      ? [
          {
            heading: "Override",
            paragraphs: [
              referral.assessFirst
                ? "The referring clinician chose to have the patient assessed first instead of the recommendation."
                : `The referring clinician chose ${referral.disciplines.map((discipline) => DISCIPLINE_NAMES[discipline].toLowerCase()).join(" and ")} instead of the recommendation.`,
              `Reason: ${referral.overrideReason}`,
            ],
          },
        ]
      : []),
    ...(referral.attachments.length
      ? [
          {
            heading: "Attachments",
            paragraphs: ["Sent with this referral in the portal:"],
            items: referral.attachments.map(
              (attachment) =>
                `${attachment.filename} (${isAttachmentType(attachment.contentType) ? ATTACHMENT_TYPES[attachment.contentType].label : attachment.contentType}, ${formatSize(attachment.size)}), attached ${longDate(attachment.createdAt)} by ${attachment.uploadedBy.name}`,
            ),
          },
        ]
      : []),
    {
      heading: "Referring clinician",
      paragraphs: [
        `${referral.author.name}, ${referral.clinic.name}`,
        ...(referral.author.workPhone ? [`Work phone: ${referral.author.workPhone}`] : []),
        `Referral sent ${longDate(referral.createdAt)}`,
      ],
    },
    { heading: "Referral id", paragraphs: [referral.id] },
  ];

  return {
    letterhead: { name: referral.clinic.name, address: addressLines(referral.clinic) },
    title: patientCopy ? `Referral letter for ${patientName} (patient copy)` : `Referral letter for ${patientName}`,
    date: longDate(options.date),
    sections,
    footer: `Referral ${referral.id}${patientCopy ? " · patient copy" : ""}`,
  };
}
