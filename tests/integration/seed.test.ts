import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { DEMO_CLINICS, seedDemoData, seedIfEmpty } from "@/lib/ops/seed";
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
});

describe("demo seed", () => {
  it("seeds an empty database with both demo clinics, their services, users and patients", async () => {
    expect(await seedIfEmpty(prisma)).toBe(true);
    expect(await counts()).toEqual({
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
});
