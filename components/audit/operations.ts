import { graphql } from "@/lib/generated/graphql";

// A fragment is spread by name in any file; codegen adds its definition to each document that spreads it.

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
