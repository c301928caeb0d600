import { gql, type TypedDocumentNode } from "@apollo/client";
import type { ReferralSummary } from "@/components/referrals/operations";
import { REFERRAL_SUMMARY_FIELDS } from "@/components/referrals/operations";

export interface PatientSummary {
  id: string;
  medicalRecordNumber: string;
  givenName: string;
  familyName: string;
  /** "YYYY-MM-DD" */
  dateOfBirth: string;
}

const PATIENT_SUMMARY_FIELDS = gql`
  fragment PatientSummaryFields on Patient {
    id
    medicalRecordNumber
    givenName
    familyName
    dateOfBirth
  }
`;

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
}

export const SEARCH_PATIENTS: TypedDocumentNode<
  { patients: Connection<PatientSummary> },
  { search: string | null; first: number; after?: string | null }
> = gql`
  ${PATIENT_SUMMARY_FIELDS}
  query SearchPatients($search: String, $first: Int, $after: String) {
    patients(search: $search, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...PatientSummaryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export interface CreatePatientInput {
  medicalRecordNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

export const CREATE_PATIENT: TypedDocumentNode<{ createPatient: PatientSummary }, { input: CreatePatientInput }> = gql`
  ${PATIENT_SUMMARY_FIELDS}
  mutation CreatePatient($input: CreatePatientInput!) {
    createPatient(input: $input) {
      ...PatientSummaryFields
    }
  }
`;

export const PATIENT_NAME: TypedDocumentNode<{ patient: PatientSummary | null }, { id: string }> = gql`
  ${PATIENT_SUMMARY_FIELDS}
  query PatientName($id: ID!) {
    patient(id: $id) {
      ...PatientSummaryFields
    }
  }
`;

export interface PatientDetails extends PatientSummary {
  createdAt: string;
  referrals: Connection<ReferralSummary>;
}

export const PATIENT_DETAILS: TypedDocumentNode<
  { patient: PatientDetails | null },
  { id: string; first: number; after?: string | null }
> = gql`
  ${PATIENT_SUMMARY_FIELDS}
  ${REFERRAL_SUMMARY_FIELDS}
  query PatientDetails($id: ID!, $first: Int, $after: String) {
    patient(id: $id) {
      ...PatientSummaryFields
      createdAt
      referrals(first: $first, after: $after) {
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
  }
`;
