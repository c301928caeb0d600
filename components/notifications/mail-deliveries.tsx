"use client";

import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { apiErrors } from "@/components/graphql-errors";
import { formatDateTime } from "@/components/labels";
import { LoadMore } from "@/components/load-more";
import type { EmailStatus } from "@/lib/generated/graphql/graphql";
import { MAIL_DELIVERIES } from "./operations";

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  PENDING: "Waiting to be sent",
  SENT: "Sent",
  IN_DIGEST: "Waiting for the daily summary",
  DIGESTED: "Sent in a daily summary",
  OFF: "Not sent: the user turned this e-mail off",
  NO_MAIL_SERVER: "Not sent: no mail server",
  FAILED: "Failed",
};

/** How the clinic's e-mail went, for its administrators: what was sent, what waits, what was not sent and why. */
export function MailDeliveries() {
  const [status, setStatus] = useState<EmailStatus | "">("");
  const { data, loading, error, fetchMore } = useQuery(MAIL_DELIVERIES, { variables: { status: status || null }, fetchPolicy: "cache-and-network" });
  const edges = data?.mailDeliveries.edges ?? [];
  return (
    <section className="card" aria-labelledby="mail-heading">
      <h2 id="mail-heading">E-mail of the clinic&apos;s notifications</h2>
      <div className="field">
        <label htmlFor="mail-status">Show</label>
        <select id="mail-status" value={status} onChange={(event) => setStatus(event.target.value as EmailStatus | "")}>
          <option value="">Every e-mail</option>
          {(Object.keys(EMAIL_STATUS_LABELS) as EmailStatus[]).map((option) => (
            <option key={option} value={option}>
              {EMAIL_STATUS_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="error" role="alert">
          {apiErrors(error)[0]?.message}
        </p>
      )}
      {data && edges.length === 0 && <p className="muted">No e-mail here.</p>}
      {edges.length > 0 && (
        <div className="table-scroll">
          <table className="referral-table">
            <caption className="visually-hidden">E-mail of notifications, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">To</th>
                <th scope="col">About</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{formatDateTime(node.createdAt)}</td>
                  <td>{node.recipientName}</td>
                  <td>{node.text}</td>
                  <td>
                    {EMAIL_STATUS_LABELS[node.status]}
                    {node.sentAt && <span className="muted"> ({formatDateTime(node.sentAt)})</span>}
                    {node.nextAttemptAt && <span className="muted"> (next try {formatDateTime(node.nextAttemptAt)})</span>}
                  </td>
                  <td>{node.attempts}</td>
                  <td>{node.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pageInfo={data?.mailDeliveries.pageInfo} loading={loading} onMore={(after) => fetchMore({ variables: { after } })} />
    </section>
  );
}
