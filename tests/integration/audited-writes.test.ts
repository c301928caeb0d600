import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPatient } from "@/lib/patients";
import { createRequestContext } from "@/lib/request/context";
import { setUserActive } from "@/lib/users";
import { scratchDatabase, testViewer } from "../support/db";

/**
 * A write and the audit event that records it commit together or not at all:
 * when the trail refuses the event (here a trigger stands in for a full disk or
 * a lost connection), the write is rolled back with it.
 */

let database: Awaited<ReturnType<typeof scratchDatabase>>;
let prisma: PrismaClient;
let viewer: Viewer;

beforeAll(async () => {
  database = await scratchDatabase("audited-writes", { migrated: true });
  prisma = createPrismaClient(database.url);
  const clinic = await prisma.clinic.create({ data: { name: "Audited" } });
  const admin = await prisma.user.create({ data: { clinicId: clinic.id, email: `a-${randomUUID()}@x.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  viewer = testViewer(admin, clinic);
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION refuse_marked_audit() RETURNS trigger AS $$
    BEGIN
      IF NEW."userAgent" = 'refuse-this-event' THEN RAISE EXCEPTION 'audit trail unavailable'; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_marked_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_marked_audit()`);
});
afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

const context = (userAgent: string) => createRequestContext({ prisma, viewer, origin: { ip: "192.0.2.1", userAgent } });
const newPatient = () => ({ medicalRecordNumber: `AW-${randomUUID().slice(0, 8)}`, givenName: "Audit", familyName: "Write", dateOfBirth: "1960-02-03" });

describe("audited writes", () => {
  it("commit the patient and its patient.create event together", async () => {
    const patient = await createPatient(context("vitest"), newPatient());
    const events = await prisma.auditEvent.findMany({ where: { entityIds: { has: patient.id } } });
    expect(events.map((event) => [event.action, event.outcome, event.userId])).toEqual([["patient.create", "SUCCESS", viewer.id]]);
  });

  it("leave no patient behind when the audit event cannot be written", async () => {
    const input = newPatient();
    await expect(createPatient(context("refuse-this-event"), input)).rejects.toThrow();
    expect(await prisma.patient.count({ where: { medicalRecordNumber: input.medicalRecordNumber } })).toBe(0);
  });

  it("leave a user active, with their sessions, when the deactivation's event cannot be written", async () => {
    const user = await prisma.user.create({ data: { clinicId: viewer.clinicId, email: `c-${randomUUID()}@x.test`, name: "C", passwordHash: "x" } });
    const session = await prisma.userSession.create({ data: { userId: user.id } });
    await expect(setUserActive(context("refuse-this-event"), user.id, false)).rejects.toThrow();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(true);
    expect((await prisma.userSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).toBeNull();
  });
});
