import { queryFromInfo } from "@pothos/plugin-prisma";
import { builder } from "@/graphql/builder";
import { connection, newestFirstCursor, patientCursor, toPage } from "@/graphql/pagination";
import { ReferralConnection } from "@/graphql/types/referral";
import { createPatient, createPatientSchema, findPatient, listPatients, patientSearchSchema } from "@/lib/patients";
import { referralsOfPatient } from "@/lib/referrals/service";
import { pageSchema, parseId, parseInput } from "@/lib/validation";

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
      resolve: async (patient, args, context, info) => {
        const { first, after } = parseInput(pageSchema, args);
        const query = queryFromInfo({ context, info, typeName: "Referral", path: ["edges", "node"] });
        const rows = await referralsOfPatient(context, patient.id, { first, after: newestFirstCursor.decode(after) }, query);
        return toPage(rows, first, newestFirstCursor.encode);
      },
    }),
  }),
});

const PatientConnection = connection("Patient", Patient);

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
      const query = queryFromInfo({ context, info, typeName: "Patient", path: ["edges", "node"] });
      const rows = await listPatients(context, { search, first, after: patientCursor.decode(after) }, query);
      return toPage(rows, first, patientCursor.encode);
    },
  }),
  patient: t.prismaField({
    type: "Patient",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => findPatient(context, parseId(args.id, ["id"]), query),
  }),
}));

builder.mutationFields((t) => ({
  createPatient: t.prismaField({
    type: "Patient",
    args: { input: t.arg({ type: CreatePatientInput, required: true }) },
    resolve: (query, _root, args, context) => createPatient(context, parseInput(createPatientSchema, args.input, ["input"]), query),
  }),
}));
