import { queryFromInfo } from "@pothos/plugin-prisma";
import { builder } from "@/graphql/builder";
import { viewerOf } from "@/graphql/context";
import { badInput, notFound, parseId, parseInput } from "@/graphql/input";
import { decodeCursor, encodeCursor, PageInfo, toPage, type Page } from "@/graphql/pagination";
import { referralPage, ReferralConnection } from "@/graphql/types/referral";
import type { Patient as PatientRow, Prisma } from "@/lib/generated/prisma/client";
import { createPatientSchema, pageSchema, patientSearchSchema } from "@/lib/referrals/validation";
import { isUniqueViolation } from "@/lib/db/errors";

export const Patient = builder.prismaObject("Patient", {
  description: "A patient of the viewer's clinic.",
  fields: (t) => ({
    id: t.exposeID("id"),
    medicalRecordNumber: t.exposeString("medicalRecordNumber"),
    givenName: t.exposeString("givenName"),
    familyName: t.exposeString("familyName"),
    dateOfBirth: t.expose("dateOfBirth", { type: "Date" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    referrals: t.field({
      type: ReferralConnection,
      description: "This patient's referrals, newest first.",
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: (patient, args, context, info) =>
        referralPage(context, info, { patientId: patient.id }, parseInput(pageSchema, args), ["edges", "node"]),
    }),
  }),
});

const PatientEdge = builder.objectRef<Page<PatientRow>["edges"][number]>("PatientEdge").implement({
  fields: (t) => ({
    cursor: t.exposeString("cursor"),
    node: t.field({ type: Patient, resolve: (edge) => edge.node }),
  }),
});

const PatientConnection = builder.objectRef<Page<PatientRow>>("PatientConnection").implement({
  fields: (t) => ({
    edges: t.field({ type: [PatientEdge], resolve: (page) => page.edges }),
    pageInfo: t.field({ type: PageInfo, resolve: (page) => page.pageInfo }),
  }),
});

/** Every word must start the given or family name; a single term may also start the record number. */
function searchFilter(search: string): Prisma.PatientWhereInput {
  const words = search.split(/\s+/).filter(Boolean);
  const byName: Prisma.PatientWhereInput = {
    AND: words.map((word) => ({
      OR: [
        { givenName: { startsWith: word, mode: "insensitive" } },
        { familyName: { startsWith: word, mode: "insensitive" } },
      ],
    })),
  };
  return { OR: [byName, { medicalRecordNumber: { startsWith: search, mode: "insensitive" } }] };
}

const CreatePatientInput = builder.inputType("CreatePatientInput", {
  fields: (t) => ({
    medicalRecordNumber: t.string({ required: true }),
    givenName: t.string({ required: true }),
    familyName: t.string({ required: true }),
    dateOfBirth: t.field({ type: "Date", required: true }),
  }),
});

builder.queryFields((t) => ({
  patients: t.field({
    type: PatientConnection,
    description: "The clinic's patients by family name, optionally searched by name or record number.",
    args: { search: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, context, info) => {
      const search = parseInput(patientSearchSchema, args.search, ["search"]);
      const { first, after } = parseInput(pageSchema, args);
      const where: Prisma.PatientWhereInput[] = search ? [searchFilter(search)] : [];
      if (after) {
        const [familyName, givenName, id] = decodeCursor(after, 3, ["after"]) as [string, string, string];
        where.push({
          OR: [
            { familyName: { gt: familyName } },
            { familyName, givenName: { gt: givenName } },
            { familyName, givenName, id: { gt: id } },
          ],
        });
      }
      const rows = await context.db.patient.findMany({
        ...queryFromInfo({ context, info, typeName: "Patient", path: ["edges", "node"] }),
        where: { AND: where },
        orderBy: [{ familyName: "asc" }, { givenName: "asc" }, { id: "asc" }],
        take: first + 1,
      });
      return toPage(rows, first, (patient) => encodeCursor([patient.familyName, patient.givenName, patient.id]));
    },
  }),
  patient: t.prismaField({
    type: "Patient",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const patient = await context.db.patient.findFirst({ ...query, where: { id: parseId(args.id, ["id"]) } });
      return patient ?? notFound("Patient");
    },
  }),
}));

builder.mutationFields((t) => ({
  createPatient: t.prismaField({
    type: "Patient",
    args: { input: t.arg({ type: CreatePatientInput, required: true }) },
    resolve: async (query, _root, args, context) => {
      const input = parseInput(createPatientSchema, args.input, ["input"]);
      try {
        return await context.db.patient.create({
          ...query,
          data: { ...input, dateOfBirth: new Date(`${input.dateOfBirth}T00:00:00Z`), clinicId: viewerOf(context).clinicId },
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          badInput("A patient with this medical record number already exists in your clinic.", ["input", "medicalRecordNumber"]);
        }
        throw error;
      }
    },
  }),
}));
