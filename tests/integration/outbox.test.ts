import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleResetRequests, requestPasswordReset } from "@/lib/accounts";
import { createLogger } from "@/lib/log";
import { makeDigests, noticeOverdueParts, OutboxWorker, smtpMailer, type OutboxSettings } from "@/lib/outbox";
import { notify } from "@/lib/notifications";
import { sendReferral } from "@/lib/referrals/service";
import { createRequestContext } from "@/lib/request/context";
import { createTestClinic, testDb, testViewer } from "../support/db";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp";

/**
 * The outbox against a real SMTP server (smtp-server on a free port) and the
 * run's PostgreSQL: what arrives, how often, and what the rows say after.
 * Process faults (kill -9, two workers, the server down) are in tests/faults/outbox.test.ts.
 */

process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-at-least-thirty-two-characters";
const quiet = createLogger(undefined, "silent");
let smtp: TestSmtpServer;

function worker(overrides: Partial<OutboxSettings> = {}) {
  return new OutboxWorker(
    testDb(),
    {
      mailer: smtpMailer(smtp.url),
      from: "Clinic referral portal <portal@clinic.test>",
      baseUrl: "https://portal.clinic.test",
      pollMs: 50,
      retryBaseMs: 20,
      maxAttempts: 5,
      digestHourUtc: 7,
      ...overrides,
    },
    quiet,
  );
}

/** Rounds of the worker until nothing of these rows is left to send (the run's other tests' rows go too). */
async function deliverAll(outbox: OutboxWorker, ids: () => Promise<string[]>) {
  for (let round = 0; round < 200; round++) {
    await outbox.tick();
    const pending = await testDb().notification.count({ where: { id: { in: await ids() }, emailStatus: "PENDING" } });
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the outbox did not empty");
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(() => smtp.stop());

const PATIENT = { medicalRecordNumber: "OBX-55123", givenName: "Wilhelmina", familyName: "Quartermaine", dateOfBirth: new Date("1938-02-17") };
const NOTES = "Cannot fasten buttons since the fall; daughter Philippa helps.";

describe("the outbox", () => {
  it("e-mails every therapist of the receiving service once per new referral, with no patient data, linking to the referral", async () => {
    const { clinic, users, services } = await createTestClinic([
      { role: "CLINICIAN" },
      { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" },
      { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" },
      { role: "THERAPIST", service: "PHYSIOTHERAPY" },
    ]);
    const patient = await testDb().patient.create({ data: { clinicId: clinic.id, ...PATIENT } });
    const context = createRequestContext({ prisma: testDb(), viewer: testViewer(users[0]!, clinic) });
    const sent = await sendReferral(context, {
      idempotencyKey: crypto.randomUUID(),
      patientId: patient.id,
      needs: { needs: ["SELF_CARE"], conditions: [], notes: NOTES },
      disciplines: ["OCCUPATIONAL_THERAPY"],
      overrideReason: null,
      duplicateReason: null,
      assessFirst: false,
      priority: "URGENT",
      serviceIds: [],
    });
    const rows = () => testDb().notification.findMany({ where: { referralId: sent.id }, orderBy: { userId: "asc" } });
    const written = await rows();
    // Written with the referral, in its transaction: one per therapist of the OT service, none for the PT one or the author.
    expect(written.map((row) => row.userId).sort()).toEqual([users[1]!.id, users[2]!.id].sort());
    expect(written.every((row) => row.kind === "PART_RECEIVED" && row.emailStatus === "PENDING")).toBe(true);

    await deliverAll(worker(), async () => written.map((row) => row.id));
    const after = await rows();
    expect(after.map((row) => row.emailStatus)).toEqual(["SENT", "SENT"]);
    for (const therapist of [users[1]!, users[2]!]) {
      const mails = smtp.received.filter((mail) => mail.to === therapist.email);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      const row = after.find((candidate) => candidate.userId === therapist.id)!;
      expect(mail!.messageId).toBe(`<${row.id}@clinic.test>`);
      expect(row.messageId).toBe(mail!.messageId);
      expect(mail!.subject).toBe(`New referral for ${services[0]!.name}`);
      expect(mail!.text).toContain(`A new urgent referral was sent to ${services[0]!.name}.`);
      expect(mail!.text).toContain(`https://portal.clinic.test/referrals/${sent.id}`);
      for (const identifying of ["Wilhelmina", "Quartermaine", "OBX-55123", "1938", "17 Feb", "17/02", "buttons", "Philippa", "SELF_CARE", "Self-care"]) {
        expect(mail!.raw).not.toContain(identifying);
      }
    }
  });

  it("retries while the mail server refuses (451), with backoff, then delivers the message once", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    await notify(testDb(), { kind: "QUESTION_ASKED" }, { userIds: [users[0]!.id] });
    const [row] = await testDb().notification.findMany({ where: { userId: users[0]!.id } });
    smtp.refuseNext(2);
    const refusedBefore = smtp.refused;
    await deliverAll(worker(), async () => [row!.id]);
    const after = await testDb().notification.findUniqueOrThrow({ where: { id: row!.id } });
    expect(smtp.refused - refusedBefore).toBe(2);
    expect(after).toMatchObject({ emailStatus: "SENT", attempts: 3, lastError: null });
    expect(smtp.received.filter((mail) => mail.messageId === `<${row!.id}@clinic.test>`)).toHaveLength(1);
  });

  it("gives up after the last attempt, saying why, for administrators to see", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    await notify(testDb(), { kind: "OUTCOME_READY" }, { userIds: [users[0]!.id] });
    const [row] = await testDb().notification.findMany({ where: { userId: users[0]!.id } });
    smtp.refuseNext(3);
    await deliverAll(worker({ maxAttempts: 3 }), async () => [row!.id]);
    const after = await testDb().notification.findUniqueOrThrow({ where: { id: row!.id } });
    expect(after.emailStatus).toBe("FAILED");
    expect(after.attempts).toBe(3);
    expect(after.lastError).toMatch(/451 .*gave up after 3 attempts/);
    expect(smtp.received.some((mail) => mail.messageId === `<${row!.id}@clinic.test>`)).toBe(false);
  });

  it("without a mail server marks the e-mail 'not sent: no mail server' and keeps the notification in the portal", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    await notify(testDb(), { kind: "PART_DECIDED" }, { userIds: [users[0]!.id] });
    await worker({ mailer: null }).tick();
    const [row] = await testDb().notification.findMany({ where: { userId: users[0]!.id } });
    expect(row).toMatchObject({ emailStatus: "NO_MAIL_SERVER", lastError: "not sent: no mail server (SMTP_URL is not set)", readAt: null });
  });

  it("follows each user's choice per kind: off stays in the portal, a digest gathers the day's into one e-mail after the digest hour", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const user = users[0]!;
    await testDb().notificationPreference.createMany({
      data: [
        { userId: user.id, kind: "PART_DECIDED", delivery: "DAILY_DIGEST" },
        { userId: user.id, kind: "OUTCOME_READY", delivery: "OFF" },
      ],
    });
    await notify(testDb(), { kind: "PART_DECIDED" }, { userIds: [user.id] });
    await notify(testDb(), { kind: "PART_DECIDED" }, { userIds: [user.id] });
    await notify(testDb(), { kind: "OUTCOME_READY" }, { userIds: [user.id] });
    const rows = await testDb().notification.findMany({ where: { userId: user.id }, orderBy: { kind: "asc" } });
    expect(rows.map((row) => row.emailStatus).sort()).toEqual(["IN_DIGEST", "IN_DIGEST", "OFF"]);

    // Before the digest hour nothing is gathered; after it, one digest for the two, once however often it is asked.
    const written = rows[0]!.createdAt;
    const beforeHour = new Date(Date.UTC(written.getUTCFullYear(), written.getUTCMonth(), written.getUTCDate() + 1, 6));
    const afterHour = new Date(Date.UTC(written.getUTCFullYear(), written.getUTCMonth(), written.getUTCDate() + 1, 8));
    await makeDigests(testDb(), beforeHour, 7);
    expect(await testDb().notification.count({ where: { userId: user.id, kind: "DAILY_DIGEST" } })).toBe(0);
    await makeDigests(testDb(), afterHour, 7);
    await makeDigests(testDb(), afterHour, 7);
    const digests = await testDb().notification.findMany({ where: { userId: user.id, kind: "DAILY_DIGEST" } });
    expect(digests).toHaveLength(1);

    await deliverAll(worker(), async () => [digests[0]!.id]);
    const mails = smtp.received.filter((mail) => mail.to === user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Your daily summary from the clinic referral portal: 2 updates");
    expect(mails[0]!.text.match(/decided on a referral you sent/g)).toHaveLength(2);
    const after = await testDb().notification.findMany({ where: { userId: user.id, kind: { not: "DAILY_DIGEST" } } });
    expect(after.map((row) => row.emailStatus).sort()).toEqual(["DIGESTED", "DIGESTED", "OFF"]);
  });

  it("tells a service's therapists once when a part passes its response target (the service's own)", async () => {
    const { clinic, users, services } = await createTestClinic([{ role: "CLINICIAN" }, { role: "THERAPIST", service: "PHYSIOTHERAPY" }]);
    const physiotherapy = services.find((service) => service.discipline === "PHYSIOTHERAPY")!;
    await testDb().therapyService.update({ where: { id: physiotherapy.id }, data: { responseTargets: { ROUTINE: 2 } } });
    const patient = await testDb().patient.create({ data: { clinicId: clinic.id, medicalRecordNumber: `OD-${crypto.randomUUID().slice(0, 6)}`, givenName: "A", familyName: "B", dateOfBirth: new Date("1950-01-01") } });
    const context = createRequestContext({ prisma: testDb(), viewer: testViewer(users[0]!, clinic) });
    const sent = await sendReferral(context, {
      idempotencyKey: crypto.randomUUID(),
      patientId: patient.id,
      needs: { needs: ["PAIN"], conditions: [], notes: "" },
      disciplines: ["PHYSIOTHERAPY"],
      overrideReason: null,
      duplicateReason: null,
      assessFirst: false,
      priority: "ROUTINE",
      serviceIds: [],
    });
    // Sent on a Monday; 3 working days later is past its own target of 2 (the portal's is 28).
    await testDb().referralPart.updateMany({ where: { referralId: sent.id }, data: { sentAt: new Date("2026-11-02T09:00:00Z") } });
    const now = new Date("2026-11-05T12:00:00Z");
    await noticeOverdueParts(testDb(), now);
    await noticeOverdueParts(testDb(), now);
    const overdue = await testDb().notification.findMany({ where: { referralId: sent.id, kind: "PART_OVERDUE" } });
    expect(overdue.map((row) => row.userId)).toEqual([users[1]!.id]);
  });

  it("forgot password: an account gets one reset link by e-mail; an unknown address gets nothing", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const origin = { ip: "198.51.100.7", userAgent: "outbox test" };
    await requestPasswordReset(testDb(), users[0]!.email.toUpperCase(), origin);
    await requestPasswordReset(testDb(), `nobody-${crypto.randomUUID()}@clinic.test`, origin);
    while ((await handleResetRequests(testDb())) > 0);
    const links = await testDb().notification.findMany({ where: { kind: "PASSWORD_RESET", userId: users[0]!.id } });
    expect(links).toHaveLength(1);
    await deliverAll(worker(), async () => links.map((row) => row.id));
    const [mail] = smtp.received.filter((candidate) => candidate.to === users[0]!.email);
    expect(mail!.subject).toBe("Reset your password for the clinic referral portal");
    expect(mail!.text).toMatch(/https:\/\/portal\.clinic\.test\/reset-password\?token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}/);
    const event = await testDb().auditEvent.findFirst({ where: { userId: users[0]!.id, action: "auth.password_reset_requested" } });
    expect(event).toMatchObject({ ip: "198.51.100.7", outcome: "SUCCESS" });
  });
});
