import { describe, expect, it } from "vitest";
import { ReferralStatus } from "@/lib/generated/prisma/enums";
import { allowedActions, overallStatus, PART_RULES, waiting, workingDaysBetween } from "@/lib/referrals/parts";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("workingDaysBetween", () => {
  it.each([
    ["the same day", "2026-11-30", "2026-11-30", 0],
    ["Monday to Tuesday", "2026-11-30", "2026-12-01", 1],
    ["Friday to Monday", "2026-11-27", "2026-11-30", 1],
    ["Saturday to Sunday", "2026-11-28", "2026-11-29", 0],
    ["Monday to the Monday after", "2026-11-30", "2026-12-07", 5],
    ["four weeks and a day", "2026-11-02", "2026-12-01", 21],
    ["a later day to an earlier one", "2026-12-01", "2026-11-30", 0],
  ])("counts %s as %i", (_name, from, to, expected) => {
    expect(workingDaysBetween(day(from), day(to))).toBe(expected);
  });
});

describe("waiting", () => {
  it("is overdue past the target for its priority while it awaits a decision", () => {
    const now = day("2026-12-03");
    expect(waiting({ status: "SENT", sentAt: day("2026-11-30"), priorityRank: 3 }, now)).toEqual({ workingDays: 3, targetWorkingDays: 1, overdue: true });
    expect(waiting({ status: "AWAITING_REFERRER", sentAt: day("2026-11-30"), priorityRank: 3 }, now).overdue).toBe(true);
    expect(waiting({ status: "SENT", sentAt: day("2026-11-30"), priorityRank: 0 }, now)).toEqual({ workingDays: 3, targetWorkingDays: 28, overdue: false });
  });

  it("is never overdue once decided", () => {
    expect(waiting({ status: "ACCEPTED", sentAt: day("2026-01-01"), priorityRank: 3 }, day("2026-12-01")).overdue).toBe(false);
  });
});

describe("allowedActions", () => {
  const part = (status: ReferralStatus, acknowledged = false) => ({
    status,
    serviceId: "service-1",
    outcomeAcknowledgedAt: acknowledged ? new Date() : null,
    referral: { clinicId: "clinic-1", authorId: "author" },
  });
  const therapist = { id: "t", role: "THERAPIST" as const, clinicId: "clinic-2", serviceId: "service-1" };
  const author = { id: "author", role: "CLINICIAN" as const, clinicId: "clinic-1", serviceId: null };
  const colleague = { ...author, id: "colleague" };

  it("gives each status's actions to their actor only, as the transitions table says", () => {
    for (const status of Object.values(ReferralStatus)) {
      const all = [...allowedActions(therapist, part(status)), ...allowedActions(author, part(status))];
      for (const action of all) expect(PART_RULES[action].from).toContain(status);
    }
    expect(allowedActions(therapist, part("SENT")).sort()).toEqual(["ACCEPT", "ASK_QUESTION", "DECLINE", "REDIRECT"]);
    expect(allowedActions(author, part("SENT"))).toEqual(["CANCEL"]);
    expect(allowedActions(colleague, part("AWAITING_REFERRER"))).toEqual(["ANSWER_QUESTION"]);
    expect(allowedActions(therapist, part("ACCEPTED"))).toEqual(["START"]);
    expect(allowedActions(therapist, part("IN_PROGRESS"))).toEqual(["COMPLETE"]);
    expect(allowedActions(colleague, part("COMPLETED"))).toEqual(["ACKNOWLEDGE_OUTCOME"]);
  });

  it("allows nothing more on a closed part, and one acknowledgement of an outcome", () => {
    for (const status of ["DECLINED", "REDIRECTED", "CANCELLED"] as const) {
      expect([...allowedActions(therapist, part(status)), ...allowedActions(author, part(status))]).toEqual([]);
    }
    expect(allowedActions(author, part("COMPLETED", true))).toEqual([]);
  });
});

describe("overallStatus", () => {
  it.each([
    [["SENT", "AWAITING_REFERRER"], "AWAITING_REFERRER"],
    [["ACCEPTED", "SENT"], "SENT"],
    [["COMPLETED", "IN_PROGRESS"], "IN_PROGRESS"],
    [["DECLINED", "COMPLETED"], "COMPLETED"],
    [["REDIRECTED", "DECLINED"], "DECLINED"],
    [["REDIRECTED", "CANCELLED"], "CANCELLED"],
  ] as const)("of parts %j is %s", (statuses, expected) => {
    expect(overallStatus(statuses.map((status) => ({ status })))).toBe(expected);
  });
});
