import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { inject } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient } from "@/lib/db/client";
import { PrismaClient, type TherapyService } from "@/lib/generated/prisma/client";
import type { Discipline, Role } from "@/lib/generated/prisma/enums";
import { createDatabase } from "./database-server";
import { enrolTestTotp } from "./second-factor";

let client: PrismaClient | undefined;

/** A Prisma client on this run's test database (real PostgreSQL, never a mock). */
export function testDb(): PrismaClient {
  client ??= createPrismaClient(inject("databaseUrl"));
  return client;
}

/** The viewer a live session of this user would give, for calling resolvers and domain functions directly. */
export function testViewer(
  user: { id: string; name: string; email: string; role: Role; serviceId: string | null },
  clinic: { id: string; name: string },
): Viewer {
  return { id: user.id, name: user.name, email: user.email, role: user.role, clinicId: clinic.id, clinicName: clinic.name, serviceId: user.serviceId };
}

/**
 * A Prisma client of its own on this run's test database that hands every
 * statement it sends to `onStatement`: for tests of what a request costs in SQL.
 */
export function statementLoggingClient(onStatement: (event: { query: string; params: string }) => void) {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("databaseUrl") }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", onStatement);
  return client;
}

/** Statements that write the audit trail (audit_append, its tables, the transaction around a write): a fixed cost per request, counted apart. */
export const isAuditWrite = (sql: string) => /"(AuditEvent|AuditChainHead)"|"audit_append"|^(BEGIN|COMMIT)/.test(sql);

/** A database of its own on the test server, for tests of migrating and seeding. */
export function scratchDatabase(purpose: string, options: { migrated?: boolean } = {}) {
  return createDatabase(inject("adminDatabaseUrl"), purpose, options);
}

export const TEST_PASSWORD = "a-long-test-password-for-tests";
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  role?: Role;
  active?: boolean;
  /** For a THERAPIST: the discipline of the clinic's service they work for. */
  service?: Discipline;
  /**
   * An authenticator app (tests/support/second-factor.ts): by default for
   * administrators, whom the default policy requires to have one; false to
   * leave one without (forced enrolment), true to give anyone one.
   */
  secondFactor?: boolean;
}

/**
 * A clinic of its own for one test, with users whose emails no other test uses,
 * and its own service of each discipline (unless `services` says otherwise), so
 * that a referral without a named service has somewhere to go.
 */
export async function createTestClinic(
  users: TestUser[] = [{ role: "CLINICIAN" }],
  options: { services?: { discipline: Discipline; acceptsExternalReferrals?: boolean }[] } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const tag = randomUUID().slice(0, 8);
  const prisma = testDb();
  const clinic = await prisma.clinic.create({ data: { name: `Test clinic ${tag}` } });
  const services: TherapyService[] = [];
  for (const [index, service] of (options.services ?? [{ discipline: "OCCUPATIONAL_THERAPY" }, { discipline: "PHYSIOTHERAPY" }]).entries()) {
    services.push(
      await prisma.therapyService.create({
        data: {
          clinicId: clinic.id,
          discipline: service.discipline,
          name: `${service.discipline === "PHYSIOTHERAPY" ? "Physiotherapy" : "Occupational Therapy"} ${index} ${tag}`,
          acceptsExternalReferrals: service.acceptsExternalReferrals ?? false,
        },
      }),
    );
  }
  const serviceOf = (discipline: Discipline) => {
    const service = services.find((candidate) => candidate.discipline === discipline);
    if (!service) throw new Error(`test clinic has no ${discipline} service`);
    return service;
  };
  const created = [];
  for (const [index, user] of users.entries()) {
    const role = user.role ?? "CLINICIAN";
    const row = await prisma.user.create({
        data: {
          clinicId: clinic.id,
          email: `user${index}.${tag}@clinic.test`,
          name: `Test User ${index} ${tag}`,
          role,
          active: user.active ?? true,
          serviceId: role === "THERAPIST" ? serviceOf(user.service ?? "OCCUPATIONAL_THERAPY").id : null,
          passwordHash: await passwordHash,
        },
      });
    if (user.secondFactor ?? role === "ADMIN") await enrolTestTotp(row.id);
    created.push(row);
  }
  return { clinic, users: created, services, serviceOf };
}
