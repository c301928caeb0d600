import type { EmailDelivery, NotificationKind } from "@/lib/generated/prisma/enums";

/**
 * What each kind of notification says, in the portal and in its e-mail. Plain
 * data with no imports of the database, so pages can label the kinds too.
 *
 * No patient data, ever (as NHS guidance for notification e-mails asks, and the
 * design's decision): no name, record number, date of birth, needs or notes,
 * not even initials. An e-mail says what happened, at which service, how urgent,
 * and links to the portal, where the reader signs in to see the rest. A mailbox
 * is read on phones, forwarded and kept for years outside the clinic's control.
 */

/** The kinds a user chooses a delivery for; invitations and resets always go at once, digests are the delivery itself. */
export const CONFIGURABLE_KINDS = [
  "PART_RECEIVED",
  "QUESTION_ASKED",
  "QUESTION_ANSWERED",
  "PART_DECIDED",
  "OUTCOME_READY",
  "PART_CANCELLED",
  "PART_OVERDUE",
] as const satisfies readonly NotificationKind[];

export type ConfigurableKind = (typeof CONFIGURABLE_KINDS)[number];

export const isConfigurable = (kind: NotificationKind): kind is ConfigurableKind => (CONFIGURABLE_KINDS as readonly string[]).includes(kind);

export const DEFAULT_DELIVERY: EmailDelivery = "IMMEDIATELY";

/** How each kind is named where a user chooses its delivery. */
export const KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  PART_RECEIVED: "A referral arrives at my service",
  QUESTION_ASKED: "A service asks me a question about a referral I sent",
  QUESTION_ANSWERED: "A referrer answers my service's question",
  PART_DECIDED: "A service decides on a referral I sent",
  OUTCOME_READY: "A service records the outcome of a referral I sent",
  PART_CANCELLED: "A referral to my service is cancelled",
  PART_OVERDUE: "A referral to my service passes its response target",
  INVITATION: "An invitation to the portal",
  PASSWORD_RESET: "A password reset link",
  DAILY_DIGEST: "The daily summary",
};

const PRIORITY_WORDS: Readonly<Record<string, string>> = { ROUTINE: "routine", URGENT: "urgent", ASAP: "ASAP", STAT: "stat" };

/** What a notification is about, as its row and the rows it names give it (never the patient). */
export interface NotificationFacts {
  kind: NotificationKind;
  /** The therapy service the part is at. */
  serviceName: string | null;
  /** The referral's priority. */
  priority: string | null;
  /** The clinic of an invitation. */
  clinicName: string | null;
}

/** One sentence saying what happened; the same words in the portal, the e-mail and the digest. */
export function notificationSentence(facts: NotificationFacts): string {
  const service = facts.serviceName ?? "a service";
  const priority = facts.priority ? PRIORITY_WORDS[facts.priority] ?? facts.priority.toLowerCase() : null;
  switch (facts.kind) {
    case "PART_RECEIVED":
      return `A new ${priority ? `${priority} ` : ""}referral was sent to ${service}.`;
    case "QUESTION_ASKED":
      return `${service} asked a question about a referral you sent.`;
    case "QUESTION_ANSWERED":
      return `The referrer answered ${service}'s question about a referral.`;
    case "PART_DECIDED":
      return `${service} decided on a referral you sent.`;
    case "OUTCOME_READY":
      return `${service} completed a referral you sent and recorded its outcome.`;
    case "PART_CANCELLED":
      return `The referrer cancelled a referral sent to ${service}.`;
    case "PART_OVERDUE":
      return `A ${priority ? `${priority} ` : ""}referral sent to ${service} has waited past its response target.`;
    case "INVITATION":
      return `${facts.clinicName ?? "Your clinic"} invited you to the clinic referral portal.`;
    case "PASSWORD_RESET":
      return "Someone asked to reset the password of your account.";
    case "DAILY_DIGEST":
      return "Your daily summary of the portal's notifications.";
  }
}

const SUBJECTS: Readonly<Record<NotificationKind, (facts: NotificationFacts) => string>> = {
  PART_RECEIVED: (facts) => `New referral for ${facts.serviceName ?? "your service"}`,
  QUESTION_ASKED: () => "A question about a referral you sent",
  QUESTION_ANSWERED: () => "A referrer answered your service's question",
  PART_DECIDED: () => "A decision on a referral you sent",
  OUTCOME_READY: () => "An outcome is ready on a referral you sent",
  PART_CANCELLED: (facts) => `A referral to ${facts.serviceName ?? "your service"} was cancelled`,
  PART_OVERDUE: (facts) => `A referral to ${facts.serviceName ?? "your service"} is past its response target`,
  INVITATION: () => "Your invitation to the clinic referral portal",
  PASSWORD_RESET: () => "Reset your password for the clinic referral portal",
  DAILY_DIGEST: () => "Your daily summary from the clinic referral portal",
};

export interface EmailContent {
  subject: string;
  text: string;
}

/**
 * The e-mail of one notification: a greeting by the recipient's name (staff, not
 * a patient), what happened, and the link. Plain text only: nothing to render,
 * track or load.
 */
export function emailOf(facts: NotificationFacts, recipientName: string, link: string): EmailContent {
  const lines = [`Hello ${recipientName},`, "", notificationSentence(facts), ""];
  if (facts.kind === "INVITATION") {
    lines.push("Set your password to start, within 72 hours (the link works once):", link, "", "If you did not expect this, ignore this e-mail.");
  } else if (facts.kind === "PASSWORD_RESET") {
    lines.push(
      "If it was you, set a new password within 15 minutes (the link works once):",
      link,
      "",
      "If it was not you, ignore this e-mail: your password has not changed.",
    );
  } else {
    lines.push("Sign in to the portal to see it:", link);
  }
  lines.push("", "This e-mail carries no patient details; the portal shows them to those allowed to see them.");
  if (isConfigurable(facts.kind)) lines.push("Choose which e-mails you get under Notifications in the portal.");
  return { subject: SUBJECTS[facts.kind](facts), text: `${lines.join("\n")}\n` };
}

/** The daily digest: one line and link per notification it gathers, oldest first. */
export function digestEmailOf(recipientName: string, items: readonly { facts: NotificationFacts; link: string }[], notificationsLink: string): EmailContent {
  const lines = [`Hello ${recipientName},`, "", `${items.length} ${items.length === 1 ? "update" : "updates"} since your last summary:`, ""];
  for (const item of items) lines.push(`- ${notificationSentence(item.facts)}`, `  ${item.link}`);
  lines.push(
    "",
    "This e-mail carries no patient details; the portal shows them to those allowed to see them.",
    `Choose which e-mails you get under Notifications in the portal: ${notificationsLink}`,
  );
  return { subject: `${SUBJECTS.DAILY_DIGEST({ kind: "DAILY_DIGEST", serviceName: null, priority: null, clinicName: null })}: ${items.length} ${items.length === 1 ? "update" : "updates"}`, text: `${lines.join("\n")}\n` };
}
