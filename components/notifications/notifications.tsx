"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useState } from "react";
import { apiErrors } from "@/components/graphql-errors";
import { formatDateTime } from "@/components/labels";
import { LoadMore } from "@/components/load-more";
import type { EmailDelivery } from "@/lib/generated/graphql/graphql";
import { KIND_LABELS } from "@/lib/notifications/kinds";
import { MARK_NOTIFICATIONS_READ, NOTIFICATION_PREFERENCES, NOTIFICATIONS, SET_NOTIFICATION_PREFERENCE, UNREAD_NOTIFICATION_COUNT } from "./operations";

const DELIVERY_LABELS: Record<EmailDelivery, string> = {
  IMMEDIATELY: "E-mail me at once",
  DAILY_DIGEST: "In a daily summary",
  OFF: "No e-mail",
};

/** The viewer's notifications, newest first; unread ones marked, and read once opened or all at once. */
function NotificationList() {
  const { data, loading, error, fetchMore } = useQuery(NOTIFICATIONS, { fetchPolicy: "cache-and-network" });
  const [markRead, marking] = useMutation(MARK_NOTIFICATIONS_READ, { refetchQueries: [NOTIFICATIONS, UNREAD_NOTIFICATION_COUNT] });
  const edges = data?.notifications.edges ?? [];
  const unread = edges.some((edge) => !edge.node.read);
  return (
    <section className="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">What happened</h2>
      {error && (
        <p className="error" role="alert">
          {apiErrors(error)[0]?.message}
        </p>
      )}
      {loading && !data && <p className="muted">Loading…</p>}
      {data && edges.length === 0 && <p className="muted">Nothing yet.</p>}
      {unread && (
        <button className="button secondary" type="button" disabled={marking.loading} onClick={() => void markRead({ variables: { ids: null } })}>
          Mark all as read
        </button>
      )}
      <ul className="notification-list">
        {edges.map(({ node }) => (
          <li key={node.id} className={node.read ? undefined : "unread"}>
            {!node.read && <span className="chip status-sent">New</span>}{" "}
            <Link href={node.path} onClick={() => (node.read ? undefined : void markRead({ variables: { ids: [node.id] } }))}>
              {node.text}
            </Link>{" "}
            <span className="muted">{formatDateTime(node.createdAt)}</span>
          </li>
        ))}
      </ul>
      <LoadMore pageInfo={data?.notifications.pageInfo} loading={loading} onMore={(after) => fetchMore({ variables: { after } })} />
    </section>
  );
}

/** Per kind: at once, in a daily summary, or no e-mail (the portal always shows them). */
function Preferences() {
  const { data, error } = useQuery(NOTIFICATION_PREFERENCES);
  const [setPreference, setting] = useMutation(SET_NOTIFICATION_PREFERENCE, { refetchQueries: [NOTIFICATION_PREFERENCES] });
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">E-mail</h2>
      <p className="muted">
        The portal always shows your notifications here. Choose which also reach you by e-mail. An e-mail never holds patient details: it says what
        happened and links here.
      </p>
      {error && (
        <p className="error" role="alert">
          {apiErrors(error)[0]?.message}
        </p>
      )}
      <div className="preference-list">
        {data?.notificationPreferences.map((preference) => (
          <div className="field" key={preference.kind}>
            <label htmlFor={`preference-${preference.kind}`}>{KIND_LABELS[preference.kind]}</label>
            <select
              id={`preference-${preference.kind}`}
              value={preference.delivery}
              disabled={setting.loading}
              onChange={async (event) => {
                await setPreference({ variables: { kind: preference.kind, delivery: event.target.value as EmailDelivery } });
                setSaved(`Saved: ${KIND_LABELS[preference.kind]}: ${DELIVERY_LABELS[event.target.value as EmailDelivery].toLowerCase()}.`);
              }}
            >
              {(Object.keys(DELIVERY_LABELS) as EmailDelivery[]).map((delivery) => (
                <option key={delivery} value={delivery}>
                  {DELIVERY_LABELS[delivery]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <p role="status" className="muted">
        {saved}
      </p>
    </section>
  );
}

export function Notifications() {
  return (
    <div className="stack">
      <NotificationList />
      <Preferences />
    </div>
  );
}
