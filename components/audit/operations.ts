import { gql, type TypedDocumentNode } from "@apollo/client";

export interface AuditEventFilter {
  userId?: string;
  patientId?: string;
  action?: string;
  createdFrom?: string;
  createdTo?: string;
}

export interface AuditEventRow {
  id: string;
  createdAt: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entityType: string | null;
  entityIds: string[];
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEventPage {
  auditEvents: {
    edges: { cursor: string; node: AuditEventRow }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export const AUDIT_EVENTS: TypedDocumentNode<AuditEventPage, { filter: AuditEventFilter; first: number; after?: string | null }> = gql`
  query AuditTrail($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
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
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
