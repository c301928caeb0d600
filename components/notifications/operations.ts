import { graphql } from "@/lib/generated/graphql";

export const NOTIFICATIONS = graphql(`
  query Notifications($after: String) {
    notifications(first: 20, after: $after) {
      edges {
        node {
          id
          kind
          text
          path
          createdAt
          read
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const UNREAD_NOTIFICATION_COUNT = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const MARK_NOTIFICATIONS_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

export const NOTIFICATION_PREFERENCES = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      delivery
    }
  }
`);

export const SET_NOTIFICATION_PREFERENCE = graphql(`
  mutation SetNotificationPreference($kind: NotificationKind!, $delivery: EmailDelivery!) {
    setNotificationPreference(kind: $kind, delivery: $delivery) {
      kind
      delivery
    }
  }
`);

export const MAIL_DELIVERIES = graphql(`
  query MailDeliveries($status: EmailStatus, $after: String) {
    mailDeliveries(status: $status, first: 50, after: $after) {
      edges {
        node {
          id
          kind
          text
          recipientName
          createdAt
          status
          attempts
          lastError
          sentAt
          nextAttemptAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
