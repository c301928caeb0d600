import type { ApolloServerPlugin } from "@apollo/server";
import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import type { GraphQLContext } from "@/graphql/context";
import type { AuditOutcome } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { logAuditFailure, writeAuditTrail } from "@/lib/request/pipeline";
import { isUuid } from "@/lib/validation";

/**
 * The audit trail of the API, applied to the schema rather than written in
 * resolvers, so a new field cannot forget it: every field whose type carries
 * patient data is wrapped to note the records it returned (or the id it was
 * refused) in the request's AuditBuffer, and the buffer is written in one
 * transaction when the response is ready.
 */

/** The models whose rows are patient data; which types and fields carry them is derived from the schema. */
export const PATIENT_RECORD_TYPES: ReadonlySet<string> = new Set(["Patient", "Referral", "ReferralPart", "ReferralEvent", "Attachment", "ReferralDraft"]);

/** What each mutation does, in the trail's words. One missing here is still recorded, under its field name. */
export const WRITE_ACTIONS: Readonly<Record<string, string>> = {
  createPatient: "patient.create",
  updatePatient: "patient.update",
  saveReferralDraft: "referral_draft.save",
  discardReferralDraft: "referral_draft.discard",
  updateMyContact: "user.contact_change",
  createReferral: "referral.create",
  changeReferralPart: "referral_part.change",
  createUser: "user.create",
  setUserActive: "user.set_active",
  resetUserPassword: "user.password_reset",
  changeMyPassword: "user.password_change",
  removePasskey: "second_factor.remove",
  removeAuthenticatorApp: "second_factor.remove",
  regenerateRecoveryCodes: "second_factor.recovery_codes",
  endSession: "auth.session_end",
  endOtherSessions: "auth.session_end",
  setSecondFactorPolicy: "clinic.second_factor_policy",
  resetSecondFactors: "second_factor.reset",
  inviteUser: "user.invite",
  resendInvitation: "user.invite",
  createTherapyService: "service.create",
  updateTherapyService: "service.update",
  removeTherapyService: "service.remove",
};

/** What the other root fields read, in the trail's words, for their refusals; one missing is recorded under its field name. */
export const READ_ACTIONS: Readonly<Record<string, string>> = {
  users: "user.read",
  auditEvents: "audit.read",
};

/** Patient → patient.read, ReferralEvent → referral_event.read. */
export const readAction = (recordType: string) => `${recordType.replace(/(?<!^)([A-Z])/g, "_$1").toLowerCase()}.read`;

/**
 * graphql's own isObjectType and getNamedType check instanceof, which fails when
 * the schema was built by the CommonJS copy of graphql and this file got the ES
 * module one (vitest does that); the type's tag and shape are the same in both.
 */
const isObjectType = (type: GraphQLNamedType | null | undefined): type is GraphQLObjectType =>
  type?.[Symbol.toStringTag] === "GraphQLObjectType";

function getNamedType(type: GraphQLOutputType): GraphQLNamedType {
  let named: GraphQLOutputType = type;
  while ("ofType" in named) named = named.ofType;
  return named;
}

const rootNames = (schema: GraphQLSchema) =>
  new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((root) => root?.name));

/**
 * The object types whose values hold patient records: the records themselves
 * and, to a fixed point, any other non-root type with a field returning one
 * (a connection, its edges).
 */
export function patientDataTypes(schema: GraphQLSchema): Set<string> {
  const roots = rootNames(schema);
  const carrying = new Set([...PATIENT_RECORD_TYPES].filter((name) => isObjectType(schema.getType(name))));
  const candidates = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__") && !roots.has(type.name),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const type of candidates) {
      if (carrying.has(type.name)) continue;
      if (Object.values(type.getFields()).some((field) => carrying.has(getNamedType(field.type).name))) {
        carrying.add(type.name);
        grew = true;
      }
    }
  }
  return carrying;
}

/** Every field, as "Type.field", whose (unwrapped) type carries patient data: the fields the trail covers. */
export function patientDataFields(schema: GraphQLSchema): string[] {
  const carrying = patientDataTypes(schema);
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__"))
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => carrying.has(getNamedType(field.type).name))
        .map((field) => `${type.name}.${field.name}`),
    );
}

type RecordIds = Map<string, Set<string>>;

/**
 * Collects the ids of the patient records in a resolved value of a carrying
 * type: a record's own id, or for a page or edge the records reached through
 * its carrying fields (so a page's cursors, which encode its rows, count as read).
 */
function recordCollector(schema: GraphQLSchema, carrying: Set<string>) {
  const descend = (typeName: string, value: unknown, found: RecordIds) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) descend(typeName, item, found);
      return;
    }
    if (PATIENT_RECORD_TYPES.has(typeName)) {
      const id = (value as { id?: unknown }).id;
      if (typeof id === "string") found.set(typeName, (found.get(typeName) ?? new Set()).add(id));
      return;
    }
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return;
    for (const field of Object.values(type.getFields())) {
      const fieldType = getNamedType(field.type).name;
      if (carrying.has(fieldType)) descend(fieldType, (value as Record<string, unknown>)[field.name], found);
    }
  };
  return (typeName: string, value: unknown): RecordIds => {
    const found: RecordIds = new Map();
    descend(typeName, value, found);
    return found;
  };
}

/** The record type a carrying type leads to first (ReferralConnection → Referral), for refusals that returned nothing. */
function recordTypeOf(schema: GraphQLSchema, carrying: Set<string>, typeName: string, seen = new Set<string>()): string | null {
  if (PATIENT_RECORD_TYPES.has(typeName)) return typeName;
  const type = schema.getType(typeName);
  if (!isObjectType(type) || seen.has(typeName)) return null;
  seen.add(typeName);
  for (const field of Object.values(type.getFields())) {
    const fieldType = getNamedType(field.type).name;
    const found = carrying.has(fieldType) ? recordTypeOf(schema, carrying, fieldType, seen) : null;
    if (found) return found;
  }
  return null;
}

/** NOT_FOUND and FORBIDDEN are refusals (the id may be another clinic's); anything else is a failure. */
function outcomeOf(error: unknown): AuditOutcome {
  return error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN") ? "DENIED" : "FAILURE";
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

const audited = new WeakSet<GraphQLSchema>();

/** Wraps the resolver of every patient-data field of `schema` (once; the schema is changed in place). */
export function auditPatientData(schema: GraphQLSchema): GraphQLSchema {
  if (audited.has(schema)) return schema;
  audited.add(schema);
  const carrying = patientDataTypes(schema);
  const collect = recordCollector(schema, carrying);
  const mutationType = schema.getMutationType()?.name;
  for (const coordinate of patientDataFields(schema)) {
    const [typeName, fieldName] = coordinate.split(".") as [string, string];
    const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
    const ownType = getNamedType(field.type).name;
    const writeAction = typeName === mutationType ? (WRITE_ACTIONS[fieldName] ?? fieldName) : null;
    const refusedType = recordTypeOf(schema, carrying, ownType);
    wrapField(field, {
      returned: (context, value) => {
        // A write's own event is appended by the domain inside the write's transaction (writeAudited); the rest are reads.
        if (writeAction) return;
        for (const [recordType, ids] of collect(ownType, value)) context.audit.record(readAction(recordType), recordType, ids, "SUCCESS");
      },
      refused: (context, args, error) => {
        // The id asked for, when there was one (an argument, or inside an input such as
        // changeReferralPart's): a refused id is what an investigation needs.
        const action = writeAction ?? (refusedType ? readAction(refusedType) : fieldName);
        context.audit.record(action, refusedType, requestedIds(args), outcomeOf(error));
      },
    });
  }
  // Every other root field (user administration, the trail itself): a refusal is recorded too, as DENIED.
  const patientFields = new Set(patientDataFields(schema));
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (patientFields.has(`${root!.name}.${field.name}`)) continue;
      const action = (root!.name === mutationType ? WRITE_ACTIONS : READ_ACTIONS)[field.name] ?? field.name;
      wrapField(field, {
        returned: () => undefined,
        refused: (context, args, error) => {
          if (outcomeOf(error) === "DENIED") context.audit.record(action, isUuid(args.id) ? "User" : null, requestedIds(args), "DENIED");
        },
      });
    }
  }
  return schema;
}

function requestedIds(args: Record<string, unknown>): string[] {
  const asked = args.id ?? (args.input as { id?: unknown } | undefined)?.id;
  return isUuid(asked) ? [asked.toLowerCase()] : [];
}

function wrapField(
  field: GraphQLField<unknown, GraphQLContext>,
  audit: {
    returned: (context: GraphQLContext, value: unknown) => void;
    refused: (context: GraphQLContext, args: Record<string, unknown>, error: unknown) => void;
  },
) {
  const resolve: GraphQLFieldResolver<unknown, GraphQLContext> = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args: Record<string, unknown>, context, info) => {
    const returned = (value: unknown) => {
      audit.returned(context, value);
      return value;
    };
    const refused = (error: unknown): never => {
      audit.refused(context, args, error);
      throw error;
    };
    let result: unknown;
    try {
      result = resolve(source, args, context, info);
    } catch (error) {
      return refused(error);
    }
    return isPromise(result) ? result.then(returned, refused) : returned(result);
  };
}

/**
 * Closes the request pipeline once the response is ready: the request's
 * audit events are written (lib/request/pipeline.ts), and when the trail
 * cannot be written the patient data is not sent either.
 */
export const auditTrailPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        try {
          await writeAuditTrail(contextValue);
        } catch (error) {
          logAuditFailure(error);
          response.http.status = 500;
          response.body = {
            kind: "single",
            singleResult: { errors: [{ message: "Something went wrong on our side.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] },
          };
        }
      },
    };
  },
};
