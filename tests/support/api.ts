import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/generated/prisma/enums";
import { createTestClinic, TEST_PASSWORD } from "./db";
import { graphql, signInOverHttp } from "./http";

/** A clinic of its own with signed-in users (one session cookie per role given). */
export async function clinicWithSessions(roles: Role[] = ["CLINICIAN"]) {
  const { clinic, users } = await createTestClinic(roles.map((role) => ({ role })));
  const cookies = await Promise.all(
    users.map(async (user) => {
      const { sessionCookie } = await signInOverHttp(user.email, TEST_PASSWORD);
      if (!sessionCookie) throw new Error(`test user ${user.email} could not sign in`);
      return sessionCookie;
    }),
  );
  return { clinic, users, cookies };
}

export const CREATE_PATIENT = /* GraphQL */ `
  mutation CreatePatient($input: CreatePatientInput!) {
    createPatient(input: $input) { id medicalRecordNumber givenName familyName dateOfBirth }
  }
`;

export async function createPatient(cookie: string, overrides: Record<string, string> = {}) {
  const result = await graphql<{ createPatient: { id: string; medicalRecordNumber: string } }>(CREATE_PATIENT, {
    cookie,
    variables: {
      input: {
        medicalRecordNumber: `MRN-${randomUUID().slice(0, 8)}`,
        givenName: "Test",
        familyName: "Patient",
        dateOfBirth: "1970-05-01",
        ...overrides,
      },
    },
  });
  if (!result.data?.createPatient) throw new Error(`createPatient failed: ${JSON.stringify(result.errors)}`);
  return result.data.createPatient;
}

export const CREATE_REFERRAL = /* GraphQL */ `
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id status version priority disciplines followedRecommendation overrideReason needs conditions notes
      triage { recommendation rulesetVersion matchedRules { ruleId source } }
      patient { id } author { id }
      events { fromStatus toStatus actor { id } }
    }
  }
`;

export interface CreatedReferral {
  id: string;
  status: string;
  version: number;
  disciplines: string[];
  followedRecommendation: boolean;
  overrideReason: string | null;
  triage: { recommendation: string; rulesetVersion: string; matchedRules: { ruleId: string; source: string }[] };
  events: { fromStatus: string | null; toStatus: string; actor: { id: string } }[];
}

export function referralInput(patientId: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    patientId,
    needs: { needs: ["SELF_CARE"], conditions: [], notes: "Needs help getting dressed." },
    disciplines: ["OCCUPATIONAL_THERAPY"],
    priority: "ROUTINE",
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

export const CHANGE_STATUS = /* GraphQL */ `
  mutation Change($id: ID!, $status: ReferralStatus!, $expectedVersion: Int!, $note: String) {
    changeReferralStatus(id: $id, status: $status, expectedVersion: $expectedVersion, note: $note) {
      id status version events { fromStatus toStatus note actor { id } }
    }
  }
`;

export function changeStatus(cookie: string, id: string, status: string, expectedVersion: number, note?: string) {
  return graphql<{ changeReferralStatus: { id: string; status: string; version: number; events: { fromStatus: string | null; toStatus: string; note: string | null }[] } }>(
    CHANGE_STATUS,
    { cookie, variables: { id, status, expectedVersion, note } },
  );
}

export const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
export const fieldOf = (result: { errors?: { extensions?: { field?: string[] } }[] }) => result.errors?.[0]?.extensions?.field;
