import { builder } from "@/graphql/builder";
import { connection, newestFirstCursor, toPage } from "@/graphql/pagination";
import { EmailDelivery, EmailStatus, NotificationKind } from "@/lib/generated/prisma/enums";
import {
  CONFIGURABLE_KINDS,
  factsOf,
  listMailDeliveries,
  listNotifications,
  markNotificationsRead,
  notificationPreferences,
  notificationSentence,
  portalPathOf,
  setNotificationPreference,
  unreadNotificationCount,
  type InAppNotification,
  type MailDelivery,
} from "@/lib/notifications";
import { badInput } from "@/lib/errors";
import { isUuid, pageSchema, parseInput } from "@/lib/validation";

const NotificationKindEnum = builder.enumType(NotificationKind, { name: "NotificationKind" });
const EmailDeliveryEnum = builder.enumType(EmailDelivery, {
  name: "EmailDelivery",
  description: "How a user wants the e-mail of one kind of notification: at once, in a daily digest, or not at all (in the portal always).",
});
const EmailStatusEnum = builder.enumType(EmailStatus, {
  name: "EmailStatus",
  description: "Where a notification's e-mail stands: PENDING (to send, or waiting for a retry), SENT, IN_DIGEST, DIGESTED, OFF, NO_MAIL_SERVER, FAILED.",
});

// Notifications carry no patient data and no referral object: their text and a link (a Referral field here would make reading them a read of patient data).
const Notification = builder.objectRef<InAppNotification>("Notification").implement({
  description: "Something that happened that concerns the viewer, in words without patient data, with where to see it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.field({ type: NotificationKindEnum, resolve: (notification) => notification.kind }),
    text: t.string({ resolve: (notification) => notificationSentence(factsOf(notification)) }),
    path: t.string({ description: "Where to see it in the portal.", resolve: (notification) => portalPathOf(notification) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    read: t.boolean({ resolve: (notification) => notification.readAt !== null }),
    emailStatus: t.field({ type: EmailStatusEnum, resolve: (notification) => notification.emailStatus }),
  }),
});

const NotificationConnection = connection("Notification", Notification);

const NotificationPreference = builder.objectRef<{ kind: NotificationKind; delivery: EmailDelivery }>("NotificationPreference").implement({
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, resolve: (preference) => preference.kind }),
    delivery: t.field({ type: EmailDeliveryEnum, resolve: (preference) => preference.delivery }),
  }),
});

const MailDeliveryRef = builder.objectRef<MailDelivery>("MailDelivery").implement({
  description: "How the e-mail of one notification to a user of the clinic went, for its administrators.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.field({ type: NotificationKindEnum, resolve: (delivery) => delivery.kind }),
    text: t.string({ resolve: (delivery) => notificationSentence(factsOf(delivery)) }),
    recipientName: t.string({ resolve: (delivery) => delivery.user.name }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    status: t.field({ type: EmailStatusEnum, resolve: (delivery) => delivery.emailStatus }),
    attempts: t.exposeInt("attempts"),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why it was not sent (yet), as the mail server or the network said." }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
    nextAttemptAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the next attempt is due, while it waits for one.",
      resolve: (delivery) => (delivery.emailStatus === "PENDING" ? delivery.nextAttemptAt : null),
    }),
  }),
});

const MailDeliveryConnection = connection("MailDelivery", MailDeliveryRef);

const MAX_IDS = 100;

builder.queryFields((t) => ({
  notifications: t.field({
    type: NotificationConnection,
    description: "The viewer's notifications, newest first.",
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context) => {
      const { first, after } = parseInput(pageSchema, args);
      return toPage(await listNotifications(context, { first, after: newestFirstCursor.decode(after) }), first, newestFirstCursor.encode);
    },
  }),
  unreadNotificationCount: t.int({
    description: "How many of the viewer's notifications are unread.",
    resolve: (_root, _args, context) => unreadNotificationCount(context),
  }),
  notificationPreferences: t.field({
    type: [NotificationPreference],
    description: "How the viewer gets each kind of notification by e-mail (in the portal they always do).",
    resolve: (_root, _args, context) => notificationPreferences(context),
  }),
  mailDeliveries: t.field({
    type: MailDeliveryConnection,
    description: "How the e-mail of the clinic's users' notifications went, newest first (administrators).",
    args: { status: t.arg({ type: EmailStatusEnum }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context) => {
      const { first, after } = parseInput(pageSchema, args);
      const rows = await listMailDeliveries(context, { status: args.status ?? null }, { first, after: newestFirstCursor.decode(after) });
      return toPage(rows, first, newestFirstCursor.encode);
    },
  }),
}));

builder.mutationFields((t) => ({
  markNotificationsRead: t.int({
    description: "Marks the viewer's notifications read: those named (at most 100), or all when ids is left out. Returns how many changed.",
    args: { ids: t.arg.idList() },
    resolve: (_root, args, context) => {
      if (args.ids && args.ids.length > MAX_IDS) badInput(`ids may name at most ${MAX_IDS} notifications`, ["ids"]);
      const ids = args.ids?.map((id, index) => (isUuid(String(id)) ? String(id).toLowerCase() : badInput("ids must be notification ids", ["ids", index])));
      return markNotificationsRead(context, ids ?? null);
    },
  }),
  setNotificationPreference: t.field({
    type: [NotificationPreference],
    description: "Chooses how one kind of notification reaches the viewer by e-mail. Returns every preference.",
    args: { kind: t.arg({ type: NotificationKindEnum, required: true }), delivery: t.arg({ type: EmailDeliveryEnum, required: true }) },
    resolve: (_root, args, context) => {
      const kind = CONFIGURABLE_KINDS.find((configurable) => configurable === args.kind);
      if (!kind) badInput("Invitations, reset links and the digest itself are always e-mailed at once.", ["kind"]);
      return setNotificationPreference(context, kind, args.delivery);
    },
  }),
}));
