import { graphql } from "@/lib/generated/graphql";

// A fragment is spread by name in any file; codegen adds its definition to each document that spreads it.

export const NEED_CATALOG = graphql(`
  query NeedCatalog {
    needCatalog {
      needs {
        ...CatalogEntryFields
      }
      conditions {
        ...CatalogEntryFields
      }
      groups
    }
  }
`);

export const CATALOG_ENTRY_FIELDS = graphql(`
  fragment CatalogEntryFields on CatalogEntry {
    code
    label
    description
    group
    source
  }
`);

export const TRIAGE_RESULT_FIELDS = graphql(`
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
`);

export const TRIAGE_PREVIEW = graphql(`
  query TriagePreview($input: NeedsInput!) {
    triage(input: $input) {
      ...TriageResultFields
    }
  }
`);

export const CREATE_REFERRAL = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
    }
  }
`);

/** One row of a referral list. */
export const REFERRAL_SUMMARY_FIELDS = graphql(`
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
`);

export const REFERRAL_HISTORY = graphql(`
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
`);

// Everything a status change can alter, so the mutation's answer refreshes the page through the cache.
export const REFERRAL_STATE_FIELDS = graphql(`
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
`);

export const REFERRAL_DETAILS = graphql(`
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
`);

export const CHANGE_REFERRAL_STATUS = graphql(`
  mutation ChangeReferralStatus($id: ID!, $status: ReferralStatus!, $expectedVersion: Int!, $note: String) {
    changeReferralStatus(id: $id, status: $status, expectedVersion: $expectedVersion, note: $note) {
      ...ReferralStateFields
    }
  }
`);
