import { gql, type TypedDocumentNode } from "@apollo/client";
import type { Connection, PatientSummary } from "@/components/patients/operations";
import type { Discipline, ReferralPriority, ReferralStatus, TriageSide } from "@/components/labels";
import type { ConditionCode, NeedCode, Recommendation } from "@/lib/triage";

export interface CatalogEntry {
  code: string;
  label: string;
  description: string;
  group: string;
  source: string;
}

export interface NeedCatalog {
  needs: CatalogEntry[];
  conditions: CatalogEntry[];
  groups: string[];
}

export const NEED_CATALOG: TypedDocumentNode<{ needCatalog: NeedCatalog }, Record<string, never>> = gql`
  query NeedCatalog {
    needCatalog {
      needs {
        code
        label
        description
        group
        source
      }
      conditions {
        code
        label
        description
        group
        source
      }
      groups
    }
  }
`;

export interface TriageEvidence {
  kind: "NEED" | "CONDITION" | "NOTES";
  code: string | null;
  label: string | null;
  text: string | null;
}

export interface MatchedRule {
  ruleId: string;
  supports: TriageSide;
  weight: number;
  distinction: string;
  source: string;
  evidence: TriageEvidence[];
}

export interface TriageResult {
  recommendation: Recommendation;
  scores: { occupationalTherapy: number; physiotherapy: number; shared: number };
  confidence: number;
  reason: string;
  decisionSource: string | null;
  matchedRules: MatchedRule[];
  rulesetVersion: string;
}

const TRIAGE_RESULT_FIELDS = gql`
  fragment TriageResultFields on TriageResult {
    recommendation
    scores {
      occupationalTherapy
      physiotherapy
      shared
    }
    confidence
    reason
    decisionSource
    matchedRules {
      ruleId
      supports
      weight
      distinction
      source
      evidence {
        kind
        code
        label
        text
      }
    }
    rulesetVersion
  }
`;

export interface NeedsInput {
  needs: NeedCode[];
  conditions: ConditionCode[];
  notes: string;
}

export const TRIAGE_PREVIEW: TypedDocumentNode<{ triage: TriageResult }, { input: NeedsInput }> = gql`
  ${TRIAGE_RESULT_FIELDS}
  query TriagePreview($input: NeedsInput!) {
    triage(input: $input) {
      ...TriageResultFields
    }
  }
`;

export interface CreateReferralInput {
  idempotencyKey: string;
  patientId: string;
  needs: NeedsInput;
  disciplines: Discipline[];
  overrideReason: string | null;
  priority: ReferralPriority;
}

export const CREATE_REFERRAL: TypedDocumentNode<{ createReferral: { id: string } }, { input: CreateReferralInput }> = gql`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
    }
  }
`;

/** One row of a referral list. */
export interface ReferralSummary {
  id: string;
  createdAt: string;
  patient: PatientSummary;
  author: { id: string; name: string };
  disciplines: Discipline[];
  priority: ReferralPriority;
  status: ReferralStatus;
}

export const REFERRAL_SUMMARY_FIELDS = gql`
  fragment ReferralSummaryFields on Referral {
    id
    createdAt
    patient {
      id
      medicalRecordNumber
      givenName
      familyName
      dateOfBirth
    }
    author {
      id
      name
    }
    disciplines
    priority
    status
  }
`;

/** The filters of the history page, as the API takes them. */
export interface ReferralFilter {
  patientId?: string;
  discipline?: Discipline;
  status?: ReferralStatus;
  priority?: ReferralPriority;
  author?: "ME" | "ANYONE";
  createdFrom?: string;
  createdTo?: string;
}

export const REFERRAL_HISTORY: TypedDocumentNode<
  { referrals: Connection<ReferralSummary> },
  { filter: ReferralFilter; first: number; after?: string | null }
> = gql`
  ${REFERRAL_SUMMARY_FIELDS}
  query ReferralHistory($filter: ReferralFilter, $first: Int, $after: String) {
    referrals(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ReferralSummaryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export interface ReferralEvent {
  id: string;
  actor: { id: string; name: string };
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  note: string | null;
  createdAt: string;
}

export interface ReferralDetails extends ReferralSummary {
  needs: NeedCode[];
  conditions: ConditionCode[];
  notes: string;
  triage: TriageResult;
  followedRecommendation: boolean;
  overrideReason: string | null;
  version: number;
  updatedAt: string;
  events: ReferralEvent[];
  allowedTransitions: ReferralStatus[];
}

// Everything a status change can alter, so the mutation's answer refreshes the page through the cache.
const REFERRAL_STATE_FIELDS = gql`
  fragment ReferralStateFields on Referral {
    id
    status
    version
    updatedAt
    allowedTransitions
    events {
      id
      actor {
        id
        name
      }
      fromStatus
      toStatus
      note
      createdAt
    }
  }
`;

export const REFERRAL_DETAILS: TypedDocumentNode<{ referral: ReferralDetails | null }, { id: string }> = gql`
  ${REFERRAL_SUMMARY_FIELDS}
  ${REFERRAL_STATE_FIELDS}
  ${TRIAGE_RESULT_FIELDS}
  query ReferralDetails($id: ID!) {
    referral(id: $id) {
      ...ReferralSummaryFields
      ...ReferralStateFields
      needs
      conditions
      notes
      triage {
        ...TriageResultFields
      }
      followedRecommendation
      overrideReason
    }
  }
`;

export const CHANGE_REFERRAL_STATUS: TypedDocumentNode<
  { changeReferralStatus: Pick<ReferralDetails, "id" | "status" | "version" | "updatedAt" | "allowedTransitions" | "events"> },
  { id: string; status: ReferralStatus; expectedVersion: number; note: string | null }
> = gql`
  ${REFERRAL_STATE_FIELDS}
  mutation ChangeReferralStatus($id: ID!, $status: ReferralStatus!, $expectedVersion: Int!, $note: String) {
    changeReferralStatus(id: $id, status: $status, expectedVersion: $expectedVersion, note: $note) {
      ...ReferralStateFields
    }
  }
`;
