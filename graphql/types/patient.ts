import { queryFromInfo } from "@pothos/plugin-prisma";
import { builder, type PortalTypes } from "@/graphql/builder";
import { connection, newestFirstCursor, patientCursor, toPage } from "@/graphql/pagination";
import { ReferralConnection } from "@/graphql/types/referral";
import { createPatient, createPatientSchema, findPatient, listPatients, patientSearchSchema, updatePatient, updatePatientSchema } from "@/lib/patients";
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
    addressLine1: t.exposeString("addressLine1", { nullable: true }),
    addressLine2: t.exposeString("addressLine2", { nullable: true }),
    city: t.exposeString("city", { nullable: true }),
    postalCode: t.exposeString("postalCode", { nullable: true }),
    phone: t.exposeString("phone", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    gpPractice: t.exposeString("gpPractice", { nullable: true, description: "The patient's GP practice, by name." }),
    nextOfKinName: t.exposeString("nextOfKinName", { nullable: true }),
    nextOfKinRelationship: t.exposeString("nextOfKinRelationship", { nullable: true }),
    nextOfKinPhone: t.exposeString("nextOfKinPhone", { nullable: true }),
    preferredLanguage: t.exposeString("preferredLanguage", { nullable: true }),
    interpreterNeeded: t.exposeBoolean("interpreterNeeded"),
    duplicateReason: t.exposeString("duplicateReason", {
      nullable: true,
      description: "Why the patient was added although the clinic had one of the same name and date of birth.",
    }),
    version: t.exposeInt("version", { description: "Changes with every edit; updatePatient names the version it saw." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
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

/** The contact details both inputs take, each optional. */
const contactFields = (t: PothosSchemaTypes.InputFieldBuilder<PortalTypes, "InputObject">) => ({
  addressLine1: t.string(),
  addressLine2: t.string(),
  city: t.string(),
  postalCode: t.string(),
  phone: t.string(),
  email: t.string(),
  gpPractice: t.string({ description: "The patient's GP practice, by name." }),
  nextOfKinName: t.string(),
  nextOfKinRelationship: t.string(),
  nextOfKinPhone: t.string(),
  preferredLanguage: t.string(),
  interpreterNeeded: t.boolean(),
});

const CreatePatientInput = builder.inputType("CreatePatientInput", {
  fields: (t) => ({
    medicalRecordNumber: t.string({ required: true }),
    givenName: t.string({ required: true }),
    familyName: t.string({ required: true }),
    dateOfBirth: t.field({ type: "Date", required: true }),
    ...contactFields(t),
    duplicateReason: t.string({
      description: "Required when the clinic already has a patient of this name and date of birth (CONFLICT names them): why this is another person.",
    }),
  }),
});

const UpdatePatientInput = builder.inputType("UpdatePatientInput", {
  description: "The whole record but its number; a field left out is cleared.",
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version the editor saw; a stale one answers CONFLICT." }),
    givenName: t.string({ required: true }),
    familyName: t.string({ required: true }),
    dateOfBirth: t.field({ type: "Date", required: true }),
    ...contactFields(t),
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
  updatePatient: t.prismaField({
    type: "Patient",
    description: "Changes a patient's name, date of birth and contact details, if the editor saw the current version.",
    args: { input: t.arg({ type: UpdatePatientInput, required: true }) },
    resolve: (query, _root, args, context) =>
      updatePatient(context, parseInput(updatePatientSchema, { ...args.input, id: String(args.input.id) }, ["input"]), query),
  }),
}));
