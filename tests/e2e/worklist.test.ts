import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { freshPagePerTest, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { signInOverHttp } from "../support/http";
import { addPatient, addServices, addTherapist, sendReferral, signInAs } from "./support/therapy";

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A clinic of its own whose occupational therapist has five referrals waiting:
 * routine sent 60 days ago, stat, urgent sent 14 days ago, urgent sent now, ASAP;
 * the therapist opened ASAP after its last change and the new urgent one before it.
 */
async function therapistWithWaitingReferrals() {
  const { clinic, users } = await createTestClinic([{ role: "CLINICIAN" }]);
  const clinician = users[0]!;
  const services = await addServices(clinic.id);
  const therapist = await addTherapist(clinic.id, services.occupationalTherapy.id);
  const { sessionCookie } = await signInOverHttp(clinician.email, TEST_PASSWORD);
  const tag = randomUUID().slice(0, 6);
  const waiting = [
    { key: "routine-old", priority: "ROUTINE", daysAgo: 60 },
    { key: "stat", priority: "STAT", daysAgo: 0 },
    { key: "urgent-old", priority: "URGENT", daysAgo: 14 },
    { key: "urgent-new", priority: "URGENT", daysAgo: 0 },
    { key: "asap", priority: "ASAP", daysAgo: 0 },
  ] as const;
  const names: Record<(typeof waiting)[number]["key"], string> = {} as never;
  for (const [index, referral] of waiting.entries()) {
    const familyName = `Queue${tag}-${referral.key}`;
    names[referral.key] = `Wren ${familyName}`;
    const patient = await addPatient(sessionCookie!, { givenName: "Wren", familyName });
    const sent = await sendReferral(sessionCookie!, patient.id, { priority: referral.priority });
    // Sent a moment apart even on the same day, so "longest waiting" has one answer.
    const sentAt = new Date(Date.now() - referral.daysAgo * DAY_MS - (waiting.length - index) * 1000);
    await testDb().referralPart.updateMany({ where: { referralId: sent.id }, data: { sentAt } });
    if (referral.key === "asap") {
      await testDb().referralView.create({ data: { referralId: sent.id, userId: therapist.id, seenAt: new Date() } });
    }
    if (referral.key === "urgent-new") {
      await testDb().referralView.create({ data: { referralId: sent.id, userId: therapist.id, seenAt: new Date(Date.now() - 60 * 60 * 1000) } });
    }
  }
  return { therapist, names };
}

const rows = () => tab.page.getByTestId("worklist-row");

async function rowTexts(): Promise<string[]> {
  return rows().allTextContents();
}

describe("the worklist in Chromium", () => {
  it("orders a therapist's worklist by priority then longest waiting, with working days against the target and overdue, not-yet-opened and changed flags", async () => {
    const { therapist, names } = await therapistWithWaitingReferrals();
    await signInAs(tab.page, therapist.email, TEST_PASSWORD);
    await tab.page.waitForURL((address) => address.pathname === "/worklist");
    await expect.poll(() => rows().count()).toBe(5);
    const texts = await rowTexts();
    const order = ["stat", "asap", "urgent-old", "urgent-new", "routine-old"] as const;
    order.forEach((key, index) => expect(texts[index]).toContain(names[key]));

    const [stat, asap, urgentOld, urgentNew, routineOld] = texts as [string, string, string, string, string];
    expect(stat).toContain("target 1 working day");
    expect(stat).toContain("Not yet opened");
    expect(stat).not.toContain("Overdue");
    expect(asap).toContain("target 2 working days");
    expect(asap).not.toMatch(/Not yet opened|Changed since you opened it|Overdue/);
    expect(urgentOld).toContain("10 working days");
    expect(urgentOld).toContain("target 5 working days");
    expect(urgentOld).toContain("Overdue");
    expect(urgentNew).toContain("Changed since you opened it");
    expect(urgentNew).not.toContain("Overdue");
    expect(routineOld).toContain("target 28 working days");
    expect(routineOld).toContain("Overdue");
  });

  it("filters the worklist by priority, keeping the filter in the address", async () => {
    const { therapist, names } = await therapistWithWaitingReferrals();
    await signInAs(tab.page, therapist.email, TEST_PASSWORD);
    await expect.poll(() => rows().count()).toBe(5);
    await tab.page.getByLabel("Priority").selectOption("URGENT");
    await tab.page.waitForURL((address) => address.searchParams.get("priority") === "URGENT");
    await expect.poll(() => rows().count()).toBe(2);
    const texts = await rowTexts();
    expect(texts[0]).toContain(names["urgent-old"]);
    expect(texts[1]).toContain(names["urgent-new"]);
    await tab.page.reload();
    await expect.poll(() => rows().count()).toBe(2);
  });

  it("shows a therapist only the worklist and refuses them patients and the referral history by address", async () => {
    const riverside = DEMO_CLINICS[0]!;
    const therapist = riverside.users.find((user) => user.email.startsWith("grace."))!;
    const patient = await testDb().patient.findFirstOrThrow({
      where: { clinicId: riverside.id, medicalRecordNumber: riverside.patients[0]!.medicalRecordNumber },
    });
    await signInAs(tab.page, therapist.email, DEMO_PASSWORD);
    // Home sends a therapist to their worklist.
    await tab.page.waitForURL((address) => address.pathname === "/worklist");
    const nav = tab.page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Worklist", "Dashboard"]);

    const main = tab.page.locator("main");
    await tab.page.goto(url("/patients"));
    expect(await main.textContent()).toContain("Only clinicians and administrators of the clinic can see patients.");
    await tab.page.goto(url(`/patients/${patient.id}`));
    expect(await main.textContent()).toContain("Only clinicians and administrators of the clinic can see patients.");
    expect(await main.textContent()).not.toContain(patient.familyName);
    await tab.page.goto(url("/referrals"));
    expect(await main.textContent()).toContain("Only clinicians and administrators of the clinic can see its referral history.");
    await tab.page.goto(url("/my-referrals"));
    expect(await main.textContent()).toContain("Only clinicians who send referrals have this page.");
  });
});
