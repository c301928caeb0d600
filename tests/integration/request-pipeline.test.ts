import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { startSession } from "@/lib/auth/sessions";
import { findPatient } from "@/lib/patients";
import { patientDataRoute } from "@/lib/request/pipeline";
import { createTestClinic, testDb } from "../support/db";

/**
 * The request pipeline as a route handler other than GraphQL uses it (a future
 * export, say): the session decides the viewer and the clinic scope, and what
 * the handler notes in the audit buffer is written before the response returns.
 */

const secret = randomBytes(32).toString("base64url");
let ownPatientId: string;
let otherClinicPatientId: string;
let cookie: string;

beforeAll(async () => {
  // The pipeline reads these as the portal does in production.
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET = secret;
  const own = await createTestClinic([{ role: "CLINICIAN" }]);
  const other = await createTestClinic([{ role: "CLINICIAN" }]);
  const patient = (clinicId: string) =>
    testDb().patient.create({
      data: { clinicId, medicalRecordNumber: `P-${randomUUID().slice(0, 8)}`, givenName: "Route", familyName: "Reader", dateOfBirth: new Date("1950-01-01") },
    });
  ownPatientId = (await patient(own.clinic.id)).id;
  otherClinicPatientId = (await patient(other.clinic.id)).id;
  const sessionId = await startSession(testDb(), own.users[0]!.id, { ip: null, userAgent: null });
  cookie = `next-auth.session-token=${await encode({ token: { sessionId }, secret })}`;
});

const request = (headers: Record<string, string> = {}) =>
  new NextRequest("http://localhost/api/patients/export", { headers: { "user-agent": "pipeline-test", ...headers } });

/** A handler that reads one patient by id and records the read, as an export endpoint would. */
let calls = 0;
const readPatient = patientDataRoute<{ id: string }>(async (context, _request, params) => {
  calls += 1;
  const patient = await findPatient(context, params.id);
  context.audit.record("patient.read", "Patient", [patient.id], "SUCCESS");
  return Response.json({ id: patient.id, clinicId: context.viewer.clinicId });
});

const auditRowsFor = (patientId: string) =>
  testDb().auditEvent.findMany({ where: { entityIds: { has: patientId } }, orderBy: { createdAt: "asc" } });

describe("the request pipeline for route handlers", () => {
  it("answers 401 without a session and never runs the handler", async () => {
    const before = calls;
    const response = await readPatient(request(), { params: Promise.resolve({ id: ownPatientId }) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    expect(calls).toBe(before);
  });

  it("gives the handler the viewer and writes its audit events before the response returns", async () => {
    const response = await readPatient(request({ cookie }), { params: Promise.resolve({ id: ownPatientId }) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe(ownPatientId);
    const events = await auditRowsFor(ownPatientId);
    expect(events.map((event) => [event.action, event.outcome, event.userAgent])).toEqual([["patient.read", "SUCCESS", "pipeline-test"]]);
  });

  it("answers another clinic's record with an empty 404, as if it did not exist", async () => {
    const response = await readPatient(request({ cookie }), { params: Promise.resolve({ id: otherClinicPatientId }) });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });

  it("withholds the response with a 500 when the audit trail cannot be written", async () => {
    const unrecordable = patientDataRoute(async (context) => {
      // Not a UUID: the audit writer refuses it, as it would refuse any event it cannot store.
      context.audit.record("patient.read", "Patient", ["not-a-record-id"], "SUCCESS");
      return Response.json({ secret: "patient data that must not leave" });
    });
    const response = await unrecordable(request({ cookie }), { params: Promise.resolve({}) });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("patient data");
  });
});
