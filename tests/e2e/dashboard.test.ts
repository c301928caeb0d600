import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { DeclineReason, Discipline, ReferralPriority, ReferralStatus } from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/dates";
import { PRIORITY_RANK } from "@/lib/referrals/parts";
import { freshPagePerTest, signInThroughForm, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { docScreenshot } from "../support/docs";

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);

let admin: { email: string };
let clinician: { id: string; email: string };

/** A clinic of its own whose referrals the dashboard counts: three in the last 12 weeks, one 150 days ago. */
beforeAll(async () => {
  const prisma = testDb();
  const { clinic, users } = await createTestClinic([{ role: "ADMIN" }, { role: "CLINICIAN" }]);
  admin = users[0]!;
  clinician = users[1]!;
  const tag = randomUUID().slice(0, 8);
  const service = (discipline: Discipline) => prisma.therapyService.create({ data: { clinicId: clinic.id, discipline, name: `${discipline} ${tag}` } });
  const services = { OCCUPATIONAL_THERAPY: await service("OCCUPATIONAL_THERAPY"), PHYSIOTHERAPY: await service("PHYSIOTHERAPY") };
  const patient = await prisma.patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `E-${tag}`, givenName: "Flow", familyName: "Patient", dateOfBirth: new Date("1950-01-01") },
  });
  const send = async (
    discipline: Discipline,
    priority: ReferralPriority,
    sentDaysAgo: number,
    part: { status: ReferralStatus; decidedDaysAgo?: number; completedDaysAgo?: number; declineReason?: DeclineReason },
  ) => {
    const referral = await prisma.referral.create({
      data: {
        clinicId: clinic.id,
        patientId: patient.id,
        authorId: clinician.id,
        idempotencyKey: randomUUID(),
        needs: [],
        conditions: [],
        notes: "",
        recommendation: discipline,
        triage: { matchedRules: [{ ruleId: "ot.self-care" }] },
        rulesetVersion: "test",
        disciplines: [discipline],
        priority,
        createdAt: daysAgo(sentDaysAgo),
      },
    });
    await prisma.referralPart.create({
      data: {
        referralId: referral.id,
        serviceId: services[discipline].id,
        discipline,
        status: part.status,
        priorityRank: PRIORITY_RANK[priority],
        sentAt: daysAgo(sentDaysAgo),
        decidedAt: part.decidedDaysAgo === undefined ? null : daysAgo(part.decidedDaysAgo),
        completedAt: part.completedDaysAgo === undefined ? null : daysAgo(part.completedDaysAgo),
        declineReason: part.declineReason ?? null,
      },
    });
  };
  await send("OCCUPATIONAL_THERAPY", "ROUTINE", 10, { status: "ACCEPTED", decidedDaysAgo: 8 });
  await send("OCCUPATIONAL_THERAPY", "URGENT", 17, { status: "DECLINED", decidedDaysAgo: 15, declineReason: "NOT_ELIGIBLE" });
  await send("PHYSIOTHERAPY", "ROUTINE", 24, { status: "SENT" });
  await send("OCCUPATIONAL_THERAPY", "ROUTINE", 150, { status: "COMPLETED", decidedDaysAgo: 148, completedDaysAgo: 100 });
});

/** Console errors and Content-Security-Policy violations (Chromium reports those on the console too). */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

describe("the dashboard in Chromium", () => {
  it("changes the range and a filter, switches a chart to its table, and downloads the same numbers as CSV", async () => {
    const { page } = tab;
    const problems = watchConsole(page);
    await signInThroughForm(page, admin.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.waitForURL((address) => address.pathname === "/dashboard");

    const decisions = page.getByRole("region", { name: "Decisions" });
    await decisions.locator("p", { hasText: "(3 sent and 3 received)" }).waitFor();

    // Back 200 days (the fourth referral comes in), occupational therapy only (the physiotherapy one goes).
    await page.getByLabel("From", { exact: true }).fill(dateDaysAgo(200));
    await page.getByLabel("Discipline", { exact: true }).selectOption("OCCUPATIONAL_THERAPY");
    await page.waitForURL((address) => address.searchParams.get("discipline") === "OCCUPATIONAL_THERAPY" && address.searchParams.get("from") === dateDaysAgo(200));
    await page.getByRole("status").getByText(`Referrals sent from ${formatCalendarDate(dateDaysAgo(200))}`, { exact: false }).waitFor();
    await decisions.locator("p", { hasText: "(3 sent and 3 received)" }).waitFor();
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    await docScreenshot(page, "dashboard.png", { fullPage: true });

    await decisions.getByRole("button", { name: "Show table" }).click();
    const table = decisions.getByRole("table", { name: "Decisions" });
    await table.waitFor();
    const rowOf = async (name: string) => (await table.getByRole("row", { name }).locator("th, td").allTextContents()).join(",");
    // Polled: the range and the discipline were two requests, and the table follows the last answer.
    await expect.poll(() => rowOf("Accepted")).toBe("Accepted,2,66.67,2,66.67");
    await expect.poll(() => rowOf("Declined: not eligible")).toBe("Declined: not eligible,1,33.33,1,33.33");

    const [download] = await Promise.all([page.waitForEvent("download"), decisions.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("decisions.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")).toEqual([
      "Decision,Sent: parts,Sent: rate (%),Received: parts,Received: rate (%)",
      "Accepted,2,66.67,2,66.67",
      "Declined: not eligible,1,33.33,1,33.33",
      "",
    ]);
    expect(problems).toEqual([]);
  });

  it("reaches the table toggle and the download with the keyboard", async () => {
    const { page } = tab;
    await signInThroughForm(page, admin.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await page.goto(url("/dashboard"));
    const volume = page.getByRole("region", { name: "Referrals sent and received per week" });
    const toggle = volume.getByRole("button", { name: "Show table" });
    await toggle.focus();
    await page.keyboard.press("Enter");
    await volume.getByRole("table", { name: "Referrals sent and received per week" }).waitFor();
    expect(await volume.getByRole("button", { name: "Show chart" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("tells a clinician the dashboard is not theirs, and offers no link to it", async () => {
    const { page } = tab;
    await signInThroughForm(page, clinician.email, TEST_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    expect(await page.getByRole("link", { name: "Dashboard" }).count()).toBe(0);
    await page.goto(url("/dashboard"));
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
  });
});
