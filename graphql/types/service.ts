import { builder } from "@/graphql/builder";
import { DisciplineEnum } from "@/graphql/types/referral";
import { viewerOf } from "@/lib/request/context";
import { listServices } from "@/lib/services";
import { serviceFilterSchema } from "@/lib/services/validation";
import { parseInput } from "@/lib/validation";

builder.prismaObject("TherapyService", {
  description: "An occupational therapy or physiotherapy service of a clinic, that referrals are sent to.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    discipline: t.expose("discipline", { type: DisciplineEnum }),
    acceptsExternalReferrals: t.exposeBoolean("acceptsExternalReferrals", {
      description: "Whether other clinics may refer to it (it is in their directory).",
    }),
    contactPhone: t.exposeString("contactPhone", { nullable: true, description: "How a referrer reaches the service by phone." }),
    contactEmail: t.exposeString("contactEmail", { nullable: true, description: "How a referrer reaches the service by email." }),
    clinic: t.relation("clinic"),
    own: t.boolean({
      description: "Whether it is a service of the viewer's own clinic.",
      select: { clinicId: true },
      resolve: (service, _args, context) => service.clinicId === viewerOf(context).clinicId,
    }),
  }),
});

builder.queryFields((t) => ({
  therapyServices: t.prismaField({
    type: ["TherapyService"],
    description: "The services the viewer's clinic can refer to: its own first, then other clinics' that accept outside referrals.",
    args: { discipline: t.arg({ type: DisciplineEnum }), search: t.arg.string() },
    resolve: (query, _root, args, context) => listServices(context, parseInput(serviceFilterSchema, args), query),
  }),
}));
