import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { clinicWithSessions } from "./api";
import { TEST_PASSWORD, testDb } from "./db";
import { signInOverHttp } from "./http";

/** The whole dashboard, as the page asks for it. */
export const DASHBOARD = /* GraphQL */ `
  query Dashboard($filter: DashboardFilter!) {
    dashboard(filter: $filter) {
      from to showsSent services { id name discipline }
      volume { direction weekStart discipline priority count }
      decisions { direction decision declineReason count parts rate }
      responseTimes { direction priority targetWorkingDays decided decisionMedian decisionP90 breached breachedShare }
      waitingList { serviceId serviceName fromWeeks toWeeks awaitingDecision acceptedNotStarted }
      agreement { byRecommendation { recommendation referrals overridden rate } byRule { ruleId overridden } overrides { referralId reason } }
    }
  }
`;

export interface DashboardData {
  dashboard: {
    from: string;
    to: string;
    showsSent: boolean;
    services: { id: string; name: string }[];
    volume: { direction: string; count: number }[];
    decisions: { direction: string; decision: string; count: number; parts: number }[];
    waitingList: { serviceId: string }[];
    agreement: { overrides: { referralId: string; reason: string }[] };
  };
}

/**
 * A clinic with a signed-in administrator, clinician and therapist (of its
 * occupational therapy service), its two services, and one referral sent
 * yesterday to its physiotherapy service, overriding the recommendation.
 */
export async function dashboardClinic() {
  const prisma = testDb();
  const { clinic, users, cookies } = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
  const tag = randomUUID().slice(0, 8);
  // A test clinic comes with one service of each discipline (tests/support/db.ts): these are its two.
  const serviceOf = (discipline: "OCCUPATIONAL_THERAPY" | "PHYSIOTHERAPY") =>
    prisma.therapyService.findFirstOrThrow({ where: { clinicId: clinic.id, discipline } });
  const ot = await serviceOf("OCCUPATIONAL_THERAPY");
  const pt = await serviceOf("PHYSIOTHERAPY");
  const therapist = await prisma.user.create({
    data: {
      clinicId: clinic.id,
      email: `therapist.${tag}@clinic.test`,
      name: `Therapist ${tag}`,
      role: "THERAPIST",
      serviceId: ot.id,
      passwordHash: await hashPassword(TEST_PASSWORD),
    },
  });
  const { sessionCookie: therapistCookie } = await signInOverHttp(therapist.email, TEST_PASSWORD);
  if (!therapistCookie) throw new Error("the test therapist could not sign in");
  const patient = await prisma.patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `DB-${tag}`, givenName: "Flow", familyName: "Patient", dateOfBirth: new Date("1950-01-01") },
  });
  const sentAt = new Date(Date.now() - 86_400_000);
  const referral = await prisma.referral.create({
    data: {
      clinicId: clinic.id,
      patientId: patient.id,
      authorId: users[1]!.id,
      idempotencyKey: randomUUID(),
      needs: [],
      conditions: [],
      notes: "",
      recommendation: "OCCUPATIONAL_THERAPY",
      triage: { matchedRules: [{ ruleId: "ot.self-care" }] },
      rulesetVersion: "test",
      disciplines: ["PHYSIOTHERAPY"],
      overrideReason: `Physiotherapy first ${tag}`,
      priority: "ROUTINE",
      createdAt: sentAt,
    },
  });
  await prisma.referralPart.create({
    data: { referralId: referral.id, serviceId: pt.id, discipline: "PHYSIOTHERAPY", status: "SENT", priorityRank: 0, sentAt },
  });
  return {
    clinic,
    services: { OT: ot.id, PT: pt.id },
    referralId: referral.id,
    cookies: { ADMIN: cookies[0]!, CLINICIAN: cookies[1]!, THERAPIST: therapistCookie },
  };
}
