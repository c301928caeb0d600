import { randomUUID } from "node:crypto";
import { getNamedType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { changePartOk, codeOf, createPatient, createReferral, type SignedIn, threeClinics, type ThreeClinics } from "../support/api";
import { refusedBy } from "../support/attacks";
import { testDb } from "../support/db";
import { url } from "../support/browser";
import { graphql } from "../support/http";
import {
  apiSchema,
  callWithVariables,
  costOf,
  fieldKey,
  idArgumentPaths,
  printSelection,
  reachableFields,
  reachesClinicData,
  rootFields,
  selectionTree,
  splitByCost,
  variableDefinitions,
  type AnyField,
  type Selection,
} from "../support/schema-surface";

/**
 * Three parties, derived from the schema: clinic A refers a patient, clinic B
 * receives one part of that referral at its physiotherapy service, clinic C has
 * nothing to do with it. Every root field that takes an id or can return a
 * clinic's records is called with A's ids by each of B's and C's users
 * (clinicians, administrators, therapists), selecting every field reachable
 * below it. The answer may hold nothing of A's that the attacker may not see:
 * C sees nothing of A or B (beyond B's services, which are in every clinic's
 * directory); B's PT therapist sees the referral its service received, its
 * patient, its author (as a contact) and its own part with its events, never
 * A's other part, A's other referrals or A's other users; B's clinician,
 * administrator and OT therapist (another service) see none of it. And
 * nothing of A's may change.
 */

interface ClinicA {
  clinicId: string;
  userId: string;
  /** A's therapist, of A's own OT service. */
  therapistId: string;
  patientId: string;
  familyName: string;
  /** Sent to A's own OT service (which asked A a question) and to B's PT service. */
  sharedReferralId: string;
  /** A's own part of the shared referral, and B's. */
  ownPartId: string;
  ownPartVersion: number;
  receivedPartId: string;
  receivedPartVersion: number;
  /** Only at A's own OT service: nobody outside A sees it. */
  privateReferralId: string;
  privatePartId: string;
  ownOtServiceId: string;
  /** A's author's unsent draft for the patient. */
  draftId: string;
  /** A file A's author attached to the shared referral, and one A's own OT therapist attached to A's own part. */
  sharedAttachmentId: string;
  ownPartAttachmentId: string;
  idempotencyKey: string;
  referralCursor: string;
  worklistCursor: string;
  updatesCursor: string;
  /** A passkey of A's user, and a live session of theirs. */
  passkeyId: string;
  sessionId: string;
  /** A's users' notifications (of the question A's own service asked, the part it received). */
  notificationIds: string[];
  notificationCursor: string;
  /** What B's sharing users may see (the received referral, its patient and author) and nobody else outside A. */
  sharedSecrets: string[];
  /** What nobody outside A may see. */
  privateSecrets: string[];
}

interface Attacker {
  name: string;
  party: "B" | "C";
  role: Role;
  /** Sees the referral A sent to B's PT service (only B's PT therapist). */
  shares: boolean;
  session: (clinics: ThreeClinics) => SignedIn;
}

const ATTACKERS: Attacker[] = [
  { name: "uninvolved clinic C's clinician", party: "C", role: "CLINICIAN", shares: false, session: (t) => t.c.clinician },
  { name: "uninvolved clinic C's admin", party: "C", role: "ADMIN", shares: false, session: (t) => t.c.admin },
  { name: "uninvolved clinic C's therapist", party: "C", role: "THERAPIST", shares: false, session: (t) => t.c.therapist },
  { name: "receiving clinic B's clinician", party: "B", role: "CLINICIAN", shares: false, session: (t) => t.b.clinician },
  { name: "receiving clinic B's admin", party: "B", role: "ADMIN", shares: false, session: (t) => t.b.admin },
  { name: "receiving service's therapist (clinic B, PT)", party: "B", role: "THERAPIST", shares: true, session: (t) => t.b.otherTherapist },
  { name: "clinic B's therapist of another service (OT)", party: "B", role: "THERAPIST", shares: false, session: (t) => t.b.therapist },
];

interface Own {
  patientId: string;
}

/**
 * NOT_FOUND_OR_EMPTY: where either answer hides A's records equally well.
 * REFUSED: NOT_FOUND, or FORBIDDEN where the attacker may see the record but not act on it.
 * NO_LEAK: any answer, as long as it holds nothing the attacker may not see (the checks every case makes).
 */
type Expectation = "NOT_FOUND" | "EMPTY" | "NOT_FOUND_OR_EMPTY" | "OWN_ONLY" | "REFUSED" | "NO_LEAK";
interface AttackCase {
  what: string;
  variables: (a: ClinicA, own: Own) => Record<string, unknown>;
  expect: Expectation | ((attacker: Attacker) => Expectation);
  /** The attackers the case applies to (default: all of them). */
  by?: (attacker: Attacker) => boolean;
}

/**
 * Root fields a role may not use at all: a FORBIDDEN there depends on the role,
 * not on the id, and reveals nothing (lib/permissions GRANTS). Such answers are
 * accepted, and recorded as refused by role, which the attack reporter counts
 * apart from the attacks that reached the tenancy check.
 */
const REFUSED_BY_ROLE: Record<string, Role[]> = {
  "Query.auditEvents": ["CLINICIAN", "THERAPIST"],
  "Query.dashboard": ["CLINICIAN"],
  "Query.users": ["CLINICIAN", "THERAPIST"],
  "Query.patient": ["THERAPIST"],
  "Query.patients": ["THERAPIST"],
  "Query.referrals": ["THERAPIST"],
  "Query.referralUpdates": ["THERAPIST"],
  "Query.worklist": ["CLINICIAN", "ADMIN"],
  "Query.referralDraft": ["THERAPIST"],
  "Query.referralDrafts": ["THERAPIST"],
  "Mutation.createPatient": ["THERAPIST"],
  "Mutation.updatePatient": ["THERAPIST"],
  "Mutation.saveReferralDraft": ["THERAPIST"],
  "Mutation.discardReferralDraft": ["THERAPIST"],
  "Mutation.createReferral": ["THERAPIST"],
  "Mutation.createUser": ["CLINICIAN", "THERAPIST"],
  "Mutation.resetSecondFactors": ["CLINICIAN", "THERAPIST"],
  "Mutation.setSecondFactorPolicy": ["CLINICIAN", "THERAPIST"],
  "Mutation.resetUserPassword": ["CLINICIAN", "THERAPIST"],
  "Mutation.setUserActive": ["CLINICIAN", "THERAPIST"],
  "Query.clinicServices": ["CLINICIAN", "THERAPIST"],
  "Query.mailDeliveries": ["CLINICIAN", "THERAPIST"],
  "Mutation.createTherapyService": ["CLINICIAN", "THERAPIST"],
  "Mutation.updateTherapyService": ["CLINICIAN", "THERAPIST"],
  "Mutation.removeTherapyService": ["CLINICIAN", "THERAPIST"],
  "Mutation.inviteUser": ["CLINICIAN", "THERAPIST"],
  "Mutation.resendInvitation": ["CLINICIAN", "THERAPIST"],
};

const referralInput = (patientId: string, idempotencyKey: string = randomUUID(), serviceIds?: string[]) => ({
  idempotencyKey,
  patientId,
  needs: { needs: ["SELF_CARE"], conditions: [], notes: "The attacker's own note." },
  disciplines: ["OCCUPATIONAL_THERAPY"],
  priority: "ROUTINE",
  // Each attacker of a clinic sends for that clinic's one patient: the later ones answer the duplicate warning.
  duplicateReason: "The attacker's own further referral.",
  ...(serviceIds ? { serviceIds } : {}),
});

const isReceivingTherapist = (attacker: Attacker) => attacker.role === "THERAPIST" && attacker.shares;

/**
 * The attacks per root field, keyed "Query.field" / "Mutation.field". A root field
 * that takes an id or can return clinic data and has no entry here fails below.
 */
const ROOT_CASES: Record<string, AttackCase[]> = {
  "Query.auditEvents": [
    // First in schema order, so it runs before the attackers have tried any of A's ids (their trail records those tries).
    { what: "unfiltered", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
    {
      what: "filtered by clinic A's patient id",
      variables: (a) => ({ filter: { patientId: a.patientId } }),
      // B's own trail may name the patient of the referral it received: B's own record.
      expect: (attacker) => (attacker.shares ? "NO_LEAK" : "NOT_FOUND_OR_EMPTY"),
    },
    { what: "filtered by clinic A's user id", variables: (a) => ({ filter: { userId: a.userId } }), expect: "NOT_FOUND_OR_EMPTY" },
  ],
  "Query.dashboard": [
    { what: "unfiltered (its own sent and received figures only)", variables: () => ({ filter: {} }), expect: "OWN_ONLY" },
    { what: "filtered by clinic A's own service", variables: (a) => ({ filter: { serviceId: a.ownOtServiceId } }), expect: "NOT_FOUND" },
  ],
  "Query.me": [{ what: "returns only the viewer", variables: () => ({}), expect: "OWN_ONLY" }],
  "Query.partsNeedingAttention": [{ what: "lists only what needs the viewer", variables: () => ({}), expect: "OWN_ONLY" }],
  "Query.referralDraft": [{ what: "for clinic A's patient", variables: (a) => ({ patientId: a.patientId }), expect: "NOT_FOUND_OR_EMPTY" }],
  "Query.referralDrafts": [{ what: "lists only the viewer's own", variables: () => ({}), expect: "OWN_ONLY" }],
  "Query.patient": [{ what: "by clinic A's patient id", variables: (a) => ({ id: a.patientId }), expect: "NOT_FOUND" }],
  "Query.patients": [
    { what: "searched by clinic A's family name", variables: (a) => ({ search: a.familyName }), expect: "EMPTY" },
    { what: "unfiltered", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
  ],
  "Query.referral": [
    { what: "by clinic A's private referral id", variables: (a) => ({ id: a.privateReferralId }), expect: "NOT_FOUND" },
    {
      what: "by the id of the referral A sent to B's PT service",
      variables: (a) => ({ id: a.sharedReferralId }),
      expect: "NOT_FOUND",
      by: (attacker) => !attacker.shares,
    },
  ],
  "Query.referralUpdates": [
    { what: "unpaged", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
    { what: "after the cursor of clinic A's author's updates", variables: (a) => ({ first: 50, after: a.updatesCursor }), expect: "OWN_ONLY" },
  ],
  "Query.referrals": [
    { what: "filtered by clinic A's patient id", variables: (a) => ({ filter: { patientId: a.patientId } }), expect: "NOT_FOUND" },
    { what: "unfiltered", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
    { what: "filtered by a status A's parts are in", variables: () => ({ first: 50, filter: { status: "AWAITING_REFERRER" } }), expect: "OWN_ONLY" },
    { what: "after clinic A's cursor", variables: (a) => ({ after: a.referralCursor, first: 50 }), expect: "OWN_ONLY" },
  ],
  "Query.therapyServices": [
    { what: "unfiltered (only its own and other clinics' open services)", variables: () => ({}), expect: "OWN_ONLY" },
    { what: "searched by the name of clinic A's own service", variables: () => ({ search: "Occupational Therapy" }), expect: "OWN_ONLY" },
  ],
  "Query.users": [{ what: "lists only the viewer's clinic", variables: () => ({}), expect: "OWN_ONLY" }],
  "Query.worklist": [
    { what: "unfiltered", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
    { what: "in the status of A's own part", variables: () => ({ first: 50, filter: { status: "AWAITING_REFERRER" } }), expect: "OWN_ONLY" },
    { what: "after clinic A's therapist's cursor", variables: (a) => ({ first: 50, after: a.worklistCursor }), expect: "OWN_ONLY" },
  ],
  "Mutation.changeReferralPart": [
    {
      what: "answering on clinic A's own part of the shared referral",
      variables: (a) => ({ input: { id: a.ownPartId, expectedVersion: a.ownPartVersion, action: "ANSWER_QUESTION", note: "from outside" } }),
      expect: "NOT_FOUND",
    },
    {
      what: "cancelling clinic A's private referral's part",
      variables: (a) => ({ input: { id: a.privatePartId, expectedVersion: 1, action: "CANCEL", cancelReason: "OTHER", note: "from outside" } }),
      expect: "NOT_FOUND",
    },
    {
      what: "accepting the received part without being its service's therapist",
      variables: (a) => ({ input: { id: a.receivedPartId, expectedVersion: a.receivedPartVersion, action: "ACCEPT" } }),
      expect: "NOT_FOUND",
      by: (attacker) => !isReceivingTherapist(attacker),
    },
    {
      what: "declining the received part without being its service's therapist",
      variables: (a) => ({
        input: { id: a.receivedPartId, expectedVersion: a.receivedPartVersion, action: "DECLINE", declineReason: "NOT_ELIGIBLE", note: "from outside" },
      }),
      expect: "NOT_FOUND",
      by: (attacker) => !isReceivingTherapist(attacker),
    },
    {
      what: "cancelling the received part, which only the referral's author may do",
      variables: (a) => ({ input: { id: a.receivedPartId, expectedVersion: a.receivedPartVersion, action: "CANCEL", cancelReason: "OTHER", note: "from outside" } }),
      expect: (attacker) => (attacker.shares ? "REFUSED" : "NOT_FOUND"),
    },
    {
      what: "redirecting the received part to clinic A's own OT service, which takes no outside referrals",
      variables: (a) => ({
        input: { id: a.receivedPartId, expectedVersion: a.receivedPartVersion, action: "REDIRECT", serviceId: a.ownOtServiceId, note: "from outside" },
      }),
      expect: "NOT_FOUND",
    },
  ],
  "Mutation.markReferralSeen": [
    { what: "for clinic A's private referral", variables: (a) => ({ id: a.privateReferralId }), expect: "NOT_FOUND" },
    {
      what: "for the referral A sent to B's PT service",
      variables: (a) => ({ id: a.sharedReferralId }),
      expect: "NOT_FOUND",
      by: (attacker) => !attacker.shares,
    },
  ],
  "Mutation.createPatient": [
    {
      what: "returns only the new patient",
      variables: () => ({
        // A name of its own: each attacker of a clinic adds one, and a second alike would be a duplicate to confirm.
        input: { medicalRecordNumber: `X-${randomUUID().slice(0, 8)}`, givenName: `Own${randomUUID().slice(0, 6)}`, familyName: "Patient", dateOfBirth: "1980-01-01" },
      }),
      expect: "OWN_ONLY",
    },
  ],
  "Mutation.updatePatient": [
    {
      what: "of clinic A's patient",
      variables: (a) => ({ input: { id: a.patientId, expectedVersion: 1, givenName: "Changed", familyName: "From Outside", dateOfBirth: "1980-01-01", phone: "01632 960 000" } }),
      expect: "NOT_FOUND",
    },
  ],
  "Mutation.saveReferralDraft": [
    {
      what: "for clinic A's patient",
      variables: (a) => ({ input: { patientId: a.patientId, needs: [], conditions: [], notes: "from outside", overrideReason: "", priority: "ROUTINE", services: [] } }),
      expect: "NOT_FOUND",
    },
  ],
  "Mutation.discardReferralDraft": [{ what: "of clinic A's author's draft", variables: (a) => ({ id: a.draftId }), expect: "NOT_FOUND" }],
  "Mutation.updateMyContact": [{ what: "returns only the viewer", variables: () => ({ input: { workPhone: "01632 960 000" } }), expect: "OWN_ONLY" }],
  "Mutation.createReferral": [
    { what: "for clinic A's patient", variables: (a) => ({ input: referralInput(a.patientId) }), expect: "NOT_FOUND" },
    {
      what: "with clinic A's idempotency key and patient",
      variables: (a) => ({ input: referralInput(a.patientId, a.idempotencyKey) }),
      expect: "NOT_FOUND",
    },
    {
      // The key is unique per clinic: reusing A's must create the attacker's own referral, never return A's.
      what: "with clinic A's idempotency key for its own patient",
      variables: (a, own) => ({ input: referralInput(own.patientId, a.idempotencyKey) }),
      expect: "OWN_ONLY",
    },
    {
      what: "to clinic A's own OT service, which takes no outside referrals",
      variables: (a, own) => ({ input: referralInput(own.patientId, randomUUID(), [a.ownOtServiceId]) }),
      expect: "NOT_FOUND",
    },
  ],
  "Mutation.createUser": [
    {
      what: "returns only the new user of the viewer's clinic",
      variables: () => ({
        input: { email: `new.${randomUUID().slice(0, 8)}@attacker.test`, name: "New Colleague", password: "a-long-unusual-passphrase-for-b", role: "CLINICIAN" },
      }),
      expect: "OWN_ONLY",
    },
    {
      what: "as a therapist of clinic A's own service",
      variables: (a) => ({
        input: {
          email: `new.${randomUUID().slice(0, 8)}@attacker.test`,
          name: "Planted Therapist",
          password: "a-long-unusual-passphrase-for-b",
          role: "THERAPIST",
          serviceId: a.ownOtServiceId,
        },
      }),
      expect: "NOT_FOUND",
    },
  ],
  "Query.mySecondFactors": [{ what: "only the viewer's own factors", variables: () => ({}), expect: "OWN_ONLY" }],
  "Query.mySessions": [{ what: "only the viewer's own sessions", variables: () => ({}), expect: "OWN_ONLY" }],
  "Mutation.removePasskey": [{ what: "removing clinic A's user's passkey", variables: (a) => ({ id: a.passkeyId }), expect: "NOT_FOUND" }],
  "Mutation.endSession": [{ what: "ending clinic A's user's session", variables: (a) => ({ id: a.sessionId }), expect: "NOT_FOUND" }],
  "Mutation.resetSecondFactors": [{ what: "for clinic A's user", variables: (a) => ({ userId: a.userId }), expect: "NOT_FOUND" }],
  "Mutation.setSecondFactorPolicy": [{ what: "changes only the viewer's own clinic", variables: () => ({ policy: "ADMINISTRATORS" }), expect: "OWN_ONLY" }],
  "Mutation.resetUserPassword": [
    {
      what: "for clinic A's user",
      variables: (a) => ({ id: a.userId, newPassword: "a-long-unusual-passphrase-from-b" }),
      expect: "NOT_FOUND",
    },
  ],
  "Query.clinicServices": [{ what: "lists only the viewer's clinic's services", variables: () => ({}), expect: "OWN_ONLY" }],
  "Query.notifications": [
    { what: "lists only the viewer's own notifications", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
    { what: "after the cursor of clinic A's author's notifications", variables: (a) => ({ first: 50, after: a.notificationCursor }), expect: "OWN_ONLY" },
  ],
  "Query.mailDeliveries": [{ what: "lists only the e-mail of the viewer's clinic", variables: () => ({ first: 50 }), expect: "OWN_ONLY" }],
  "Mutation.markNotificationsRead": [
    // Answers how many of the viewer's own it marked (none of these); A's stay unread (the snapshot).
    { what: "naming clinic A's notifications", variables: (a) => ({ ids: a.notificationIds }), expect: "NO_LEAK" },
  ],
  "Mutation.createTherapyService": [
    { what: "returns only the new service of the viewer's clinic", variables: () => ({ input: { name: `Planted ${randomUUID().slice(0, 8)}`, discipline: "PHYSIOTHERAPY" } }), expect: "OWN_ONLY" },
  ],
  "Mutation.updateTherapyService": [
    { what: "renaming clinic A's own service", variables: (a) => ({ id: a.ownOtServiceId, input: { name: "Taken over" } }), expect: "NOT_FOUND" },
    { what: "closing clinic A's own service", variables: (a) => ({ id: a.ownOtServiceId, input: { closed: true } }), expect: "NOT_FOUND" },
  ],
  "Mutation.removeTherapyService": [{ what: "removing clinic A's own service", variables: (a) => ({ id: a.ownOtServiceId }), expect: "NOT_FOUND" }],
  "Mutation.inviteUser": [
    {
      what: "returns only the new user of the viewer's clinic",
      variables: () => ({ input: { email: `invited.${randomUUID().slice(0, 8)}@attacker.test`, name: "Invited Colleague", role: "CLINICIAN" } }),
      expect: "OWN_ONLY",
    },
    {
      what: "as a therapist of clinic A's own service",
      variables: (a) => ({
        input: { email: `invited.${randomUUID().slice(0, 8)}@attacker.test`, name: "Planted Therapist", role: "THERAPIST", serviceId: a.ownOtServiceId },
      }),
      expect: "NOT_FOUND",
    },
  ],
  "Mutation.resendInvitation": [{ what: "for clinic A's user", variables: (a) => ({ id: a.userId }), expect: "NOT_FOUND" }],
  "Mutation.setUserActive": [
    { what: "deactivating clinic A's user", variables: (a) => ({ id: a.userId, active: false }), expect: "NOT_FOUND" },
    { what: "deactivating clinic A's therapist", variables: (a) => ({ id: a.therapistId, active: false }), expect: "NOT_FOUND" },
  ],
};

/**
 * Literal arguments for nested fields, keyed "Type.field", used in every attack's
 * selection; a nested field that takes an id must have an entry passing clinic A's.
 */
const NESTED_ARGUMENTS: Record<string, (a: ClinicA) => string> = {
  "Patient.referrals": (a) => `(after: ${JSON.stringify(a.referralCursor)})`,
};

/** Below graphql-armor's maxCost (GRAPHQL_LIMITS in graphql/server.ts), so no attack is refused by the limit instead. */
const COST_BUDGET = 4_000;

const inScope = (field: AnyField) => idArgumentPaths(field.args).length > 0 || reachesClinicData(getNamedType(field.type));
const roots = [
  ...rootFields("query").map((field) => ({ operation: "query" as const, key: fieldKey(apiSchema.getQueryType()!, field), field })),
  ...rootFields("mutation").map((field) => ({ operation: "mutation" as const, key: fieldKey(apiSchema.getMutationType()!, field), field })),
].filter(({ field }) => inScope(field));

const nestedWithArguments = new Map(
  roots.flatMap(({ field }) => [...reachableFields(getNamedType(field.type))]).filter(([, field]) => field.args.length > 0),
);
const nestedTakingIds = [...nestedWithArguments].filter(([, field]) => idArgumentPaths(field.args).length > 0);

/** graphql-armor's maxDepth (GRAPHQL_LIMITS in graphql/server.ts): leaves count, the root field is 1. */
const MAX_DEPTH = 10;

/**
 * The selection cut to the depth limit, so no attack is refused by the limit
 * instead; what lies deeper below one root is selected through a shorter path
 * from another (Query.referral, Query.worklist).
 */
function withinDepth(selection: Selection, depth = 1): Selection | null {
  if (!selection.children) return depth <= MAX_DEPTH ? selection : null;
  if (depth >= MAX_DEPTH) return null;
  const children = selection.children.map((child) => withinDepth(child, depth + 1)).filter((child): child is Selection => child !== null);
  return children.length ? { call: selection.call, children } : null;
}

/** Operations that together select every field reachable below the root field, each within the cost and depth limits. */
function operationsFor(operation: "query" | "mutation", field: AnyField): string[] {
  const children = selectionTree(getNamedType(field.type), (key) => NESTED_ARGUMENTS[key]?.(a) ?? "");
  // A root field of a scalar type (markReferralSeen) is selected as it is.
  const root = children.length ? withinDepth({ call: callWithVariables(field), children }) : { call: callWithVariables(field) };
  return splitByCost(root!, COST_BUDGET).map((part) => `${operation} Attack${variableDefinitions(field)} { ${printSelection(part)} }`);
}

/** The deepest nesting of fields in an operation's text (its braces, less the operation's own). */
const depthOf = (text: string) => {
  let depth = 0;
  let deepest = 0;
  for (const character of text) {
    if (character === "{") deepest = Math.max(deepest, ++depth);
    if (character === "}") depth -= 1;
  }
  return deepest;
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every id of a clinic's records now: the clinic, its users, patients, services, referrals and their parts and events. */
async function idsOwnedBy(clinicId: string): Promise<Set<string>> {
  const prisma = testDb();
  const [users, patients, services, referrals, parts, events, attachments, drafts, notifications] = await Promise.all([
    prisma.user.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.patient.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.therapyService.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.referral.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.referralPart.findMany({ where: { referral: { clinicId } }, select: { id: true } }),
    prisma.referralEvent.findMany({ where: { referral: { clinicId } }, select: { id: true } }),
    prisma.attachment.findMany({ where: { referral: { clinicId } }, select: { id: true } }),
    prisma.referralDraft.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.notification.findMany({ where: { clinicId }, select: { id: true } }),
  ]);
  return new Set([clinicId, ...[users, patients, services, referrals, parts, events, attachments, drafts, notifications].flat().map((row) => row.id)]);
}

/** What of the received referral B's sharing users may see: the referral, its patient, author and clinic, B's part and its events. */
async function sharedWithB(): Promise<Set<string>> {
  const events = await testDb().referralEvent.findMany({ where: { partId: a.receivedPartId }, select: { id: true } });
  return new Set([a.sharedReferralId, a.patientId, a.userId, a.clinicId, a.receivedPartId, ...events.map((event) => event.id)]);
}

/** The ids an attacker must never see: A's (less what B received, for B's sharing users), and for C also B's beyond its open services. */
async function hiddenFrom(attacker: Attacker): Promise<Set<string>> {
  const hidden = await idsOwnedBy(a.clinicId);
  if (attacker.shares) for (const id of await sharedWithB()) hidden.delete(id);
  // The referrer's file goes with the referral to the service it was sent to, and to no one else there.
  if (isReceivingTherapist(attacker)) hidden.delete(a.sharedAttachmentId);
  if (attacker.party === "C") {
    const open = await testDb().therapyService.findMany({ where: { clinicId: clinics.b.clinic.id, acceptsExternalReferrals: true }, select: { id: true } });
    const ofB = await idsOwnedBy(clinics.b.clinic.id);
    for (const id of [clinics.b.clinic.id, ...open.map((service) => service.id)]) ofB.delete(id);
    for (const id of ofB) hidden.add(id);
  }
  return hidden;
}

/** Clinic A's rows as stored, to prove that an attack changed nothing of A's. */
async function snapshotOf(clinicId: string) {
  const prisma = testDb();
  return Promise.all([
    prisma.user.findMany({ where: { clinicId }, orderBy: { id: "asc" } }),
    prisma.patient.findMany({ where: { clinicId }, orderBy: { id: "asc" } }),
    prisma.therapyService.findMany({ where: { clinicId }, orderBy: { id: "asc" } }),
    prisma.referral.findMany({
      where: { clinicId },
      orderBy: { id: "asc" },
      include: {
        parts: { orderBy: { id: "asc" } },
        events: { orderBy: { id: "asc" } },
        views: { orderBy: { userId: "asc" } },
        attachments: { orderBy: { id: "asc" } },
      },
    }),
    prisma.referralDraft.findMany({ where: { clinicId }, orderBy: { id: "asc" } }),
    // Whether each is read; their e-mail's progress is the outbox worker's, which runs meanwhile.
    prisma.notification.findMany({ where: { clinicId }, orderBy: { id: "asc" }, select: { id: true, readAt: true } }),
  ]);
}

let clinics: ThreeClinics;
let a: ClinicA;
const own: Partial<Record<"B" | "C", Own>> = {};

const cursorOf = async (query: string, cookie: string, field: string) => {
  const result = await graphql<Record<string, { pageInfo: { endCursor: string | null } }>>(query, { cookie });
  const cursor = result.data?.[field]?.pageInfo.endCursor;
  if (!cursor) throw new Error(`no ${field} cursor: ${JSON.stringify(result)}`);
  return cursor;
};

beforeAll(async () => {
  const tag = randomUUID().slice(0, 8);
  clinics = await threeClinics();
  const author = clinics.a.author;
  const patient = await createPatient(author.cookie, { givenName: `Ottoline${tag}`, familyName: `Fairweather${tag}`, medicalRecordNumber: `A-${tag.toUpperCase()}` });
  const idempotencyKey = randomUUID();
  const sharedNotes = `Shared note of clinic A ${tag}`;
  const privateNotes = `Private note of clinic A ${tag}`;
  const question = `A's own service asks privately ${tag}`;
  const receivingService = clinics.b.serviceOf("PHYSIOTHERAPY").id;
  const shared = await createReferral(author.cookie, patient.id, {
    idempotencyKey,
    needs: { needs: ["SELF_CARE"], conditions: [], notes: sharedNotes },
    disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
    overrideReason: "Both disciplines asked to see her.",
    serviceIds: [receivingService],
  });
  const ownPart = shared.parts.find((part) => part.discipline === "OCCUPATIONAL_THERAPY")!;
  const receivedPart = shared.parts.find((part) => part.discipline === "PHYSIOTHERAPY")!;
  const asked = await changePartOk(clinics.a.therapist.cookie, ownPart.id, "ASK_QUESTION", ownPart.version, { note: question });
  const privateReferral = await createReferral(author.cookie, patient.id, { needs: { needs: ["SELF_CARE"], conditions: [], notes: privateNotes } });
  const draft = await graphql<{ saveReferralDraft: { id: string } }>(
    `mutation($input: ReferralDraftInput!) { saveReferralDraft(input: $input) { id } }`,
    {
      cookie: author.cookie,
      variables: { input: { patientId: patient.id, needs: ["PAIN"], conditions: [], notes: `Draft of clinic A ${tag}`, overrideReason: "", priority: "URGENT", services: [] } },
    },
  );
  const attach = async (cookie: string, name: string) => {
    const body = new FormData();
    body.append("file", new Blob([`Notes of clinic A ${tag}\n`], { type: "text/plain" }), name);
    const response = await fetch(url(`/api/referrals/${shared.id}/attachments`), { method: "POST", headers: { cookie }, body });
    if (response.status !== 201) throw new Error(`attaching failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { attachment: { id: string } }).attachment.id;
  };
  const sharedAttachmentId = await attach(author.cookie, "discharge-letter.txt");
  const ownPartAttachmentId = await attach(clinics.a.therapist.cookie, "ot-assessment.txt");
  const [colleague, therapist] = [clinics.a.users[1]!, clinics.a.users[3]!];
  const user = clinics.a.users[0]!;
  a = {
    clinicId: clinics.a.clinic.id,
    userId: user.id,
    therapistId: therapist.id,
    patientId: patient.id,
    familyName: `Fairweather${tag}`,
    sharedReferralId: shared.id,
    ownPartId: ownPart.id,
    ownPartVersion: asked.version,
    receivedPartId: receivedPart.id,
    receivedPartVersion: receivedPart.version,
    privateReferralId: privateReferral.id,
    privatePartId: privateReferral.parts[0]!.id,
    ownOtServiceId: clinics.a.serviceOf("OCCUPATIONAL_THERAPY").id,
    draftId: draft.data!.saveReferralDraft.id,
    sharedAttachmentId,
    ownPartAttachmentId,
    idempotencyKey,
    referralCursor: await cursorOf("query { referrals(first: 1) { pageInfo { endCursor } } }", author.cookie, "referrals"),
    worklistCursor: await cursorOf(
      "query { worklist(first: 1, filter: { status: SENT }) { pageInfo { endCursor } } }",
      clinics.a.therapist.cookie,
      "worklist",
    ),
    updatesCursor: await cursorOf("query { referralUpdates(first: 1) { pageInfo { endCursor } } }", author.cookie, "referralUpdates"),
    // Before A's user has a passkey: a factor the session has not passed makes it owe one.
    notificationIds: (await testDb().notification.findMany({ where: { clinicId: clinics.a.clinic.id }, select: { id: true } })).map((row) => row.id),
    notificationCursor: await cursorOf("query { notifications(first: 1) { pageInfo { endCursor } } }", author.cookie, "notifications"),
    passkeyId: (
      await testDb().passkey.create({
        data: { userId: user.id, credentialId: `a-${tag}`, publicKey: Buffer.from("not a real key"), name: "A's laptop" },
      })
    ).id,
    sessionId: (await testDb().userSession.findFirstOrThrow({ where: { userId: user.id, endedAt: null } })).id,
    sharedSecrets: [clinics.a.clinic.name, user.email, user.name, patient.medicalRecordNumber, `Ottoline${tag}`, `Fairweather${tag}`, sharedNotes],
    privateSecrets: [privateNotes, question, colleague.email, colleague.name, therapist.email, therapist.name, `Draft of clinic A ${tag}`, "ot-assessment.txt"],
  };

  // B and C have records of their own, so that nested fields resolve over real data in the unfiltered attacks;
  // B's PT therapist also has a part of B's own in its worklist.
  for (const party of ["B", "C"] as const) {
    const clinic = party === "B" ? clinics.b : clinics.c;
    const ownPatient = await createPatient(clinic.cookies[0]!);
    const ownReferral = await createReferral(clinic.cookies[0]!, ownPatient.id, {
      needs: { needs: ["PAIN"], conditions: [], notes: `${party}'s own note` },
      disciplines: ["PHYSIOTHERAPY"],
      ...(party === "C" ? { serviceIds: [receivingService] } : {}),
    });
    if (party === "B") await changePartOk(clinics.b.otherTherapist.cookie, ownReferral.parts[0]!.id, "ACCEPT", 1);
    own[party] = { patientId: ownPatient.id };
  }
});

describe("cross-clinic access by three parties, derived from the schema", () => {
  it("finds the fields to attack in the schema, and every fixture names a field that exists", () => {
    expect(roots.map(({ key }) => key)).toEqual(
      expect.arrayContaining(["Query.patient", "Query.referral", "Query.worklist", "Mutation.createReferral", "Mutation.changeReferralPart"]),
    );
    const rootKeys = new Set(roots.map(({ key }) => key));
    expect(Object.keys(ROOT_CASES).filter((key) => !rootKeys.has(key))).toEqual([]);
    expect(Object.keys(REFUSED_BY_ROLE).filter((key) => !rootKeys.has(key))).toEqual([]);
    expect(Object.keys(NESTED_ARGUMENTS).filter((key) => !nestedWithArguments.has(key))).toEqual([]);
  });

  it("spreads each attack's selection of every nested field over operations within the cost limit", () => {
    const referral = roots.find(({ key }) => key === "Query.referral")!;
    const text = operationsFor(referral.operation, referral.field).join("\n");
    for (const nested of ["patient", "referrals", "author", "parts", "service", "events", "actor", "clinic", "unread", "waiting", "matchedRules", "evidence"]) {
      expect(text).toMatch(new RegExp(`\\b${nested}\\b`));
    }
    for (const { field } of roots) {
      const root = { call: field.name, children: selectionTree(getNamedType(field.type), () => "") };
      for (const part of splitByCost(root, COST_BUDGET)) expect(costOf(part)).toBeLessThanOrEqual(COST_BUDGET);
    }
    const patients = roots.find(({ key }) => key === "Query.patients")!;
    for (const text of operationsFor(patients.operation, patients.field)) expect(depthOf(text)).toBeLessThanOrEqual(MAX_DEPTH);
  });

  for (const [key] of nestedTakingIds.filter(([key]) => !NESTED_ARGUMENTS[key])) {
    it(`attack: ${key} with clinic A's ids`, () => {
      throw new Error(`${key} takes an id and no attack passes one: add its arguments to NESTED_ARGUMENTS in ${import.meta.filename}`);
    });
  }

  for (const { operation, key, field } of roots) {
    const cases = ROOT_CASES[key];
    if (!cases) {
      it(`attack: ${key} with clinic A's ids`, () => {
        throw new Error(`${key} takes an id or returns clinic data, and has no attack case: add one to ROOT_CASES in ${import.meta.filename}`);
      });
      continue;
    }
    for (const attack of cases) {
      for (const attacker of ATTACKERS.filter(attack.by ?? (() => true))) {
        it(`attack: ${key} ${attack.what}, as ${attacker.name}`, async () => {
          const session = attacker.session(clinics);
          const expectation = typeof attack.expect === "function" ? attack.expect(attacker) : attack.expect;
          const secrets = attacker.shares ? a.privateSecrets : [...a.privateSecrets, ...a.sharedSecrets];
          const before = await snapshotOf(a.clinicId);
          for (const query of operationsFor(operation, field)) {
            const result = await graphql<Record<string, unknown>>(query, { cookie: session.cookie, variables: attack.variables(a, own[attacker.party]!) });
            const body = JSON.stringify(result);
            const hidden = await hiddenFrom(attacker);
            expect((body.match(UUID) ?? []).filter((id) => hidden.has(id)), query).toEqual([]);
            for (const secret of secrets) expect(body, query).not.toContain(secret);

            const code = codeOf(result);
            const answered = (result.data?.[field.name] ?? null) !== null;
            if (code === "FORBIDDEN" && REFUSED_BY_ROLE[key]?.includes(attacker.role)) {
              // The role may not use the field at all: refused before the clinic and id are looked at (the reporter lists it apart).
              expect(answered, body).toBe(false);
              refusedBy("tenancy", result);
              continue;
            }
            const notFound = code === "NOT_FOUND" && !answered;
            const empty = !result.errors && (body.match(UUID) ?? []).length === 0;
            if (expectation === "NOT_FOUND") expect(notFound, body).toBe(true);
            if (expectation === "EMPTY") expect(empty, body).toBe(true);
            if (expectation === "NOT_FOUND_OR_EMPTY") expect(notFound || empty, body).toBe(true);
            if (expectation === "REFUSED") expect((code === "NOT_FOUND" || code === "FORBIDDEN") && !answered, body).toBe(true);
            if (expectation === "OWN_ONLY") expect(result.errors, query).toBeUndefined();
            // An error names the gate that refused it; an answer without one held only what the viewer may see.
            refusedBy("tenancy", result.errors ? result : { defence: "tenancy", code: empty ? "EMPTY" : expectation === "OWN_ONLY" ? "OWN_ONLY" : "NO_LEAK" });
          }
          expect(await snapshotOf(a.clinicId)).toEqual(before);
        });
      }
    }
  }

  it("attacks every case with at least one role that may use the field, so each reaches the clinic and id check", () => {
    const unreached = Object.entries(ROOT_CASES).flatMap(([key, cases]) =>
      cases
        .filter((attack) => !ATTACKERS.filter(attack.by ?? (() => true)).some((attacker) => !REFUSED_BY_ROLE[key]?.includes(attacker.role)))
        .map((attack) => `${key} ${attack.what}`),
    );
    expect(unreached).toEqual([]);
  });
});
