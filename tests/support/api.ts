import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/generated/prisma/enums";
import { createTestClinic, TEST_PASSWORD, type TestUser } from "./db";
import { graphql, signInOverHttp } from "./http";

/**
 * A clinic of its own with signed-in users (one session cookie per user given:
 * a role, or a therapist with the discipline of their service), and its own
 * services (createTestClinic's `services`).
 */
export async function clinicWithSessions(
  roles: (Role | TestUser)[] = ["CLINICIAN"],
  options: Parameters<typeof createTestClinic>[1] = {},
) {
  const { clinic, users, services, serviceOf } = await createTestClinic(
    roles.map((role) => (typeof role === "string" ? { role } : role)),
    options,
  );
  const cookies = await Promise.all(
    users.map(async (user) => {
      const { sessionCookie } = await signInOverHttp(user.email, TEST_PASSWORD);
      if (!sessionCookie) throw new Error(`test user ${user.email} could not sign in`);
      return sessionCookie;
    }),
  );
  return { clinic, users, cookies, services, serviceOf };
}

export const CREATE_PATIENT = /* GraphQL */ `
  mutation CreatePatient($input: CreatePatientInput!) {
    createPatient(input: $input) { id medicalRecordNumber givenName familyName dateOfBirth }
  }
`;

export async function createPatient(cookie: string, overrides: Record<string, string> = {}) {
  const tag = randomUUID().slice(0, 8);
  const result = await graphql<{ createPatient: { id: string; medicalRecordNumber: string } }>(CREATE_PATIENT, {
    cookie,
    variables: {
      input: {
        medicalRecordNumber: `MRN-${tag}`,
        // A name of its own: a second patient of the same name and date of birth would be a duplicate to confirm.
        givenName: `Test${tag}`,
        familyName: "Patient",
        dateOfBirth: "1970-05-01",
        ...overrides,
      },
    },
  });
  if (!result.data?.createPatient) throw new Error(`createPatient failed: ${JSON.stringify(result.errors)}`);
  return result.data.createPatient;
}

const PART_FIELDS = /* GraphQL */ `
  id status version discipline priority declineReason declineComment cancelReason cancelComment outcomeAcknowledgedAt allowedActions
  outcome { provided recommendations score }
  service { id }
  redirectedFrom { id }
  events { action fromStatus toStatus note actor { id } }
`;

export const CREATE_REFERRAL = /* GraphQL */ `
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id status priority disciplines assessFirst followedRecommendation overrideReason needs conditions notes
      triage { recommendation rulesetVersion matchedRules { ruleId source } }
      patient { id } author { id }
      parts { ${PART_FIELDS} }
      events { action fromStatus toStatus actor { id } }
    }
  }
`;

export interface PartEvent {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actor: { id: string };
}

export interface ReferralPartResult {
  id: string;
  status: string;
  version: number;
  discipline: string;
  priority: string;
  declineReason: string | null;
  declineComment: string | null;
  cancelReason: string | null;
  cancelComment: string | null;
  outcomeAcknowledgedAt: string | null;
  allowedActions: string[];
  outcome: { provided: string; recommendations: string; score: number | null } | null;
  service: { id: string };
  redirectedFrom: { id: string } | null;
  events: PartEvent[];
}

export interface CreatedReferral {
  id: string;
  status: string;
  disciplines: string[];
  assessFirst: boolean;
  followedRecommendation: boolean;
  overrideReason: string | null;
  triage: { recommendation: string; rulesetVersion: string; matchedRules: { ruleId: string; source: string }[] };
  parts: ReferralPartResult[];
  events: Omit<PartEvent, "note">[];
}

export function referralInput(patientId: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    patientId,
    needs: { needs: ["SELF_CARE"], conditions: [], notes: "Needs help getting dressed." },
    disciplines: ["OCCUPATIONAL_THERAPY"],
    priority: "ROUTINE",
    // Tests send several referrals for one patient: each after the first answers the duplicate warning
    // (stored only when there was one; tests/security/duplicates.test.ts tests the warning itself).
    duplicateReason: "A further referral for the same patient (test).",
    ...overrides,
  };
}

export async function createReferral(cookie: string, patientId: string, overrides: Record<string, unknown> = {}) {
  const result = await graphql<{ createReferral: CreatedReferral }>(CREATE_REFERRAL, {
    cookie,
    variables: { input: referralInput(patientId, overrides) },
  });
  if (!result.data?.createReferral) throw new Error(`createReferral failed: ${JSON.stringify(result.errors)}`);
  return result.data.createReferral;
}

export const CHANGE_PART = /* GraphQL */ `
  mutation ChangePart($input: ChangeReferralPartInput!) {
    changeReferralPart(input: $input) { ${PART_FIELDS} }
  }
`;

/** What each action must carry to pass validation, so a test of who or when is not refused for a missing field. */
export const ACTION_EXTRAS: Readonly<Record<string, Record<string, unknown>>> = {
  DECLINE: { declineReason: "NOT_ELIGIBLE", note: "Outside our criteria." },
  ASK_QUESTION: { note: "Is the patient able to attend the clinic?" },
  ANSWER_QUESTION: { note: "Yes, with transport." },
  CANCEL: { cancelReason: "NO_LONGER_NEEDED" },
  COMPLETE: { outcome: { provided: "Six sessions of dressing practice.", recommendations: "Review in six months.", score: 3.5 } },
};

/** One action on a referral part; `extra` adds or overrides note, declineReason, serviceId, outcome. */
export function changePart(cookie: string, partId: string, action: string, expectedVersion: number, extra: Record<string, unknown> = {}) {
  return graphql<{ changeReferralPart: ReferralPartResult }>(CHANGE_PART, {
    cookie,
    variables: { input: { id: partId, action, expectedVersion, ...ACTION_EXTRAS[action], ...extra } },
  });
}

/** changePart that must succeed; returns the part after it. */
export async function changePartOk(cookie: string, partId: string, action: string, expectedVersion: number, extra: Record<string, unknown> = {}) {
  const result = await changePart(cookie, partId, action, expectedVersion, extra);
  if (!result.data?.changeReferralPart) throw new Error(`${action} failed: ${JSON.stringify(result.errors)}`);
  return result.data.changeReferralPart;
}

export const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
export const fieldOf = (result: { errors?: { extensions?: { field?: string[] } }[] }) => result.errors?.[0]?.extensions?.field;

export interface SignedIn {
  cookie: string;
  id: string;
}

/**
 * The three parties of a referral sent outside: clinic A refers (its author,
 * a colleague, its admin, a therapist of A's own OT service), clinic B receives
 * at its OT service (which, like B's PT service, accepts outside referrals; B's
 * clinician, admin, OT therapist and PT therapist), and clinic C has nothing to
 * do with it (clinician, admin, OT therapist; its services take no outside referrals).
 */
export async function threeClinics() {
  const [a, b, c] = await Promise.all([
    clinicWithSessions(["CLINICIAN", "CLINICIAN", "ADMIN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]),
    clinicWithSessions(
      ["CLINICIAN", "ADMIN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }, { role: "THERAPIST", service: "PHYSIOTHERAPY" }],
      { services: [{ discipline: "OCCUPATIONAL_THERAPY", acceptsExternalReferrals: true }, { discipline: "PHYSIOTHERAPY", acceptsExternalReferrals: true }] },
    ),
    clinicWithSessions(["CLINICIAN", "ADMIN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]),
  ]);
  const signedIn = (clinic: typeof a, index: number): SignedIn => ({ cookie: clinic.cookies[index]!, id: clinic.users[index]!.id });
  return {
    a: { ...a, author: signedIn(a, 0), colleague: signedIn(a, 1), admin: signedIn(a, 2), therapist: signedIn(a, 3) },
    b: { ...b, clinician: signedIn(b, 0), admin: signedIn(b, 1), therapist: signedIn(b, 2), otherTherapist: signedIn(b, 3) },
    c: { ...c, clinician: signedIn(c, 0), admin: signedIn(c, 1), therapist: signedIn(c, 2) },
  };
}

export type ThreeClinics = Awaited<ReturnType<typeof threeClinics>>;
