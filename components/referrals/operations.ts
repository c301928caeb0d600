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
    findings {
      ruleId
      supports
      assertion
      counted
      evidence {
        kind
        code
        label
        text
      }
    }
    hint
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
    parts {
      id
      discipline
      status
    }
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

/** A therapy service as a choice in a list: its clinic's name tells an outside service from the clinic's own. */
export const THERAPY_SERVICE_FIELDS = graphql(`
  fragment TherapyServiceFields on TherapyService {
    id
    name
    discipline
    own
    clinic {
      id
      name
    }
  }
`);

/** How to reach a service, shown with each part on the referral page. */
export const SERVICE_CONTACT_FIELDS = graphql(`
  fragment ServiceContactFields on TherapyService {
    id
    contactPhone
    contactEmail
  }
`);

export const THERAPY_SERVICES = graphql(`
  query TherapyServices($discipline: Discipline) {
    therapyServices(discipline: $discipline) {
      ...TherapyServiceFields
      description
      eligibilityCriteria
      exclusions
      contactPhone
      contactEmail
    }
  }
`);

export const REFERRAL_EVENT_FIELDS = graphql(`
  fragment ReferralEventFields on ReferralEvent {
    id
    action
    fromStatus
    toStatus
    note
    createdAt
    actor {
      id
      name
    }
  }
`);

// Everything an action can alter on a part, so the mutation's answer refreshes the page through the cache.
export const REFERRAL_PART_FIELDS = graphql(`
  fragment ReferralPartFields on ReferralPart {
    id
    discipline
    status
    version
    priority
    sentAt
    decidedAt
    completedAt
    declineReason
    declineComment
    cancelReason
    cancelComment
    outcome {
      provided
      recommendations
      score
    }
    outcomeAcknowledgedAt
    allowedActions
    viewerOpenedAt
    changedSinceViewerOpened
    waiting {
      workingDays
      targetWorkingDays
      overdue
    }
    service {
      ...TherapyServiceFields
      ...ServiceContactFields
    }
    redirectedFrom {
      id
      service {
        id
        name
      }
    }
    events {
      ...ReferralEventFields
    }
  }
`);

export const REFERRAL_DETAILS = graphql(`
  query ReferralDetails($id: ID!) {
    referral(id: $id) {
      ...ReferralSummaryFields
      updatedAt
      needs
      conditions
      notes
      triage {
        ...TriageResultFields
      }
      followedRecommendation
      overrideReason
      duplicateReason
      assessFirst
      patient {
        id
        ...PatientContactFields
      }
      author {
        id
        email
        workPhone
      }
      parts {
        ...ReferralPartFields
      }
      viewerCanAttach
      attachments {
        id
        filename
        contentType
        size
        createdAt
        downloadUrl
        uploadedBy {
          id
          name
        }
        part {
          id
          discipline
        }
      }
    }
  }
`);

export const CHANGE_REFERRAL_PART = graphql(`
  mutation ChangeReferralPart($input: ChangeReferralPartInput!) {
    changeReferralPart(input: $input) {
      ...ReferralPartFields
    }
  }
`);

export const MARK_REFERRAL_SEEN = graphql(`
  mutation MarkReferralSeen($id: ID!) {
    markReferralSeen(id: $id)
  }
`);

export const UNREAD_REFERRAL_COUNT = graphql(`
  query UnreadReferralCount {
    unreadReferralCount
  }
`);

export const REFERRAL_UPDATES = graphql(`
  query ReferralUpdates($first: Int, $after: String) {
    referralUpdates(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ReferralEventFields
          unread
          part {
            id
            discipline
            status
            service {
              id
              name
              own
              clinic {
                id
                name
              }
            }
          }
          referral {
            id
            priority
            patient {
              id
              givenName
              familyName
              medicalRecordNumber
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const WORKLIST = graphql(`
  query Worklist($filter: WorklistFilter, $first: Int, $after: String) {
    me {
      id
      service {
        id
        name
      }
    }
    worklist(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          discipline
          status
          priority
          sentAt
          viewerOpenedAt
          changedSinceViewerOpened
          waiting {
            workingDays
            targetWorkingDays
            overdue
          }
          referral {
            id
            assessFirst
            author {
              id
              name
              clinicName
            }
            patient {
              id
              givenName
              familyName
              medicalRecordNumber
              dateOfBirth
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** What needs the viewer now: the home page's list (a referrer's questions and outcomes, a therapist's new and changed parts). */
export const PARTS_NEEDING_ATTENTION = graphql(`
  query PartsNeedingAttention {
    partsNeedingAttention {
      id
      discipline
      status
      sentAt
      updatedAt
      viewerOpenedAt
      changedSinceViewerOpened
      outcomeAcknowledgedAt
      service {
        id
        name
        own
        clinic {
          id
          name
        }
      }
      events {
        id
        action
        note
        createdAt
      }
      referral {
        id
        priority
        patient {
          id
          givenName
          familyName
          medicalRecordNumber
        }
      }
    }
  }
`);

export const REFERRAL_DRAFTS = graphql(`
  query ReferralDrafts {
    referralDrafts {
      id
      updatedAt
      expiresAt
      patient {
        id
        givenName
        familyName
        medicalRecordNumber
      }
    }
  }
`);

export const REFERRAL_DRAFT_FIELDS = graphql(`
  fragment ReferralDraftFields on ReferralDraft {
    id
    needs
    conditions
    notes
    decision
    choice
    overrideReason
    priority
    services {
      discipline
      serviceId
    }
    assessment {
      discipline
      serviceId
    }
    updatedAt
    expiresAt
  }
`);

export const REFERRAL_DRAFT = graphql(`
  query ReferralDraft($patientId: ID!) {
    referralDraft(patientId: $patientId) {
      ...ReferralDraftFields
    }
  }
`);

export const SAVE_REFERRAL_DRAFT = graphql(`
  mutation SaveReferralDraft($input: ReferralDraftInput!) {
    saveReferralDraft(input: $input) {
      id
      updatedAt
      expiresAt
    }
  }
`);

export const DISCARD_REFERRAL_DRAFT = graphql(`
  mutation DiscardReferralDraft($id: ID!) {
    discardReferralDraft(id: $id)
  }
`);
