import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { createDatabase } from "./database-server";

let client: PrismaClient | undefined;

/** A Prisma client on this run's test database (real PostgreSQL, never a mock). */
export function testDb(): PrismaClient {
  client ??= createPrismaClient(inject("databaseUrl"));
  return client;
}

/** A database of its own on the test server, for tests of migrating and seeding. */
export function scratchDatabase(purpose: string, options: { migrated?: boolean } = {}) {
  return createDatabase(inject("adminDatabaseUrl"), purpose, options);
}

export const TEST_PASSWORD = "a-long-test-password-for-tests";
let passwordHash: Promise<string> | undefined;

/** A clinic of its own for one test, with users whose emails no other test uses. */
export async function createTestClinic(
  users: { role?: Role; active?: boolean }[] = [{ role: "CLINICIAN" }],
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const tag = randomUUID().slice(0, 8);
  const prisma = testDb();
  const clinic = await prisma.clinic.create({ data: { name: `Test clinic ${tag}` } });
  const created = [];
  for (const [index, user] of users.entries()) {
    created.push(
      await prisma.user.create({
        data: {
          clinicId: clinic.id,
          email: `user${index}.${tag}@clinic.test`,
          name: `Test User ${index} ${tag}`,
          role: user.role ?? "CLINICIAN",
          active: user.active ?? true,
          passwordHash: await passwordHash,
        },
      }),
    );
  }
  return { clinic, users: created };
}
