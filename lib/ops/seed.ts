import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";

/** Printed by `npm start` and listed in the README; only ever used for demo data. */
export const DEMO_PASSWORD = "demo-clinic-2026";

interface DemoClinic {
  id: string;
  name: string;
  users: { email: string; name: string; role: Role }[];
  patients: { medicalRecordNumber: string; givenName: string; familyName: string; dateOfBirth: string }[];
}

// Fixed ids make the seed an upsert: running it again changes nothing.
export const DEMO_CLINICS: DemoClinic[] = [
  {
    id: "019ac0de-0000-7000-8000-000000000001",
    name: "Riverside Community Clinic",
    users: [
      { email: "amara.okafor@riverside.example", name: "Amara Okafor", role: "CLINICIAN" },
      { email: "ben.hughes@riverside.example", name: "Ben Hughes", role: "CLINICIAN" },
      { email: "clara.nguyen@riverside.example", name: "Clara Nguyen", role: "ADMIN" },
    ],
    patients: [
      { medicalRecordNumber: "RCC-1001", givenName: "Margaret", familyName: "Ellis", dateOfBirth: "1941-03-14" },
      { medicalRecordNumber: "RCC-1002", givenName: "Tomasz", familyName: "Nowak", dateOfBirth: "1987-09-02" },
      { medicalRecordNumber: "RCC-1003", givenName: "Aisha", familyName: "Rahman", dateOfBirth: "2015-06-21" },
      { medicalRecordNumber: "RCC-1004", givenName: "George", familyName: "Whitfield", dateOfBirth: "1956-11-30" },
      { medicalRecordNumber: "RCC-1005", givenName: "Priya", familyName: "Sharma", dateOfBirth: "1972-01-08" },
      { medicalRecordNumber: "RCC-1006", givenName: "Daniel", familyName: "Osei", dateOfBirth: "1999-04-17" },
    ],
  },
  {
    id: "019ac0de-0000-7000-8000-000000000002",
    name: "Hillview Health Centre",
    users: [
      { email: "dev.patel@hillview.example", name: "Dev Patel", role: "CLINICIAN" },
      { email: "erin.walsh@hillview.example", name: "Erin Walsh", role: "ADMIN" },
    ],
    patients: [
      { medicalRecordNumber: "HHC-2001", givenName: "Fiona", familyName: "MacLeod", dateOfBirth: "1964-07-25" },
      { medicalRecordNumber: "HHC-2002", givenName: "Samuel", familyName: "Adeyemi", dateOfBirth: "1990-12-03" },
      { medicalRecordNumber: "HHC-2003", givenName: "Rosa", familyName: "Martinez", dateOfBirth: "1948-02-11" },
    ],
  },
];

/** Creates the demo clinics, users and patients that are missing; leaves existing rows alone. */
export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const clinic of DEMO_CLINICS) {
    await prisma.$transaction([
      prisma.clinic.upsert({ where: { id: clinic.id }, update: {}, create: { id: clinic.id, name: clinic.name } }),
      ...clinic.users.map((user) =>
        prisma.user.upsert({
          where: { email: user.email },
          update: {},
          create: { ...user, clinicId: clinic.id, passwordHash },
        }),
      ),
      ...clinic.patients.map((patient) =>
        prisma.patient.upsert({
          where: {
            clinicId_medicalRecordNumber: { clinicId: clinic.id, medicalRecordNumber: patient.medicalRecordNumber },
          },
          update: {},
          create: { ...patient, dateOfBirth: new Date(`${patient.dateOfBirth}T00:00:00Z`), clinicId: clinic.id },
        }),
      ),
    ]);
  }
}

/** Seeds only a database with no clinic at all, so real data is never mixed with demo data. */
export async function seedIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.clinic.count()) > 0) return false;
  await seedDemoData(prisma);
  return true;
}

export async function demoDataPresent(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.clinic.count({ where: { id: DEMO_CLINICS[0]!.id } })) > 0;
}
