import { builder } from "@/graphql/builder";
import { DisciplineEnum, PriorityEnum } from "@/graphql/types/referral";
import { ReferralPriority } from "@/lib/generated/prisma/enums";
import { viewerOf } from "@/lib/request/context";
import {
  createTherapyService,
  listClinicServices,
  listServices,
  removeTherapyService,
  responseTargetsOf,
  updateTherapyService,
} from "@/lib/services";
import { serviceFilterSchema } from "@/lib/services/validation";
import { parseId, parseInput } from "@/lib/validation";

const ResponseTarget = builder.objectRef<{ priority: ReferralPriority; workingDays: number; own: boolean }>("ResponseTarget").implement({
  description: "Working days within which the service means to decide on a referral of one priority.",
  fields: (t) => ({
    priority: t.field({ type: PriorityEnum, resolve: (target) => target.priority }),
    workingDays: t.exposeInt("workingDays"),
    own: t.exposeBoolean("own", { description: "The service's own target; false: the portal's (RESPONSE_TARGET_WORKING_DAYS)." }),
  }),
});

builder.prismaObject("TherapyService", {
  description: "An occupational therapy or physiotherapy service of a clinic, that referrals are sent to.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    discipline: t.expose("discipline", { type: DisciplineEnum }),
    acceptsExternalReferrals: t.exposeBoolean("acceptsExternalReferrals", {
      description: "Whether other clinics may refer to it (it is in their directory).",
    }),
    description: t.exposeString("description", { nullable: true, description: "What the service does." }),
    eligibilityCriteria: t.exposeString("eligibilityCriteria", { nullable: true, description: "Who the service takes." }),
    exclusions: t.exposeString("exclusions", { nullable: true, description: "Who the service does not take." }),
    contactPhone: t.exposeString("contactPhone", { nullable: true, description: "How a referrer reaches the service by phone." }),
    contactEmail: t.exposeString("contactEmail", { nullable: true, description: "How a referrer reaches the service by email." }),
    address: t.exposeString("address", { nullable: true, description: "The postal address, one line per line." }),
    responseTargets: t.field({
      type: [ResponseTarget],
      description: "The response target per priority: the service's own where it set one, else the portal's.",
      select: { responseTargets: true },
      resolve: (service) => {
        const own = (service.responseTargets ?? {}) as Record<string, unknown>;
        const targets = responseTargetsOf(service);
        return Object.values(ReferralPriority).map((priority) => ({ priority, workingDays: targets[priority], own: typeof own[priority] === "number" }));
      },
    }),
    closed: t.boolean({
      description: "Closed to new referrals: its open referrals carry on, nobody can send it more.",
      select: { closedAt: true },
      resolve: (service) => service.closedAt !== null,
    }),
    clinic: t.relation("clinic"),
    own: t.boolean({
      description: "Whether it is a service of the viewer's own clinic.",
      select: { clinicId: true },
      resolve: (service, _args, context) => service.clinicId === viewerOf(context).clinicId,
    }),
  }),
});

const ResponseTargetsInput = builder.inputType("ResponseTargetsInput", {
  description: "Working days per priority, 1 to 365; a priority left out or null keeps the portal's target.",
  fields: (t) => ({ STAT: t.int(), ASAP: t.int(), URGENT: t.int(), ROUTINE: t.int() }),
});

type InputFields = Parameters<NonNullable<Parameters<typeof builder.inputType>[1]["fields"]>>[0];

/** The fields that describe a service, the same when adding and when changing one. */
const describingFields = (t: InputFields) => ({
  description: t.string({ description: "What the service does (at most 4,000 characters)." }),
  eligibilityCriteria: t.string({ description: "Who the service takes (at most 4,000 characters)." }),
  exclusions: t.string({ description: "Who it does not take (at most 4,000 characters)." }),
  contactPhone: t.string(),
  contactEmail: t.string(),
  address: t.string({ description: "One line per line, at most 500 characters." }),
  acceptsExternalReferrals: t.boolean({ description: "Whether other clinics may refer to it." }),
});

const CreateTherapyServiceInput = builder.inputType("CreateTherapyServiceInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    discipline: t.field({ type: DisciplineEnum, required: true }),
    ...describingFields(t),
    responseTargets: t.field({ type: ResponseTargetsInput }),
  }),
});

const UpdateTherapyServiceInput = builder.inputType("UpdateTherapyServiceInput", {
  description: "What to change; a field left out stays as it is, an optional text given as null or empty is cleared.",
  fields: (t) => ({
    name: t.string(),
    discipline: t.field({ type: DisciplineEnum, description: "Only while no referral was ever sent to the service." }),
    ...describingFields(t),
    responseTargets: t.field({ type: ResponseTargetsInput, description: "Replaces the service's own targets; null: the portal's for every priority." }),
    closed: t.boolean({ description: "Close to new referrals (true) or open again (false)." }),
  }),
});

builder.queryFields((t) => ({
  therapyServices: t.prismaField({
    type: ["TherapyService"],
    description:
      "The services the viewer's clinic can refer to, open to new referrals: its own first, then other clinics' that accept outside referrals.",
    args: { discipline: t.arg({ type: DisciplineEnum }), search: t.arg.string() },
    resolve: (query, _root, args, context) => listServices(context, parseInput(serviceFilterSchema, args), query),
  }),
  clinicServices: t.prismaField({
    type: ["TherapyService"],
    description: "The viewer's clinic's own services, closed ones too, for its administrators.",
    resolve: (query, _root, _args, context) => listClinicServices(context, query),
  }),
}));

builder.mutationFields((t) => ({
  createTherapyService: t.prismaField({
    type: "TherapyService",
    description: "Adds a service to the viewer's clinic (administrators).",
    args: { input: t.arg({ type: CreateTherapyServiceInput, required: true }) },
    resolve: (query, _root, args, context) => createTherapyService(context, args.input, query),
  }),
  updateTherapyService: t.prismaField({
    type: "TherapyService",
    description: "Renames, describes, closes or reopens one of the viewer's clinic's services (administrators).",
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateTherapyServiceInput, required: true }) },
    resolve: (query, _root, args, context) => updateTherapyService(context, parseId(args.id, ["id"]), args.input, query),
  }),
  removeTherapyService: t.boolean({
    description:
      "Removes one of the viewer's clinic's services (administrators): only with no open referral and no therapist; otherwise close it to new referrals.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      await removeTherapyService(context, parseId(args.id, ["id"]));
      return true;
    },
  }),
}));
