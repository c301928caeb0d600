import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Discipline, Role } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { secondFactorRequired } from "@/lib/auth/second-factor/policy";
import { startOfDay } from "@/lib/dates";
import { seedClinicReferrals } from "./demo-referrals";

/** Printed by `npm start` and listed in the README; only ever used for demo data. */
export const DEMO_PASSWORD = "demo-clinic-2026";

/**
 * The demo administrators' authenticator-app key (base32), printed by `npm start`
 * and in the README so that anyone trying the portal can add it to an app. Demo
 * data only: it is published, like the password, and never seeded on a real
 * deployment (lib/ops/seed.ts `seedsDemoData`).
 */
export const DEMO_TOTP_SECRET = "RIVERSIDEHILLVIEWDEMOTOTPSECRETS";

interface DemoClinic {
  id: string;
  name: string;
  address: { addressLine1: string; city: string; postalCode: string };
  services: { id: string; name: string; discipline: Discipline; acceptsExternalReferrals: boolean; contactPhone: string; contactEmail: string }[];
  /** A therapist names the service they work for. */
  users: { email: string; name: string; role: Role; service?: string; workPhone?: string }[];
  patients: ({ medicalRecordNumber: string; givenName: string; familyName: string; dateOfBirth: string } & Partial<DemoContact>)[];
}

/** A demo patient's contact details (phone numbers from Ofcom's range for drama, 01632 960xxx and 07700 900xxx). */
interface DemoContact {
  addressLine1: string;
  city: string;
  postalCode: string;
  phone: string;
  gpPractice: string;
  nextOfKinName: string;
  nextOfKinRelationship: string;
  nextOfKinPhone: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
}

// Fixed ids make the seed an upsert: running it again changes nothing.
export const DEMO_CLINICS: DemoClinic[] = [
  {
    id: "019ac0de-0000-7000-8000-000000000001",
    name: "Riverside Community Clinic",
    address: { addressLine1: "12 Riverside Walk", city: "Northam", postalCode: "NM1 4RS" },
    services: [
      {
        id: "019ac0de-0000-7000-8000-000000000101",
        name: "Riverside Occupational Therapy",
        discipline: "OCCUPATIONAL_THERAPY",
        acceptsExternalReferrals: false,
        contactPhone: "01632 960 101",
        contactEmail: "ot@riverside.example",
      },
      {
        id: "019ac0de-0000-7000-8000-000000000102",
        name: "Riverside Physiotherapy",
        discipline: "PHYSIOTHERAPY",
        acceptsExternalReferrals: false,
        contactPhone: "01632 960 102",
        contactEmail: "physio@riverside.example",
      },
    ],
    users: [
      { email: "amara.okafor@riverside.example", name: "Amara Okafor", role: "CLINICIAN", workPhone: "01632 960 111" },
      { email: "ben.hughes@riverside.example", name: "Ben Hughes", role: "CLINICIAN", workPhone: "01632 960 112" },
      { email: "clara.nguyen@riverside.example", name: "Clara Nguyen", role: "ADMIN" },
      { email: "grace.lindqvist@riverside.example", name: "Grace Lindqvist", role: "THERAPIST", service: "Riverside Occupational Therapy" },
      { email: "marcus.bell@riverside.example", name: "Marcus Bell", role: "THERAPIST", service: "Riverside Physiotherapy" },
    ],
    patients: [
      {
        medicalRecordNumber: "RCC-1001",
        givenName: "Margaret",
        familyName: "Ellis",
        dateOfBirth: "1941-03-14",
        addressLine1: "14 Mill Lane",
        city: "Northam",
        postalCode: "NM2 7QP",
        phone: "01632 960 431",
        gpPractice: "Northam Medical Practice",
        nextOfKinName: "Joan Ellis",
        nextOfKinRelationship: "Daughter",
        nextOfKinPhone: "07700 900 431",
        preferredLanguage: "English",
        interpreterNeeded: false,
      },
      {
        medicalRecordNumber: "RCC-1002",
        givenName: "Tomasz",
        familyName: "Nowak",
        dateOfBirth: "1987-09-02",
        addressLine1: "Flat 3, 8 Canal Street",
        city: "Northam",
        postalCode: "NM1 2CS",
        phone: "07700 900 532",
        gpPractice: "Riverside Surgery",
        nextOfKinName: "Ewa Nowak",
        nextOfKinRelationship: "Wife",
        nextOfKinPhone: "07700 900 533",
        preferredLanguage: "Polish",
        interpreterNeeded: true,
      },
      { medicalRecordNumber: "RCC-1003", givenName: "Aisha", familyName: "Rahman", dateOfBirth: "2015-06-21" },
      { medicalRecordNumber: "RCC-1004", givenName: "George", familyName: "Whitfield", dateOfBirth: "1956-11-30" },
      { medicalRecordNumber: "RCC-1005", givenName: "Priya", familyName: "Sharma", dateOfBirth: "1972-01-08" },
      { medicalRecordNumber: "RCC-1006", givenName: "Daniel", familyName: "Osei", dateOfBirth: "1999-04-17" },
    ],
  },
  {
    id: "019ac0de-0000-7000-8000-000000000002",
    name: "Hillview Health Centre",
    address: { addressLine1: "3 Hillview Road", city: "Easton", postalCode: "ES2 7HV" },
    services: [
      {
        id: "019ac0de-0000-7000-8000-000000000201",
        name: "Hillview Occupational Therapy",
        discipline: "OCCUPATIONAL_THERAPY",
        acceptsExternalReferrals: false,
        contactPhone: "01632 960 201",
        contactEmail: "ot@hillview.example",
      },
      // Takes referrals from other clinics too: Riverside refers its physiotherapy here when it chooses.
      {
        id: "019ac0de-0000-7000-8000-000000000202",
        name: "Hillview Physiotherapy",
        discipline: "PHYSIOTHERAPY",
        acceptsExternalReferrals: true,
        contactPhone: "01632 960 202",
        contactEmail: "physio@hillview.example",
      },
    ],
    users: [
      { email: "dev.patel@hillview.example", name: "Dev Patel", role: "CLINICIAN", workPhone: "01632 960 211" },
      { email: "erin.walsh@hillview.example", name: "Erin Walsh", role: "ADMIN" },
      { email: "nadia.haddad@hillview.example", name: "Nadia Haddad", role: "THERAPIST", service: "Hillview Occupational Therapy" },
      { email: "oscar.reyes@hillview.example", name: "Oscar Reyes", role: "THERAPIST", service: "Hillview Physiotherapy" },
    ],
    patients: [
      { medicalRecordNumber: "HHC-2001", givenName: "Fiona", familyName: "MacLeod", dateOfBirth: "1964-07-25" },
      { medicalRecordNumber: "HHC-2002", givenName: "Samuel", familyName: "Adeyemi", dateOfBirth: "1990-12-03" },
      { medicalRecordNumber: "HHC-2003", givenName: "Rosa", familyName: "Martinez", dateOfBirth: "1948-02-11" },
    ],
  },
];

/** Creates the demo clinics, services, users and patients that are missing; leaves existing rows alone. */
export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const clinic of DEMO_CLINICS) {
    const serviceId = (name: string) => clinic.services.find((service) => service.name === name)!.id;
    await prisma.$transaction([
      prisma.clinic.upsert({ where: { id: clinic.id }, update: {}, create: { id: clinic.id, name: clinic.name, ...clinic.address } }),
      ...clinic.services.map((service) =>
        prisma.therapyService.upsert({
          where: { clinicId_name: { clinicId: clinic.id, name: service.name } },
          update: {},
          create: { ...service, clinicId: clinic.id },
        }),
      ),
      ...clinic.users.map(({ service, ...user }) =>
        prisma.user.upsert({
          where: { email: user.email },
          update: {},
          create: { ...user, clinicId: clinic.id, serviceId: service ? serviceId(service) : null, passwordHash },
        }),
      ),
      // The clinic requires administrators to have a second factor (the default policy): the demo's have the published app key.
      ...clinic.users
        .filter((user) => secondFactorRequired(user, "ADMINISTRATORS"))
        .map(
          (user) => prisma.$executeRaw`
            INSERT INTO "TotpFactor" ("userId", secret, "confirmedAt")
            SELECT id, ${DEMO_TOTP_SECRET}, now() FROM "User" WHERE email = ${user.email}
            ON CONFLICT ("userId") DO NOTHING`,
        ),
      ...clinic.patients.map((patient) =>
        prisma.patient.upsert({
          where: {
            clinicId_medicalRecordNumber: { clinicId: clinic.id, medicalRecordNumber: patient.medicalRecordNumber },
          },
          update: {},
          create: { ...patient, dateOfBirth: startOfDay(patient.dateOfBirth), clinicId: clinic.id },
        }),
      ),
    ]);
  }
}

/**
 * The demo clinics' referrals (lib/ops/demo-referrals.ts), each clinic's
 * clinicians and administrator sending in turn; Riverside sends some of its
 * physiotherapy to Hillview's, which takes outside referrals. Kept apart from
 * `seedDemoData` so the browser tests' fixtures stay empty of referrals they did not make.
 */
export async function seedDemoReferrals(prisma: PrismaClient): Promise<void> {
  const outsidePhysiotherapy = DEMO_CLINICS.flatMap((clinic) => clinic.services).find((service) => service.acceptsExternalReferrals)!;
  for (const [index, clinic] of DEMO_CLINICS.entries()) {
    await seedClinicReferrals(prisma, {
      index,
      id: clinic.id,
      authors: clinic.users.filter((user) => user.role !== "THERAPIST").map((user) => user.email),
      patients: clinic.patients.map((patient) => patient.medicalRecordNumber),
      outsidePhysiotherapy: clinic.services.some((service) => service.id === outsidePhysiotherapy.id) ? undefined : outsidePhysiotherapy.id,
    });
  }
}

/** Demo accounts have a published password: the local demo (embedded database) gets them, a real database only when asked. */
export function seedsDemoData(options: { embedded: boolean; seedDemoData: boolean }): boolean {
  return options.embedded || options.seedDemoData;
}

/** Seeds only a database with no clinic at all, so real data is never mixed with demo data. */
export async function seedIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.clinic.count()) > 0) return false;
  await seedDemoData(prisma);
  await seedDemoReferrals(prisma);
  return true;
}

export async function demoDataPresent(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.clinic.count({ where: { id: DEMO_CLINICS[0]!.id } })) > 0;
}
