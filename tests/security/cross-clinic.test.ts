import { randomUUID } from "node:crypto";
import { getNamedType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { changeStatus, clinicWithSessions, codeOf, createPatient, createReferral } from "../support/api";
import { testDb } from "../support/db";
import { graphql } from "../support/http";
import {
  apiSchema,
  callWithVariables,
  costOf,
  fieldKey,
  idArgumentPaths,
  printSelection,
  reachableFields,
  reachesClinicData,
  rootFields,
  selectionTree,
  splitByCost,
  variableDefinitions,
  type AnyField,
} from "../support/schema-surface";

/**
 * Clinic B (signed in, as an ADMIN) uses clinic A's ids against every root field
 * that takes an id or can return a clinic's records, selecting every field
 * reachable below it. The answer must be NOT_FOUND, an empty result, or B's own
 * records, never anything of A's; and nothing of A's may change.
 */

interface ClinicA {
  clinicId: string;
  userId: string;
  patientId: string;
  familyName: string;
  referralId: string;
  referralVersion: number;
  idempotencyKey: string;
  referralCursor: string;
  /** Names, record numbers and notes of A's that must never appear in B's answers. */
  secrets: string[];
}
interface ClinicB {
  cookie: string;
  patientId: string;
}

/** NOT_FOUND_OR_EMPTY: where either answer hides A's records equally well. */
type Expectation = "NOT_FOUND" | "EMPTY" | "NOT_FOUND_OR_EMPTY" | "OWN_ONLY";
interface AttackCase {
  what: string;
  variables: (a: ClinicA, b: ClinicB) => Record<string, unknown>;
  expect: Expectation;
}

const referralInput = (patientId: string, idempotencyKey: string = randomUUID()) => ({
  idempotencyKey,
  patientId,
  needs: { needs: ["SELF_CARE"], conditions: [], notes: "Clinic B's own note." },
  disciplines: ["OCCUPATIONAL_THERAPY"],
  priority: "ROUTINE",
});

/**
 * The attacks per root field, keyed "Query.field" / "Mutation.field". A root field
 * that takes an id or can return clinic data and has no entry here fails below.
 */
const ROOT_CASES: Record<string, AttackCase[]> = {
  "Query.auditEvents": [
    // First in schema order, so it runs before B has tried any of A's ids (its trail may record those tries).
    { what: "unfiltered", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
    { what: "filtered by clinic A's patient id", variables: (a) => ({ filter: { patientId: a.patientId } }), expect: "NOT_FOUND_OR_EMPTY" },
    { what: "filtered by clinic A's user id", variables: (a) => ({ filter: { userId: a.userId } }), expect: "NOT_FOUND_OR_EMPTY" },
  ],
  "Query.me": [{ what: "returns only the viewer", variables: () => ({}), expect: "OWN_ONLY" }],
  "Query.patient": [{ what: "by clinic A's patient id", variables: (a) => ({ id: a.patientId }), expect: "NOT_FOUND" }],
  "Query.patients": [
    { what: "searched by clinic A's family name", variables: (a) => ({ search: a.familyName }), expect: "EMPTY" },
    { what: "unfiltered", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
  ],
  "Query.referral": [{ what: "by clinic A's referral id", variables: (a) => ({ id: a.referralId }), expect: "NOT_FOUND" }],
  "Query.referrals": [
    { what: "filtered by clinic A's patient id", variables: (a) => ({ filter: { patientId: a.patientId } }), expect: "NOT_FOUND" },
    { what: "unfiltered", variables: () => ({ first: 50 }), expect: "OWN_ONLY" },
    { what: "after clinic A's cursor", variables: (a) => ({ after: a.referralCursor, first: 50 }), expect: "OWN_ONLY" },
  ],
  "Query.users": [{ what: "lists only the viewer's clinic", variables: () => ({}), expect: "OWN_ONLY" }],
  "Mutation.changeReferralStatus": [
    {
      what: "cancelling clinic A's referral",
      variables: (a) => ({ id: a.referralId, status: "CANCELLED", expectedVersion: a.referralVersion, note: "from B" }),
      expect: "NOT_FOUND",
    },
    {
      what: "accepting clinic A's referral",
      variables: (a) => ({ id: a.referralId, status: "ACCEPTED", expectedVersion: a.referralVersion }),
      expect: "NOT_FOUND",
    },
  ],
  "Mutation.createPatient": [
    {
      what: "returns only the new patient",
      variables: () => ({
        input: { medicalRecordNumber: `B-${randomUUID().slice(0, 8)}`, givenName: "Own", familyName: "Patient", dateOfBirth: "1980-01-01" },
      }),
      expect: "OWN_ONLY",
    },
  ],
  "Mutation.createReferral": [
    { what: "for clinic A's patient", variables: (a) => ({ input: referralInput(a.patientId) }), expect: "NOT_FOUND" },
    {
      what: "with clinic A's idempotency key and patient",
      variables: (a) => ({ input: referralInput(a.patientId, a.idempotencyKey) }),
      expect: "NOT_FOUND",
    },
    {
      // The key is unique per clinic: reusing A's must create B's own referral, never return A's.
      what: "with clinic A's idempotency key for B's own patient",
      variables: (a, b) => ({ input: referralInput(b.patientId, a.idempotencyKey) }),
      expect: "OWN_ONLY",
    },
  ],
  "Mutation.createUser": [
    {
      what: "returns only the new user of the viewer's clinic",
      variables: () => ({
        input: { email: `new.${randomUUID().slice(0, 8)}@clinic-b.test`, name: "New Colleague", password: "a-long-unusual-passphrase-for-b", role: "CLINICIAN" },
      }),
      expect: "OWN_ONLY",
    },
  ],
  "Mutation.resetUserPassword": [
    {
      what: "for clinic A's user",
      variables: (a) => ({ id: a.userId, newPassword: "a-long-unusual-passphrase-from-b" }),
      expect: "NOT_FOUND",
    },
  ],
  "Mutation.setUserActive": [
    { what: "deactivating clinic A's user", variables: (a) => ({ id: a.userId, active: false }), expect: "NOT_FOUND" },
  ],
};

/**
 * Literal arguments for nested fields, keyed "Type.field", used in every attack's
 * selection; a nested field that takes an id must have an entry passing clinic A's.
 */
const NESTED_ARGUMENTS: Record<string, (a: ClinicA) => string> = {
  "Patient.referrals": (a) => `(after: ${JSON.stringify(a.referralCursor)})`,
};

/** Below graphql-armor's maxCost (GRAPHQL_LIMITS in graphql/server.ts), so no attack is refused by the limit instead. */
const COST_BUDGET = 4_000;

const inScope = (field: AnyField) => idArgumentPaths(field.args).length > 0 || reachesClinicData(getNamedType(field.type));
const roots = [
  ...rootFields("query").map((field) => ({ operation: "query" as const, key: fieldKey(apiSchema.getQueryType()!, field), field })),
  ...rootFields("mutation").map((field) => ({ operation: "mutation" as const, key: fieldKey(apiSchema.getMutationType()!, field), field })),
].filter(({ field }) => inScope(field));

const nestedWithArguments = new Map(
  roots.flatMap(({ field }) => [...reachableFields(getNamedType(field.type))]).filter(([, field]) => field.args.length > 0),
);
const nestedTakingIds = [...nestedWithArguments].filter(([, field]) => idArgumentPaths(field.args).length > 0);

/** Operations that together select every field reachable below the root field, each within the cost limit. */
function operationsFor(operation: "query" | "mutation", field: AnyField): string[] {
  const root = {
    call: callWithVariables(field),
    children: selectionTree(getNamedType(field.type), (key) => NESTED_ARGUMENTS[key]?.(a) ?? ""),
  };
  return splitByCost(root, COST_BUDGET).map((part) => `${operation} Attack${variableDefinitions(field)} { ${printSelection(part)} }`);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every id clinic A owns now: the clinic, its users, patients, referrals and their events. */
async function idsOwnedBy(clinicId: string): Promise<Set<string>> {
  const prisma = testDb();
  const [users, patients, referrals, events] = await Promise.all([
    prisma.user.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.patient.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.referral.findMany({ where: { clinicId }, select: { id: true } }),
    prisma.referralEvent.findMany({ where: { referral: { clinicId } }, select: { id: true } }),
  ]);
  return new Set([clinicId, ...[users, patients, referrals, events].flat().map((row) => row.id)]);
}

/** Clinic A's rows as stored, to prove that an attack changed nothing of A's. */
async function snapshotOf(clinicId: string) {
  const prisma = testDb();
  return Promise.all([
    prisma.user.findMany({ where: { clinicId }, orderBy: { id: "asc" } }),
    prisma.patient.findMany({ where: { clinicId }, orderBy: { id: "asc" } }),
    prisma.referral.findMany({ where: { clinicId }, orderBy: { id: "asc" }, include: { events: { orderBy: { id: "asc" } } } }),
  ]);
}

let a: ClinicA;
let b: ClinicB;

beforeAll(async () => {
  const tag = randomUUID().slice(0, 8);
  const clinicA = await clinicWithSessions(["ADMIN"]);
  const cookieA = clinicA.cookies[0]!;
  const patient = await createPatient(cookieA, { givenName: `Ottoline${tag}`, familyName: `Fairweather${tag}`, medicalRecordNumber: `A-${tag}` });
  const idempotencyKey = randomUUID();
  const notes = `Secret note of clinic A ${tag}`;
  const referral = await createReferral(cookieA, patient.id, { idempotencyKey, needs: { needs: ["SELF_CARE"], conditions: [], notes } });
  await createReferral(cookieA, patient.id);
  const page = await graphql<{ referrals: { pageInfo: { endCursor: string } } }>("query { referrals(first: 1) { pageInfo { endCursor } } }", {
    cookie: cookieA,
  });
  const user = clinicA.users[0]!;
  a = {
    clinicId: clinicA.clinic.id,
    userId: user.id,
    patientId: patient.id,
    familyName: `Fairweather${tag}`,
    referralId: referral.id,
    referralVersion: referral.version,
    idempotencyKey,
    referralCursor: page.data!.referrals.pageInfo.endCursor,
    secrets: [clinicA.clinic.name, user.email, user.name, `A-${tag}`, `Ottoline${tag}`, `Fairweather${tag}`, notes],
  };

  // B has records of its own, so that nested fields resolve over real data in the unfiltered attacks.
  const clinicB = await clinicWithSessions(["ADMIN"]);
  const cookieB = clinicB.cookies[0]!;
  const own = await createPatient(cookieB);
  const ownReferral = await createReferral(cookieB, own.id);
  expect((await changeStatus(cookieB, ownReferral.id, "ACCEPTED", ownReferral.version, "accepted by B")).errors).toBeUndefined();
  b = { cookie: cookieB, patientId: own.id };
});

describe("cross-clinic access, derived from the schema", () => {
  it("finds the fields to attack in the schema, and every fixture names a field that exists", () => {
    expect(roots.map(({ key }) => key)).toEqual(expect.arrayContaining(["Query.patient", "Query.referral", "Mutation.createReferral"]));
    const rootKeys = new Set(roots.map(({ key }) => key));
    expect(Object.keys(ROOT_CASES).filter((key) => !rootKeys.has(key))).toEqual([]);
    expect(Object.keys(NESTED_ARGUMENTS).filter((key) => !nestedWithArguments.has(key))).toEqual([]);
  });

  it("spreads each attack's selection of every nested field over operations within the cost limit", () => {
    const referral = roots.find(({ key }) => key === "Query.referral")!;
    const text = operationsFor(referral.operation, referral.field).join("\n");
    for (const nested of ["patient", "referrals", "author", "events", "actor", "clinic", "matchedRules", "evidence"]) {
      expect(text).toMatch(new RegExp(`\\b${nested}\\b`));
    }
    for (const { field } of roots) {
      const root = { call: field.name, children: selectionTree(getNamedType(field.type), () => "") };
      for (const part of splitByCost(root, COST_BUDGET)) expect(costOf(part)).toBeLessThanOrEqual(COST_BUDGET);
    }
  });

  for (const [key] of nestedTakingIds.filter(([key]) => !NESTED_ARGUMENTS[key])) {
    it(`attack: ${key} with clinic A's ids, as clinic B`, () => {
      throw new Error(`${key} takes an id and no attack passes one: add its arguments to NESTED_ARGUMENTS in ${import.meta.filename}`);
    });
  }

  for (const { operation, key, field } of roots) {
    const cases = ROOT_CASES[key];
    if (!cases) {
      it(`attack: ${key} with clinic A's ids, as clinic B`, () => {
        throw new Error(`${key} takes an id or returns clinic data, and has no attack case: add one to ROOT_CASES in ${import.meta.filename}`);
      });
      continue;
    }
    for (const attack of cases) {
      it(`attack: ${key} ${attack.what}, as clinic B`, async () => {
        const before = await snapshotOf(a.clinicId);
        for (const query of operationsFor(operation, field)) {
          const result = await graphql<Record<string, unknown>>(query, { cookie: b.cookie, variables: attack.variables(a, b) });
          const body = JSON.stringify(result);
          const idsOfA = await idsOwnedBy(a.clinicId);
          expect((body.match(UUID) ?? []).filter((id) => idsOfA.has(id)), query).toEqual([]);
          for (const secret of a.secrets) expect(body, query).not.toContain(secret);

          const notFound = codeOf(result) === "NOT_FOUND" && (result.data?.[field.name] ?? null) === null;
          const empty = !result.errors && (body.match(UUID) ?? []).length === 0;
          if (attack.expect === "NOT_FOUND") expect(notFound, body).toBe(true);
          if (attack.expect === "EMPTY") expect(empty, body).toBe(true);
          if (attack.expect === "NOT_FOUND_OR_EMPTY") expect(notFound || empty, body).toBe(true);
          if (attack.expect === "OWN_ONLY") expect(result.errors, query).toBeUndefined();
        }
        expect(await snapshotOf(a.clinicId)).toEqual(before);
      });
    }
  }
});
