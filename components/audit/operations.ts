import { graphql } from "@/lib/generated/graphql";

export const AUDIT_EVENTS = graphql(`
  query AuditTrail($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AuditEventFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AUDIT_EVENT_FIELDS = graphql(`
  fragment AuditEventFields on AuditEvent {
    id
    createdAt
    userId
    userName
    action
    entityType
    entityIds
    outcome
    ip
    userAgent
  }
`);
