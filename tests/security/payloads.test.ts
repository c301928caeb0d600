import { randomUUID } from "node:crypto";
import { getNamedType, isLeafType, isObjectType, type GraphQLNamedType } from "graphql";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePartOk, clinicWithSessions, createPatient, createReferral } from "../support/api";
import { refusedBy, type Defence } from "../support/attacks";
import { launchBrowser, signInThroughForm, url } from "../support/browser";
import { TEST_PASSWORD, testDb } from "../support/db";
import { graphql } from "../support/http";
import {
  apiSchema,
  callWithVariables,
  fieldKey,
  rootFields,
  textArgumentPaths,
  variableDefinitions,
  type AnyField,
} from "../support/schema-surface";

/**
 * Injection payloads in every free-text argument of the API, found in the schema
 * (input objects included). Each must be stored and returned exactly as sent, or
 * refused with BAD_USER_INPUT; never a server error, and never executed. A query
 * is asked by a clinic of its own whose records hold none of the payloads, so a
 * payload that matched anything (a tautology breaking out of its string) would
 * bring back rows: its answer must hold no record at all.
 */

/** What each payload tries, and the defence that must stop it. */
const PAYLOADS: [string, string, Defence][] = [
  ["an SQL statement", `'; DROP TABLE "Patient"; --`, "escaping"],
  // Each closes a single-quoted string literal (and a LIKE pattern) and makes the condition true for every row.
  ["an SQL tautology", `' OR '1'='1`, "escaping"],
  ["an SQL tautology inside a LIKE pattern", `%' OR 1=1 --`, "escaping"],
  ["an escaped NUL (\\x00)", "Robert\\x00Tables", "escaping"],
  ["a NUL character", "Robert\u0000Tables", "input"],
  ["a very long string", "A".repeat(100_000), "input"],
  ["a script element", "<script>alert(1)</script>", "escaping"],
  ["an image with onerror", "<img src=x onerror=alert(1)>", "escaping"],
];

interface Session {
  cookie: string;
  otherUserId: string;
  /** A therapist of the clinic's OT service. */
  therapistCookie: string;
}

interface ValidCall {
  variables: Record<string, unknown>;
  /** A session of its own, for a call that ends the session it is made in. */
  cookie?: string;
}

/**
 * A valid call of each root field with free-text arguments, keyed "Type.field",
 * into which the payload is put. A field with text arguments and no entry fails below.
 */
const VALID_CALLS: Record<string, (session: Session, path: string[]) => Promise<ValidCall> | ValidCall> = {
  "Query.auditEvents": () => ({ variables: { first: 5 } }),
  "Query.patients": () => ({ variables: { first: 5 } }),
  "Query.referrals": () => ({ variables: { first: 5 } }),
  "Query.referralUpdates": () => ({ variables: { first: 5 } }),
  "Query.therapyServices": () => ({ variables: {} }),
  "Query.worklist": ({ therapistCookie }) => ({ variables: { first: 5 }, cookie: therapistCookie }),
  "Query.triage": () => ({ variables: { input: { needs: ["SELF_CARE"], conditions: [], notes: "Needs help dressing." } } }),
  "Query.mailDeliveries": () => ({ variables: { first: 5 } }),
  "Query.notifications": () => ({ variables: { first: 5 } }),
  "Mutation.createTherapyService": () => ({ variables: { input: { name: `Payload service ${randomUUID().slice(0, 8)}`, discipline: "PHYSIOTHERAPY" } } }),
  "Mutation.updateTherapyService": async ({ cookie }) => {
    const created = await graphql<{ createTherapyService: { id: string } }>(
      `mutation Create($input: CreateTherapyServiceInput!) { createTherapyService(input: $input) { id } }`,
      { cookie, variables: { input: { name: `Payload service ${randomUUID().slice(0, 8)}`, discipline: "PHYSIOTHERAPY" } } },
    );
    return { variables: { id: created.data!.createTherapyService.id, input: { description: "Hand therapy." } } };
  },
  "Mutation.inviteUser": () => ({ variables: { input: { email: `payload.${randomUUID().slice(0, 8)}@clinic.test`, name: "Payload Invitee", role: "CLINICIAN" } } }),
  "Mutation.changeMyPassword": async () => ({
    variables: { currentPassword: TEST_PASSWORD, newPassword: "a-new-long-unusual-passphrase" },
    // Changing one's password ends all of one's sessions, this one included.
    cookie: (await clinicWithSessions()).cookies[0]!,
  }),
  "Mutation.changeReferralPart": async ({ cookie, therapistCookie }, path) => {
    const referral = await createReferral(cookie, (await createPatient(cookie)).id);
    const part = referral.parts[0]!;
    if (path[1] !== "outcome") return { variables: { input: { id: part.id, expectedVersion: part.version, action: "CANCEL", cancelReason: "PATIENT_WITHDREW", note: "Cancelled by the family." } } };
    // The outcome is stored when the service completes its part.
    const accepted = await changePartOk(therapistCookie, part.id, "ACCEPT", part.version);
    const started = await changePartOk(therapistCookie, part.id, "START", accepted.version);
    return {
      variables: { input: { id: part.id, expectedVersion: started.version, action: "COMPLETE", outcome: { provided: "Six sessions.", recommendations: "Review." } } },
      cookie: therapistCookie,
    };
  },
  "Mutation.createPatient": async ({ cookie }, path) => {
    const familyName = `Patient${randomUUID().slice(0, 8)}`;
    // The reason is stored only when the clinic has a patient of the same name and date of birth: give it one.
    if (path.at(-1) === "duplicateReason") await createPatient(cookie, { givenName: "Payload", familyName, dateOfBirth: "1960-02-03" });
    return { variables: { input: { medicalRecordNumber: `P-${randomUUID().slice(0, 8)}`, givenName: "Payload", familyName, dateOfBirth: "1960-02-03" } } };
  },
  "Mutation.updatePatient": async ({ cookie }) => ({
    variables: { input: { id: (await createPatient(cookie)).id, expectedVersion: 1, givenName: "Payload", familyName: "Edited", dateOfBirth: "1960-02-03" } },
  }),
  "Mutation.saveReferralDraft": async ({ cookie }) => ({
    variables: { input: { patientId: (await createPatient(cookie)).id, needs: [], conditions: [], notes: "Draft.", overrideReason: "", priority: "ROUTINE", services: [] } },
  }),
  "Mutation.updateMyContact": () => ({ variables: { input: { workPhone: "01632 960 000" } } }),
  "Mutation.createReferral": async ({ cookie }, path) => {
    const patientId = (await createPatient(cookie)).id;
    // The reason is stored only when the patient has an open part of the discipline: give them one.
    if (path.at(-1) === "duplicateReason") {
      await createReferral(cookie, patientId, { needs: { needs: ["PAIN"], conditions: [], notes: "Knee pain." }, disciplines: ["PHYSIOTHERAPY"] });
    }
    return {
      variables: {
        input: {
          idempotencyKey: randomUUID(),
          patientId,
          needs: { needs: ["SELF_CARE"], conditions: [], notes: "Needs help dressing." },
          // Not what the needs recommend, so the override reason is stored too.
          disciplines: ["PHYSIOTHERAPY"],
          overrideReason: "Family asked for physiotherapy first.",
          priority: "ROUTINE",
        },
      },
    };
  },
  "Mutation.createUser": () => ({
    variables: {
      input: { email: `payload.${randomUUID().slice(0, 8)}@clinic.test`, name: "Payload User", password: "a-long-unusual-passphrase-2026", role: "CLINICIAN" },
    },
  }),
  "Mutation.resetUserPassword": ({ otherUserId }) => ({ variables: { id: otherUserId, newPassword: "another-long-unusual-passphrase" } }),
};

/** The leaves of a type and of the objects below it, `levels` deep: enough to read back what a mutation stored. */
function readBackSelection(type: GraphQLNamedType, levels = 2): string {
  if (!isObjectType(type)) return "";
  const parts = Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    if (levels <= 1 || field.args.length > 0) return [];
    const inner = readBackSelection(named, levels - 1);
    return inner ? [`${field.name} ${inner}`] : [];
  });
  return parts.length ? `{ ${parts.join(" ")} }` : "";
}

/** Whether the result type shows a field of this name (givenName, notes, note…), so a stored payload must come back in it. */
function echoes(type: GraphQLNamedType, name: string, seen = new Set<string>()): boolean {
  if (!isObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  return Object.values(type.getFields()).some((field) => field.name === name || echoes(getNamedType(field.type), name, seen));
}

function withValueAt(variables: Record<string, unknown>, path: string[], value: string): Record<string, unknown> {
  const copy = structuredClone(variables);
  let target = copy;
  for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

const targets = [
  ...rootFields("query").map((field) => ({ operation: "query" as const, key: fieldKey(apiSchema.getQueryType()!, field), field })),
  ...rootFields("mutation").map((field) => ({ operation: "mutation" as const, key: fieldKey(apiSchema.getMutationType()!, field), field })),
].flatMap(({ operation, key, field }) => textArgumentPaths(field.args).map((path) => ({ operation, key, field, path })));

/** A query reads its rows' ids (connection → edges → node), so a row it returns shows as an id, not only inside a cursor. */
function operationFor(operation: "query" | "mutation", field: AnyField): string {
  const levels = operation === "query" ? 3 : 2;
  return `${operation} Payload${variableDefinitions(field)} { ${callWithVariables(field)} ${readBackSelection(getNamedType(field.type), levels)} }`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Writes payloads (the mutations). */
let session: Session;
/** Asks the queries: its patient, referral and services hold no payload, so a payload matches none of them. */
let searcher: Session;
let bystanderClinicId: string;
let bystanderIds: Set<string>;
const bystanderCounts = async () => {
  const prisma = testDb();
  const where = { clinicId: bystanderClinicId };
  return Promise.all([prisma.patient.count({ where }), prisma.referral.count({ where }), prisma.user.count({ where })]);
};
let bystanderBefore: number[];

beforeAll(async () => {
  // The clinician is the one whose password the ADMIN resets.
  const clinic = await clinicWithSessions(["ADMIN", "CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
  session = { cookie: clinic.cookies[0]!, otherUserId: clinic.users[1]!.id, therapistCookie: clinic.cookies[2]! };

  const asking = await clinicWithSessions(["ADMIN", "CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
  searcher = { cookie: asking.cookies[0]!, otherUserId: asking.users[1]!.id, therapistCookie: asking.cookies[2]! };
  // A referral to its own OT service: a patient, a referral, a worklist row and audit events a tautology could return.
  await createReferral(searcher.cookie, (await createPatient(searcher.cookie)).id);

  // A clinic nobody touches: an executed payload would change its rows, drop its tables, or return them.
  const bystander = await clinicWithSessions();
  bystanderClinicId = bystander.clinic.id;
  const bystanderPatient = await createPatient(bystander.cookies[0]!);
  const referral = await createReferral(bystander.cookies[0]!, bystanderPatient.id);
  bystanderBefore = await bystanderCounts();
  bystanderIds = new Set([bystanderClinicId, bystander.users[0]!.id, bystanderPatient.id, referral.id, ...referral.parts.map((part) => part.id)]);
});

describe("injection payloads in every text argument", () => {
  it("finds the text arguments in the schema, and every valid call names a field that exists", () => {
    const keys = new Set(targets.map(({ key }) => key));
    expect([...keys]).toEqual(expect.arrayContaining(["Mutation.createPatient", "Mutation.createReferral", "Mutation.changeReferralPart"]));
    expect(Object.keys(VALID_CALLS).filter((key) => !keys.has(key))).toEqual([]);
  });

  for (const { operation, key, field, path } of targets) {
    for (const [what, payload, defence] of PAYLOADS) {
      it(`attack: ${what} in ${key}(${path.join(".")}) is stored verbatim or refused, never run`, async () => {
        const validCall = VALID_CALLS[key];
        if (!validCall) throw new Error(`${key} takes free text and has no valid call to attack: add one to VALID_CALLS in ${import.meta.filename}`);
        const asking = operation === "query" ? searcher : session;
        const call = await validCall(asking, path);
        const result = await graphql<Record<string, unknown>>(operationFor(operation, field), {
          cookie: call.cookie ?? asking.cookie,
          variables: withValueAt(call.variables, path, payload),
        });

        expect(result.status, JSON.stringify(result.errors)).toBeLessThan(500);
        const body = JSON.stringify(result);
        expect((body.match(UUID) ?? []).filter((id) => bystanderIds.has(id)), "the bystander clinic's records").toEqual([]);
        if (result.errors) {
          expect(result.errors.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
          refusedBy(defence, result);
        } else if (operation === "query") {
          // Nothing the searcher's clinic holds contains the payload: any row in the answer was matched by it as code.
          expect(body.match(UUID) ?? [], body.slice(0, 500)).toEqual([]);
          expect(body, body.slice(0, 500)).not.toMatch(/"cursor":/);
          refusedBy(defence, { defence: "escaping", code: "matched nothing" });
        } else {
          if (echoes(getNamedType(field.type), path.at(-1)!)) {
            expect(stringsIn(result.data).includes(payload), `${path.join(".")} did not come back as sent`).toBe(true);
          }
          refusedBy(defence, { defence: "escaping", code: "stored verbatim" });
        }
        expect(await bystanderCounts()).toEqual(bystanderBefore);
      });
    }
  }
});

describe("script payloads in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("attack: a patient named with an <img onerror> and a referral whose notes hold a <script> show as text and run nothing", async () => {
    const clinic = await clinicWithSessions();
    const givenName = `<img src=x onerror="window.__xss=1">`;
    const familyName = `Xss-${randomUUID().slice(0, 8)}`;
    const notes = "<script>window.__xss=1</script> needs help dressing";
    const patient = await createPatient(clinic.cookies[0]!, { givenName, familyName });
    const referral = await createReferral(clinic.cookies[0]!, patient.id, { needs: { needs: ["SELF_CARE"], conditions: [], notes } });

    const page = await browser.newPage();
    await signInThroughForm(page, clinic.users[0]!.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    const injected = () =>
      page.evaluate(() => ({
        flag: (window as unknown as { __xss?: unknown }).__xss,
        images: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.querySelectorAll("script")].filter((script) => script.textContent?.includes("__xss")).length,
      }));

    await page.goto(url(`/patients/${patient.id}`));
    await page.getByRole("heading", { level: 1, name: `${givenName} ${familyName}` }).waitFor();
    expect(await injected()).toEqual({ flag: undefined, images: 0, scripts: 0 });

    await page.goto(url(`/referrals/${referral.id}`));
    await page.getByText(notes).first().waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(givenName);
    expect(await injected()).toEqual({ flag: undefined, images: 0, scripts: 0 });

    await page.goto(url("/referrals"));
    await page.getByRole("table").getByText(familyName).first().waitFor();
    expect(await injected()).toEqual({ flag: undefined, images: 0, scripts: 0 });
    refusedBy("escaping", { defence: "escaping", code: "shown as text" });
    await page.close();
  });
});
