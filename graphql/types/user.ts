import { builder } from "@/graphql/builder";
import { requireAdmin } from "@/graphql/authorization";
import { viewerOf } from "@/graphql/context";
import { badInput, notFound, parseId, parseInput } from "@/graphql/input";
import { normaliseEmail } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { endAllSessions } from "@/lib/auth/sessions";
import { isUniqueViolation } from "@/lib/db/errors";
import { z } from "zod";

export const Role = builder.enumType("Role", { values: ["CLINICIAN", "ADMIN"] as const });

builder.prismaObject("Clinic", {
  description: "The clinic the viewer belongs to; every record is scoped to one.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
  }),
});

builder.prismaObject("User", {
  description: "A clinician or administrator of a clinic.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    role: t.expose("role", { type: Role }),
    active: t.exposeBoolean("active", { description: "An inactive user cannot sign in." }),
    clinic: t.relation("clinic"),
  }),
});

const createUserSchema = z.object({
  email: z.email("Email is not a valid address").max(320).transform(normaliseEmail),
  name: z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  role: z.enum(["CLINICIAN", "ADMIN"]),
  password: newPasswordSchema,
});

const CreateUserInput = builder.inputType("CreateUserInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    role: t.field({ type: Role, required: true }),
    password: t.string({ required: true, description: "At least 12 characters and not a common password." }),
  }),
});

builder.queryFields((t) => ({
  me: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in user.",
    resolve: (query, _root, _args, context) => context.db.user.findUnique({ ...query, where: { id: viewerOf(context).id } }),
  }),
  users: t.prismaField({
    type: ["User"],
    description: "The clinic's users, for its administrators.",
    resolve: (query, _root, _args, context) => {
      requireAdmin(context);
      return context.db.user.findMany({ ...query, orderBy: [{ name: "asc" }, { id: "asc" }] });
    },
  }),
}));

builder.mutationFields((t) => ({
  createUser: t.prismaField({
    type: "User",
    description: "Adds a clinician or administrator to the viewer's clinic (ADMIN only).",
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: async (query, _root, args, context) => {
      const admin = requireAdmin(context);
      const input = parseInput(createUserSchema, args.input, ["input"]);
      try {
        const user = await context.db.user.create({
          ...query,
          data: { clinicId: admin.clinicId, email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
        });
        context.audit.record("user.create", "User", [user.id], "SUCCESS");
        return user;
      } catch (error) {
        if (isUniqueViolation(error)) badInput("A user with this email already exists.", ["input", "email"]);
        throw error;
      }
    },
  }),
  setUserActive: t.prismaField({
    type: "User",
    description: "Deactivates (ending their sessions at once) or reactivates a user of the clinic (ADMIN only).",
    args: { id: t.arg.id({ required: true }), active: t.arg.boolean({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const admin = requireAdmin(context);
      const id = parseId(args.id, ["id"]);
      if (id === admin.id && !args.active) badInput("You cannot deactivate your own account.", ["id"]);
      const { count } = await context.db.user.updateMany({ where: { id }, data: { active: args.active } });
      if (count === 0) notFound("User");
      if (!args.active) await endAllSessions(context.prisma, id, "DEACTIVATED");
      context.audit.record(args.active ? "user.reactivate" : "user.deactivate", "User", [id], "SUCCESS");
      return context.db.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  resetUserPassword: t.prismaField({
    type: "User",
    description: "Sets a new password for a user of the clinic and ends their sessions (ADMIN only).",
    args: { id: t.arg.id({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, context) => {
      requireAdmin(context);
      const id = parseId(args.id, ["id"]);
      const password = parseInput(newPasswordSchema, args.newPassword, ["newPassword"]);
      const { count } = await context.db.user.updateMany({ where: { id }, data: { passwordHash: await hashPassword(password) } });
      if (count === 0) notFound("User");
      await endAllSessions(context.prisma, id, "PASSWORD_RESET");
      context.audit.record("user.password_reset", "User", [id], "SUCCESS");
      return context.db.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  changeMyPassword: t.boolean({
    description: "Changes the viewer's own password; every session of the viewer ends, this one too.",
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const viewer = viewerOf(context);
      const user = await context.db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
      if (!(await verifyPassword(user.passwordHash, args.currentPassword))) {
        badInput("The current password is not right.", ["currentPassword"]);
      }
      const password = parseInput(newPasswordSchema, args.newPassword, ["newPassword"]);
      if (password === args.currentPassword) badInput("Choose a password different from the current one.", ["newPassword"]);
      await context.db.user.update({ where: { id: viewer.id }, data: { passwordHash: await hashPassword(password) } });
      await endAllSessions(context.prisma, viewer.id, "PASSWORD_CHANGED");
      context.audit.record("user.password_change", "User", [viewer.id], "SUCCESS");
      return true;
    },
  }),
}));
