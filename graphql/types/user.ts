import { builder } from "@/graphql/builder";
import { viewerOf } from "@/graphql/context";

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
    clinic: t.relation("clinic"),
  }),
});

builder.queryField("me", (t) =>
  t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in user.",
    resolve: (query, _root, _args, context) =>
      context.db.user.findUnique({ ...query, where: { id: viewerOf(context).id } }),
  }),
);
