import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { DEMO_REFERRALS_PER_CLINIC } from "@/lib/ops/demo-referrals";
import { DEMO_CLINICS, seedDemoData, seedDemoReferrals, seedIfEmpty } from "@/lib/ops/seed";
import { RULESET_VERSION } from "@/lib/triage";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scratchDatabase } from "../support/db";

let prisma: PrismaClient;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await scratchDatabase("seed", { migrated: true });
  drop = database.drop;
  prisma = createPrismaClient(database.url);
});
afterAll(async () => {
  await prisma.$disconnect();
  await drop();
});

const counts = async () => ({
  clinics: await prisma.clinic.count(),
  services: await prisma.therapyService.count(),
  users: await prisma.user.count(),
  patients: await prisma.patient.count(),
  referrals: await prisma.referral.count(),
  parts: await prisma.referralPart.count(),
  events: await prisma.referralEvent.count(),
  auditEvents: await prisma.auditEvent.count(),
});

const ALL_STATUSES = ["ACCEPTED", "AWAITING_REFERRER", "CANCELLED", "COMPLETED", "DECLINED", "IN_PROGRESS", "REDIRECTED", "SENT"];

describe("demo seed", () => {
  it("seeds an empty database with both demo clinics, their services, users and patients", async () => {
    expect(await seedIfEmpty(prisma)).toBe(true);
    expect(await counts()).toMatchObject({
      clinics: DEMO_CLINICS.length,
      services: DEMO_CLINICS.flatMap((clinic) => clinic.services).length,
      users: DEMO_CLINICS.flatMap((clinic) => clinic.users).length,
      patients: DEMO_CLINICS.flatMap((clinic) => clinic.patients).length,
    });
    const riverside = await prisma.user.findMany({ where: { clinicId: DEMO_CLINICS[0]!.id } });
    expect(riverside.map((user) => user.role).sort()).toEqual(["ADMIN", "CLINICIAN", "CLINICIAN", "THERAPIST", "THERAPIST"]);
  });

  it("gives each clinic its own service of each discipline, and each therapist the service the demo names", async () => {
    for (const clinic of DEMO_CLINICS) {
      const services = await prisma.therapyService.findMany({ where: { clinicId: clinic.id } });
      expect(services.map((service) => service.discipline).sort()).toEqual(["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"]);
    }
    const therapists = await prisma.user.findMany({ where: { role: "THERAPIST" }, include: { service: true }, orderBy: { email: "asc" } });
    expect(therapists.map((user) => [user.email, user.service?.name, user.service?.clinicId === user.clinicId])).toEqual([
      ["grace.lindqvist@riverside.example", "Riverside Occupational Therapy", true],
      ["marcus.bell@riverside.example", "Riverside Physiotherapy", true],
      ["nadia.haddad@hillview.example", "Hillview Occupational Therapy", true],
      ["oscar.reyes@hillview.example", "Hillview Physiotherapy", true],
    ]);
    expect(await prisma.user.count({ where: { role: { not: "THERAPIST" }, serviceId: { not: null } } })).toBe(0);
  });

  it("opens Hillview Physiotherapy to outside referrals, and no other service", async () => {
    const open = await prisma.therapyService.findMany({ where: { acceptsExternalReferrals: true } });
    expect(open.map((service) => service.name)).toEqual(["Hillview Physiotherapy"]);
  });

  it("gives each demo clinic its postal address for the letterhead", async () => {
    await seedDemoData(prisma);
    const clinics = await prisma.clinic.findMany({ orderBy: { name: "desc" }, select: { name: true, addressLine1: true, city: true, postalCode: true } });
    expect(clinics).toEqual([
      { name: "Riverside Community Clinic", addressLine1: "12 Riverside Walk", city: "Northam", postalCode: "NM1 4RS" },
      { name: "Hillview Health Centre", addressLine1: "3 Hillview Road", city: "Easton", postalCode: "ES2 7HV" },
    ]);
  });

  it("is idempotent: seeding again adds and changes nothing", async () => {
    const before = await Promise.all([prisma.user.findMany({ orderBy: { email: "asc" } }), prisma.therapyService.findMany({ orderBy: { id: "asc" } })]);
    expect(await seedIfEmpty(prisma)).toBe(false);
    await seedDemoData(prisma);
    expect(await Promise.all([prisma.user.findMany({ orderBy: { email: "asc" } }), prisma.therapyService.findMany({ orderBy: { id: "asc" } })])).toEqual(before);
    expect(await counts()).toMatchObject({ clinics: DEMO_CLINICS.length });
  });

  it("gives each clinic a few dozen referrals over the last ten weeks, with parts in every status", async () => {
    const now = Date.now();
    for (const clinic of DEMO_CLINICS) {
      const referrals = await prisma.referral.findMany({ where: { clinicId: clinic.id }, include: { parts: true } });
      expect(referrals).toHaveLength(DEMO_REFERRALS_PER_CLINIC);
      const statuses = new Set(referrals.flatMap((referral) => referral.parts.map((part) => part.status)));
      expect([...statuses].sort()).toEqual(ALL_STATUSES);
      const ages = referrals.map((referral) => (now - referral.createdAt.getTime()) / 86_400_000);
      expect(Math.max(...ages)).toBeGreaterThan(56);
      expect(Math.max(...ages)).toBeLessThan(71);
      expect(Math.min(...ages)).toBeGreaterThan(1);
      const disciplineSets = new Set(referrals.map((referral) => [...referral.disciplines].sort().join("+")));
      expect([...disciplineSets].sort()).toEqual(["OCCUPATIONAL_THERAPY", "OCCUPATIONAL_THERAPY+PHYSIOTHERAPY", "PHYSIOTHERAPY"]);
      expect(referrals.filter((referral) => referral.overrideReason).length).toBeGreaterThanOrEqual(3);
      expect(new Set(referrals.map((referral) => referral.recommendation)).size).toBe(4);
      // The triage result is the engine's, stored with its ruleset, as a sent referral's always is.
      expect(referrals.every((referral) => referral.rulesetVersion === RULESET_VERSION)).toBe(true);
      const declined = referrals.flatMap((referral) => referral.parts).filter((part) => part.status === "DECLINED");
      expect(declined.every((part) => part.declineReason && part.declineComment)).toBe(true);
    }
    // Riverside refers some physiotherapy to Hillview's, which takes outside referrals.
    expect(await prisma.referralPart.count({ where: { referral: { clinicId: DEMO_CLINICS[0]!.id }, service: { clinicId: DEMO_CLINICS[1]!.id } } })).toBeGreaterThan(0);
  });

  it("gives each part a timeline that agrees with its status, in the order it happened, and audits each write", async () => {
    const parts = await prisma.referralPart.findMany({ include: { events: { orderBy: { createdAt: "asc" } } } });
    for (const part of parts) {
      expect(part.events[0]!.action).toBe("SEND");
      expect(part.events.at(-1)!.toStatus).toBe(part.status);
      expect(part.events[0]!.createdAt).toEqual(part.sentAt);
    }
    expect(await prisma.auditEvent.count({ where: { action: "referral.create" } })).toBe(DEMO_CLINICS.length * DEMO_REFERRALS_PER_CLINIC);
  });

  it("adds no referral, part, event or audit event when the referrals are seeded twice", async () => {
    const before = await counts();
    await seedDemoReferrals(prisma);
    await seedDemoData(prisma);
    expect(await counts()).toEqual(before);
  });
});
