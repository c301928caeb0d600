import { graphql } from "@/lib/generated/graphql";

/** The whole dashboard in one request: the API answers it with a fixed number of SQL statements. */
export const DASHBOARD = graphql(`
  query Dashboard($filter: DashboardFilter!) {
    dashboard(filter: $filter) {
      from
      to
      showsSent
      services {
        id
        name
        discipline
      }
      volume {
        direction
        weekStart
        discipline
        priority
        count
      }
      decisions {
        direction
        decision
        declineReason
        count
        parts
        rate
      }
      responseTimes {
        direction
        priority
        targetWorkingDays
        parts
        decided
        decisionMedian
        decisionP90
        breached
        breachedShare
        completed
        completionMedian
        completionP90
      }
      waitingList {
        serviceId
        serviceName
        fromWeeks
        toWeeks
        awaitingDecision
        acceptedNotStarted
      }
      agreement {
        byRecommendation {
          recommendation
          referrals
          overridden
          rate
        }
        byRule {
          ruleId
          referrals
          overridden
          rate
        }
        overrides {
          referralId
          createdAt
          recommendation
          disciplines
          reason
        }
      }
    }
  }
`);
