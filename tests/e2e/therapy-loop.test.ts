import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { freshPagePerTest, url } from "../support/browser";
import { graphql, signInOverHttp } from "../support/http";
import { docScreenshot } from "../support/docs";
import { pageOf, signInAs } from "./support/therapy";

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

const [riverside, hillview] = DEMO_CLINICS as [(typeof DEMO_CLINICS)[number], (typeof DEMO_CLINICS)[number]];
const clinician = riverside.users.find((user) => user.email.startsWith("amara."))!;
const occupationalTherapist = riverside.users.find((user) => user.email.startsWith("grace."))!;
const physiotherapist = hillview.users.find((user) => user.email.startsWith("oscar."))!;

/** A patient of Riverside with a name no other test uses, added over the API by the clinician. */
async function newPatient() {
  const tag = randomUUID().slice(0, 8);
  const { sessionCookie } = await signInOverHttp(clinician.email, DEMO_PASSWORD);
  const result = await graphql<{ createPatient: { id: string } }>(
    `mutation CreatePatient($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
    { cookie: sessionCookie, variables: { input: { medicalRecordNumber: `LOOP-${tag}`, givenName: "Edith", familyName: `Marsh-${tag}`, dateOfBirth: "1948-02-17" } } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { id: result.data.createPatient.id, name: `Edith Marsh-${tag}` };
}

const part = (page: Page, discipline: "Occupational therapy" | "Physiotherapy") => page.getByRole("region", { name: discipline, exact: true });
const chipOf = (region: Locator) => region.locator(".part-heading .chip");

/** Opens the referral from the therapist's worklist; returns what its row said. */
async function openFromWorklist(page: Page, patientName: string): Promise<string> {
  await page.goto(url("/worklist"));
  const row = page.getByTestId("worklist-row").filter({ hasText: patientName });
  await row.waitFor();
  const rowText = (await row.textContent()) ?? "";
  await row.getByRole("link", { name: patientName }).click();
  await page.getByRole("heading", { level: 1, name: `Referral for ${patientName}` }).waitFor();
  return rowText;
}

describe("the referral loop across two clinics in Chromium", () => {
  it("sends a both-disciplines referral to Riverside OT and Hillview physiotherapy; OT accepts and completes, physiotherapy asks, is answered and declines; the clinician sees each update unread and acknowledges the outcome", async () => {
    const patient = await newPatient();

    // The clinician sends the referral, choosing Hillview's physiotherapy service for the physiotherapy part.
    const referrer = tab.page;
    await signInAs(referrer, clinician.email, DEMO_PASSWORD);
    await referrer.goto(url(`/patients/${patient.id}/referrals/new`));
    await referrer.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await referrer.getByRole("checkbox", { name: "Pain", exact: true }).check();
    await referrer.getByRole("checkbox", { name: "Range of motion", exact: true }).check();
    await expect.poll(() => referrer.getByTestId("recommendation").textContent()).toBe("Both occupational therapy and physiotherapy");
    // Accepting the recommendation is the clinician's decision; the services of its disciplines follow.
    await referrer.getByRole("radio", { name: /^Accept recommendation/ }).check();
    const otService = referrer.getByLabel("Occupational therapy service");
    await expect.poll(() => otService.locator("option:checked").textContent()).toBe("Riverside Occupational Therapy");
    // Own clinic first: the physiotherapy list starts with Riverside's, then Hillview's, which accepts outside referrals.
    const ptService = referrer.getByLabel("Physiotherapy service");
    // (Other tests' clinics may list services open to outside referrals too, among the other clinics' by name.)
    await expect.poll(async () => {
      const options = await ptService.locator("option").allTextContents();
      return [options[0], options.includes("Hillview Physiotherapy (Hillview Health Centre)")];
    }).toEqual(["Riverside Physiotherapy", true]);
    await ptService.selectOption({ label: "Hillview Physiotherapy (Hillview Health Centre)" });
    await referrer.getByLabel("Priority").selectOption("URGENT");
    await referrer.getByRole("button", { name: "Send referral" }).click();
    await referrer.getByRole("heading", { level: 1, name: `Referral for ${patient.name}` }).waitFor();
    expect(await part(referrer, "Physiotherapy").textContent()).toContain("Hillview Health Centre");

    // Riverside's occupational therapist accepts from the worklist.
    const ot = await pageOf(referrer, occupationalTherapist.email, DEMO_PASSWORD);
    await ot.waitForURL((address) => address.pathname === "/worklist");
    const otRow = ot.getByTestId("worklist-row").filter({ hasText: patient.name });
    await otRow.waitFor();
    expect(await otRow.textContent()).toContain("Not yet opened");
    expect(await otRow.textContent()).toContain("target 5 working days");
    await docScreenshot(ot, "worklist.png", { fullPage: true });
    await otRow.getByRole("link", { name: patient.name }).click();
    await ot.getByRole("heading", { level: 1, name: `Referral for ${patient.name}` }).waitFor();
    await part(ot, "Occupational therapy").getByRole("button", { name: "Accept" }).click();
    await expect.poll(() => chipOf(part(ot, "Occupational therapy")).textContent()).toBe("Accepted");

    // Hillview's physiotherapist asks the referrer a question.
    const pt = await pageOf(referrer, physiotherapist.email, DEMO_PASSWORD);
    await openFromWorklist(pt, patient.name);
    // Another clinic's service sees its own part only, not Riverside's occupational therapy.
    expect(await pt.getByTestId("referral-part").count()).toBe(1);
    const ptPart = part(pt, "Physiotherapy");
    await ptPart.getByRole("button", { name: "Ask the referrer a question" }).click();
    const question = "Is she weight-bearing on the left since the fall?";
    await ptPart.getByLabel("Question for the referrer (required)").fill(question);
    await ptPart.getByRole("button", { name: "Confirm: ask the referrer a question" }).click();
    await expect.poll(() => chipOf(ptPart).textContent()).toBe("Question for the referrer");

    // The clinician sees both updates unread, and the question waiting on them, and answers it.
    await referrer.goto(url("/my-referrals"));
    const updates = referrer.getByTestId("referral-update").filter({ hasText: patient.name });
    await expect.poll(() => updates.count()).toBe(2);
    for (const update of await updates.all()) expect(await update.textContent()).toContain("Unread");
    expect(await updates.nth(0).textContent()).toContain("Asked a question");
    expect(await updates.nth(0).textContent()).toContain(question);
    expect(await updates.nth(1).textContent()).toContain("Accepted");
    // Other tests send as this clinician too: at least this referral is unread.
    expect(Number.parseInt((await referrer.getByTestId("unread-count").textContent()) ?? "0", 10)).toBeGreaterThanOrEqual(1);
    const questions = referrer.getByRole("region", { name: "Questions waiting for your answer" });
    await questions.getByRole("link", { name: patient.name }).waitFor();
    await docScreenshot(referrer, "referrer-updates.png", { fullPage: true });
    await updates.nth(0).getByRole("link", { name: patient.name }).click();
    await referrer.getByRole("heading", { level: 1, name: `Referral for ${patient.name}` }).waitFor();
    const referrerPt = part(referrer, "Physiotherapy");
    expect(await referrerPt.locator(".qa-list").textContent()).toContain(question);
    await referrerPt.getByRole("button", { name: "Answer the question" }).click();
    await referrerPt.getByLabel("Your answer (required)").fill("Yes, fully weight-bearing; she lives across the county line.");
    await referrerPt.getByRole("button", { name: "Confirm: answer the question" }).click();
    await expect.poll(() => chipOf(referrerPt).textContent()).toBe("Sent");
    // Opening the referral read its updates.
    await referrer.goto(url("/my-referrals"));
    await expect.poll(() => updates.filter({ hasText: "Unread" }).count()).toBe(0);

    // Back in the physiotherapist's queue, flagged as changed; they decline with a coded reason.
    expect(await openFromWorklist(pt, patient.name)).toContain("Changed since you opened it");
    const ptPartAgain = part(pt, "Physiotherapy");
    expect(await ptPartAgain.locator(".qa-list").textContent()).toContain("fully weight-bearing");
    await ptPartAgain.getByRole("button", { name: "Decline" }).click();
    const declining = pt.getByRole("dialog", { name: "Decline this physiotherapy referral?" });
    await declining.getByLabel("Reason for declining (required)").selectOption("OUTSIDE_SERVICE_AREA");
    await declining.getByLabel("Comment (required)").fill("She lives outside Hillview's area; please refer to her local service.");
    await docScreenshot(pt, "decision.png", { fullPage: true });
    await declining.getByRole("button", { name: "Decline referral" }).click();
    await expect.poll(() => chipOf(ptPartAgain).textContent()).toBe("Declined");
    expect(await ptPartAgain.getByTestId("decline-reason").textContent()).toContain("Outside the service area");

    // Occupational therapy starts and completes with an outcome.
    await ot.goto(url("/worklist?status=ACCEPTED"));
    await ot.getByTestId("worklist-row").filter({ hasText: patient.name }).getByRole("link", { name: patient.name }).click();
    const otPart = part(ot, "Occupational therapy");
    await otPart.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => chipOf(otPart).textContent()).toBe("In progress");
    await otPart.getByRole("button", { name: "Complete with an outcome" }).click();
    await otPart.getByLabel("What was provided (required)").fill("Three home visits: dressing practice, a long-handled sponge and a perching stool.");
    await otPart.getByLabel("Recommendations").fill("Review in six months; consider a bath lift.");
    await otPart.getByLabel("Therapy Outcome Measures score (optional)").selectOption("3.5");
    await otPart.getByRole("button", { name: "Confirm: complete with an outcome" }).click();
    await expect.poll(() => chipOf(otPart).textContent()).toBe("Completed");

    // The clinician sees the decline and the outcome as unread, then acknowledges the outcome.
    await referrer.goto(url("/my-referrals"));
    const unread = updates.filter({ hasText: "Unread" });
    await expect.poll(() => unread.count()).toBe(3);
    expect(await unread.nth(0).textContent()).toContain("Completed with an outcome");
    expect(await unread.nth(1).textContent()).toContain("Started");
    expect(await unread.nth(2).textContent()).toContain("Declined");
    await unread.nth(0).getByRole("link", { name: patient.name }).click();
    const referrerOt = part(referrer, "Occupational therapy");
    await referrerOt.getByTestId("part-outcome").waitFor();
    expect(await referrerOt.getByTestId("part-outcome").textContent()).toContain("3.5");
    expect(await part(referrer, "Physiotherapy").getByTestId("decline-reason").textContent()).toContain("Outside the service area");
    await referrerOt.getByRole("button", { name: "Acknowledge the outcome" }).click();
    await expect.poll(() => referrerOt.getByTestId("outcome-acknowledgement").textContent()).toContain("Acknowledged by the referrer");
    expect(await referrerOt.getByRole("button", { name: "Acknowledge the outcome" }).count()).toBe(0);

    await ot.context().close();
    await pt.context().close();
  });
});
