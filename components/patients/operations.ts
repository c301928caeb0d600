import { graphql } from "@/lib/generated/graphql";

// A fragment is spread by name in any file; codegen adds its definition to each document that spreads it.

export const PATIENT_SUMMARY_FIELDS = graphql(`
  fragment PatientSummaryFields on Patient {
    id
    medicalRecordNumber
    givenName
    familyName
    dateOfBirth
  }
`);

/** A patient's contact details: on their page, and with a referral for the services it goes to. */
export const PATIENT_CONTACT_FIELDS = graphql(`
  fragment PatientContactFields on Patient {
    addressLine1
    addressLine2
    city
    postalCode
    phone
    email
    gpPractice
    nextOfKinName
    nextOfKinRelationship
    nextOfKinPhone
    preferredLanguage
    interpreterNeeded
  }
`);

export const SEARCH_PATIENTS = graphql(`
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
`);

export const CREATE_PATIENT = graphql(`
  mutation CreatePatient($input: CreatePatientInput!) {
    createPatient(input: $input) {
      ...PatientSummaryFields
    }
  }
`);

export const PATIENT_NAME = graphql(`
  query PatientName($id: ID!) {
    patient(id: $id) {
      ...PatientSummaryFields
    }
  }
`);

export const PATIENT_DETAILS = graphql(`
  query PatientDetails($id: ID!, $first: Int, $after: String) {
    patient(id: $id) {
      ...PatientSummaryFields
      ...PatientContactFields
      duplicateReason
      version
      updatedAt
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
`);

export const UPDATE_PATIENT = graphql(`
  mutation UpdatePatient($input: UpdatePatientInput!) {
    updatePatient(input: $input) {
      ...PatientSummaryFields
      ...PatientContactFields
      version
      updatedAt
    }
  }
`);
