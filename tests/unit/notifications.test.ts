import { describe, expect, it } from "vitest";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { NotificationKind as KINDS } from "@/lib/generated/prisma/enums";
import { digestEmailOf, emailOf, notificationSentence } from "@/lib/notifications/kinds";
import { backoffMs, isPermanentMailError, mailDomainOf } from "@/lib/outbox";

const facts = (kind: NotificationKind) => ({ kind, serviceName: "Hillview Physiotherapy", priority: "STAT", clinicName: "Hillview Health Centre" });

describe("what a notification says", () => {
  it.each(Object.values(KINDS))("%s: a sentence, a subject and a link, and the reason there is no patient data", (kind) => {
    const email = emailOf(facts(kind), "Oscar Reyes", "https://portal.example/referrals/019ac0de-0000-7000-8000-000000000001");
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.text).toContain(notificationSentence(facts(kind)));
    expect(email.text).toContain("https://portal.example/referrals/019ac0de-0000-7000-8000-000000000001");
    expect(email.text).toContain("This e-mail carries no patient details");
    expect(email.text.startsWith("Hello Oscar Reyes,")).toBe(true);
  });

  it("tells the link's lifetime on invitations and resets, and that an unexpected reset changed nothing", () => {
    expect(emailOf(facts("INVITATION"), "A", "L").text).toContain("within 72 hours");
    const reset = emailOf(facts("PASSWORD_RESET"), "A", "L").text;
    expect(reset).toContain("within 15 minutes");
    expect(reset).toContain("your password has not changed");
  });

  it("lists each update of a digest with its link", () => {
    const digest = digestEmailOf("A", [
      { facts: facts("PART_DECIDED"), link: "https://portal.example/referrals/1" },
      { facts: facts("OUTCOME_READY"), link: "https://portal.example/referrals/2" },
    ], "https://portal.example/notifications");
    expect(digest.subject).toBe("Your daily summary from the clinic referral portal: 2 updates");
    expect(digest.text).toContain("- Hillview Physiotherapy decided on a referral you sent.\n  https://portal.example/referrals/1");
  });
});

describe("the outbox's retries", () => {
  it("double the wait after each failure, at most an hour, less up to a fifth at random", () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts, 30_000, 0))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20, 30_000, 0)).toBe(3_600_000);
    expect(backoffMs(1, 30_000, 1)).toBe(24_000);
  });

  it("give up at once only on a 5xx refusal of the message or recipient, not on a refused login or connection", () => {
    expect(isPermanentMailError({ code: "EENVELOPE", responseCode: 550 })).toBe(true);
    expect(isPermanentMailError({ code: "EMESSAGE", responseCode: 554 })).toBe(true);
    expect(isPermanentMailError({ code: "EENVELOPE", responseCode: 451 })).toBe(false);
    expect(isPermanentMailError({ code: "EAUTH", responseCode: 535 })).toBe(false);
    expect(isPermanentMailError({ code: "ESOCKET" })).toBe(false);
  });

  it("make Message-IDs in MAIL_FROM's domain", () => {
    expect(mailDomainOf("Clinic referral portal <No-Reply@Clinic.Example>")).toBe("clinic.example");
    expect(mailDomainOf("portal@referrals.example")).toBe("referrals.example");
  });
});
