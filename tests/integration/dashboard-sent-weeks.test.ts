import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dashboard } from "@/lib/dashboard";
import { dashboardFilterSchema } from "@/lib/dashboard/validation";
import { seedClinicReferrals } from "@/lib/ops/demo-referrals";
import { createRequestContext } from "@/lib/request/context";
import { createTestClinic, testDb, testViewer } from "../support/db";

/**
 * The dashboard counts a sent part in the week it was sent. The demo seed
 * sends its referrals now and then moves them back to the days they were
 * sent (as an import or a migration of old data would write them): their
 * "sent" figures must fall in those weeks, the weeks the history lists them
 * in, not all in the week the seed ran.
 */

const DAY_MS = 86_400_000;

/** The Monday (UTC) of an instant's week, YYYY-MM-DD, as the dashboard's weeks start. */
function weekOf(instant: Date): string {
  const day = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

describe("the dashboard's sent figures for back-dated referrals", () => {
  it("count each part in the week it was sent, as the history dates the referrals", async () => {
    const prisma = testDb();
    const { clinic, users } = await createTestClinic([
      { role: "ADMIN" },
      { role: "CLINICIAN" },
      { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" },
      { role: "THERAPIST", service: "PHYSIOTHERAPY" },
    ]);
    const tag = randomUUID().slice(0, 8);
    const patients = await Promise.all(
      ["Ellis", "Nowak", "Rahman"].map((familyName, index) =>
        prisma.patient.create({
          data: { clinicId: clinic.id, medicalRecordNumber: `DW-${tag}-${index}`, givenName: "Week", familyName, dateOfBirth: new Date("1950-01-01") },
        }),
      ),
    );
    await seedClinicReferrals(prisma, {
      index: 8,
      id: clinic.id,
      authors: [users[0]!.email, users[1]!.email],
      patients: patients.map((patient) => patient.medicalRecordNumber),
    });

    // The history's dates: each referral's creation, its parts sent with it (a redirect's new part is no new sending).
    const referrals = await prisma.referral.findMany({
      where: { clinicId: clinic.id },
      select: { createdAt: true, parts: { where: { redirectedFromId: null }, select: { discipline: true } } },
    });
    const expected = new Map<string, number>();
    for (const referral of referrals) {
      const week = weekOf(referral.createdAt);
      expected.set(week, (expected.get(week) ?? 0) + referral.parts.length);
    }
    // The seed spreads its referrals over ten weeks.
    expect(expected.size).toBeGreaterThanOrEqual(9);

    const admin = testViewer(users[0]!, clinic);
    const figures = await dashboard(createRequestContext({ prisma, viewer: admin }), dashboardFilterSchema().parse({}));
    const counted = new Map<string, number>();
    for (const figure of figures.volume.filter((row) => row.direction === "SENT")) {
      counted.set(figure.weekStart, (counted.get(figure.weekStart) ?? 0) + figure.count);
    }
    const sorted = (weeks: Map<string, number>) => [...weeks].sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(counted)).toEqual(sorted(expected));
  });
});
