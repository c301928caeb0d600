import { builder } from "@/graphql/builder";
import { endMyOtherSessions, endMySession, mySessions } from "@/lib/auth/my-sessions";
import {
  mySecondFactors,
  regenerateMyRecoveryCodes,
  removeMyAuthenticatorApp,
  removeMyPasskey,
  resetUserSecondFactors,
  setSecondFactorPolicy,
} from "@/lib/auth/second-factor/manage";
import { SecondFactorPolicy } from "@/lib/generated/prisma/enums";
import { parseId } from "@/lib/validation";

/**
 * The viewer's own account: second factors and sessions. Adding a factor goes
 * through /api/second-factor (it is also the forced enrolment of a session that
 * has none yet); everything else is here, for signed-in sessions only.
 */

export const SecondFactorPolicyEnum = builder.enumType(SecondFactorPolicy, {
  name: "SecondFactorPolicy",
  description: "Who in the clinic must sign in with a second factor.",
});

builder.prismaObjectField("Clinic", "secondFactorPolicy", (t) =>
  t.expose("secondFactorPolicy", { type: SecondFactorPolicyEnum, description: "Who must sign in with a second factor." }),
);

builder.prismaObjectField("User", "hasSecondFactor", (t) =>
  t.boolean({
    description: "Whether the user has a passkey or an authenticator app.",
    select: { passkeys: { select: { id: true }, take: 1 }, totp: { select: { confirmedAt: true } } },
    resolve: (user) => user.passkeys.length > 0 || Boolean(user.totp?.confirmedAt),
  }),
);

interface PasskeyShape {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const PasskeyRef = builder.objectRef<PasskeyShape>("Passkey").implement({
  description: "A passkey or security key of the viewer's.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
  }),
});

const AuthenticatorAppRef = builder.objectRef<{ addedAt: Date; lastUsedAt: Date | null }>("AuthenticatorApp").implement({
  description: "The viewer's authenticator app (one-time codes).",
  fields: (t) => ({
    addedAt: t.expose("addedAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
  }),
});

const SecondFactorsRef = builder
  .objectRef<{ required: boolean; passkeys: PasskeyShape[]; authenticatorApp: { addedAt: Date; lastUsedAt: Date | null } | null; recoveryCodesLeft: number }>(
    "SecondFactors",
  )
  .implement({
    description: "The viewer's second factors.",
    fields: (t) => ({
      required: t.exposeBoolean("required", { description: "Whether the clinic's policy requires the viewer to keep one." }),
      passkeys: t.field({ type: [PasskeyRef], resolve: (factors) => factors.passkeys }),
      authenticatorApp: t.field({ type: AuthenticatorAppRef, nullable: true, resolve: (factors) => factors.authenticatorApp }),
      recoveryCodesLeft: t.exposeInt("recoveryCodesLeft"),
    }),
  });

interface SessionShape {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

const SignedInSessionRef = builder.objectRef<SessionShape>("SignedInSession").implement({
  description: "One of the viewer's live sessions.",
  fields: (t) => ({
    id: t.exposeID("id"),
    device: t.exposeString("userAgent", { nullable: true, description: "The browser's user agent, as it gave it (at most 256 characters)." }),
    address: t.exposeString("ip", { nullable: true, description: "The client's address when it signed in." }),
    startedAt: t.expose("createdAt", { type: "DateTime" }),
    lastActiveAt: t.expose("lastSeenAt", { type: "DateTime" }),
    current: t.exposeBoolean("current", { description: "The session this request came from." }),
  }),
});

builder.queryFields((t) => ({
  mySecondFactors: t.field({
    type: SecondFactorsRef,
    description: "The viewer's passkeys, authenticator app and how many recovery codes are left.",
    resolve: (_root, _args, context) => mySecondFactors(context),
  }),
  mySessions: t.field({
    type: [SignedInSessionRef],
    description: "The viewer's live sessions, most recently active first.",
    resolve: (_root, _args, context) => mySessions(context),
  }),
}));

builder.mutationFields((t) => ({
  removePasskey: t.boolean({
    description: "Removes one of the viewer's passkeys (not the last second factor while the clinic requires one). Asks for a recent second factor.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      await removeMyPasskey(context, parseId(args.id, ["id"]));
      return true;
    },
  }),
  removeAuthenticatorApp: t.boolean({
    description: "Removes the viewer's authenticator app (not the last second factor while the clinic requires one). Asks for a recent second factor.",
    resolve: async (_root, _args, context) => {
      await removeMyAuthenticatorApp(context);
      return true;
    },
  }),
  regenerateRecoveryCodes: t.stringList({
    description: "Ten new recovery codes, shown once; the old ones stop working. Asks for a recent second factor.",
    resolve: (_root, _args, context) => regenerateMyRecoveryCodes(context),
  }),
  endSession: t.boolean({
    description: "Ends one of the viewer's other sessions.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      await endMySession(context, parseId(args.id, ["id"]));
      return true;
    },
  }),
  endOtherSessions: t.int({
    description: "Ends every session of the viewer but this one; answers how many ended.",
    resolve: (_root, _args, context) => endMyOtherSessions(context),
  }),
  setSecondFactorPolicy: t.prismaField({
    type: "Clinic",
    description: "Who in the clinic must sign in with a second factor (ADMIN only; asks for a recent second factor).",
    args: { policy: t.arg({ type: SecondFactorPolicyEnum, required: true }) },
    resolve: (_query, _root, args, context) => setSecondFactorPolicy(context, args.policy),
  }),
  resetSecondFactors: t.prismaField({
    type: "User",
    description: "Removes every second factor of a user of the clinic and ends their sessions (ADMIN only; asks for a recent second factor).",
    args: { userId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const userId = parseId(args.userId, ["userId"]);
      await resetUserSecondFactors(context, userId);
      return context.db.user.findUniqueOrThrow({ ...query, where: { id: userId } });
    },
  }),
}));
