import { builder } from "@/graphql/builder";
import { Role } from "@/lib/generated/prisma/enums";
import { PERMISSIONS, permissionsOf } from "@/lib/permissions";
import { changeOwnPassword, createUser, findViewerUser, listUsers, resetUserPassword, setUserActive, updateOwnContact } from "@/lib/users";
import { inviteUser, resendInvitation } from "@/lib/accounts";
import { parseId } from "@/lib/validation";

export const RoleEnum = builder.enumType(Role, { name: "Role" });
const PermissionEnum = builder.enumType("Permission", {
  description: "Something a user may do; the UI asks for these instead of comparing roles (lib/permissions).",
  values: PERMISSIONS,
});

builder.prismaObject("Clinic", {
  description: "The clinic the viewer belongs to; every record is scoped to one.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
  }),
});

builder.prismaObject("User", {
  description: "A clinician, administrator or therapist of a clinic.",
  // Select mode: only the columns the query's fields need (never the password hash).
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    workPhone: t.exposeString("workPhone", { nullable: true, description: "The number the services this user refers to call them on." }),
    role: t.expose("role", { type: RoleEnum }),
    active: t.exposeBoolean("active", { description: "An inactive user cannot sign in." }),
    invited: t.boolean({
      description: "Invited by e-mail and not yet accepted: no password is set.",
      select: { passwordHash: true },
      resolve: (user) => user.passwordHash === null,
    }),
    clinic: t.relation("clinic"),
    service: t.relation("service", { nullable: true, description: "The therapy service a therapist works for." }),
    permissions: t.field({
      type: [PermissionEnum],
      description: "What this user may do, as lib/permissions grants it to their role.",
      select: { role: true },
      resolve: (user) => permissionsOf(user),
    }),
  }),
});

/**
 * Someone who sent a referral or acted on it, as everyone who may read the
 * referral sees them (another clinic's receiving service too): a contact to
 * reach (their work phone too), not an account, so no role, active flag, permissions or clinic id.
 */
export const StaffContact = builder.prismaObject("User", {
  variant: "StaffContact",
  description: "A clinician or therapist as a contact: name, email, work phone and clinic.",
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    workPhone: t.exposeString("workPhone", { nullable: true, description: "The number the services they refer to call them on." }),
    clinicName: t.string({ select: { clinic: { select: { name: true } } }, resolve: (user) => user.clinic.name }),
  }),
});

const CreateUserInput = builder.inputType("CreateUserInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    serviceId: t.id({ description: "Required for a THERAPIST: the clinic's service they work for." }),
    password: t.string({ required: true, description: "At least 12 characters and not a common password." }),
  }),
});

const InviteUserInput = builder.inputType("InviteUserInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    serviceId: t.id({ description: "Required for a THERAPIST: the clinic's service they work for." }),
  }),
});

const MyContactInput = builder.inputType("MyContactInput", {
  fields: (t) => ({ workPhone: t.string({ description: "Left out or empty: none." }) }),
});

builder.queryFields((t) => ({
  me: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in user.",
    resolve: (query, _root, _args, context) => findViewerUser(context, query),
  }),
  users: t.prismaField({
    type: ["User"],
    description: "The clinic's users, for its administrators.",
    resolve: (query, _root, _args, context) => listUsers(context, query),
  }),
}));

builder.mutationFields((t) => ({
  createUser: t.prismaField({
    type: "User",
    description: "Adds a clinician, administrator or therapist to the viewer's clinic (ADMIN only).",
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (query, _root, args, context) => createUser(context, args.input, query),
  }),
  setUserActive: t.prismaField({
    type: "User",
    description: "Deactivates (ending their sessions at once) or reactivates a user of the clinic (ADMIN only).",
    args: { id: t.arg.id({ required: true }), active: t.arg.boolean({ required: true }) },
    resolve: (query, _root, args, context) => setUserActive(context, parseId(args.id, ["id"]), args.active, query),
  }),
  resetUserPassword: t.prismaField({
    type: "User",
    description: "Sets a new password for a user of the clinic and ends their sessions (ADMIN only).",
    args: { id: t.arg.id({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: (query, _root, args, context) => resetUserPassword(context, parseId(args.id, ["id"]), args.newPassword, query),
  }),
  inviteUser: t.prismaField({
    type: "User",
    description: "Adds a user to the viewer's clinic without a password and e-mails them a single-use link (72 hours) to set one (ADMIN only).",
    args: { input: t.arg({ type: InviteUserInput, required: true }) },
    resolve: (query, _root, args, context) => inviteUser(context, args.input, query),
  }),
  resendInvitation: t.prismaField({
    type: "User",
    description: "E-mails a new invitation link to a user of the clinic who has not accepted yet; the earlier link stops working (ADMIN only).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => resendInvitation(context, parseId(args.id, ["id"]), query),
  }),
  updateMyContact: t.prismaField({
    type: "User",
    description: "Sets the viewer's own work phone.",
    args: { input: t.arg({ type: MyContactInput, required: true }) },
    resolve: (query, _root, args, context) => updateOwnContact(context, args.input, query),
  }),
  changeMyPassword: t.boolean({
    description: "Changes the viewer's own password; every session of the viewer ends, this one too.",
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      await changeOwnPassword(context, args.currentPassword, args.newPassword);
      return true;
    },
  }),
}));
