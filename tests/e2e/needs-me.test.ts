import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { TEST_PASSWORD } from "../support/db";
import { signInOverHttp } from "../support/http";
import { referringAndReceiving } from "./support/daily";
import { docScreenshot } from "../support/docs";
import { changePart, pageOf, sendReferral, signInAs } from "./support/therapy";

/**
 * What needs me now (issue 23, item 4): a question from a service shows on
 * the clinician's home page and at the top of the referral page, where it is
 * answered; the therapist's worklist opens with what is new and what changed.
 * Contacts (item 3) and patient details (item 2) are on the page the service reads.
 */

const tab = freshPagePerTest({ viewport: { width: 1280, height: 900 } });

describe("what needs me now in Chromium", () => {
  it("puts a service's question on the clinician's home page and at the top of the referral, and the answer on the therapist's list as changed", async () => {
    const scenario = await referringAndReceiving();
    const sent = await sendReferral(scenario.cookie, scenario.patient.id, {
      needs: { needs: ["PAIN", "RANGE_OF_MOTION"], conditions: [], notes: "Stiff knee." },
      disciplines: ["PHYSIOTHERAPY"],
      serviceIds: [scenario.physiotherapy.id],
    });
    const part = sent.parts[0]!;

    // The therapist's worklist opens with the new part, not yet opened.
    const therapist = await pageOf(tab.page, scenario.therapist.email, TEST_PASSWORD);
    await therapist.waitForURL((address) => address.pathname === "/worklist");
    const newAndChanged = therapist.getByRole("region", { name: "New and changed since you looked" });
    await newAndChanged.getByTestId("needs-attention-item").filter({ hasText: scenario.patient.familyName }).waitFor();
    expect(await newAndChanged.textContent()).toContain("New: not yet opened");

    // The service reads the patient's details, the referrer's phone and its own contact with the referral, and asks a question.
    await therapist.goto(url(`/referrals/${sent.id}`));
    const details = therapist.getByTestId("patient-contact");
    await details.waitFor();
    for (const text of ["14 Mill Lane", "01632 960 431", "Northam Medical Practice", "Joan Ellis (Daughter)", "07700 900 431", "Welsh"]) {
      expect(await details.textContent()).toContain(text);
    }
    expect(await details.getByTestId("interpreter").textContent()).toBe("Needed");
    expect(await therapist.getByTestId("referrer-contact").textContent()).toContain("01632 960 111");
    expect(await therapist.getByTestId("service-contact").textContent()).toBe(`Phone 01632 960 202 · ${scenario.physiotherapy.contactEmail}`);
    const therapistCookie = (await signInOverHttp(scenario.therapist.email, TEST_PASSWORD)).sessionCookie!;
    await changePart(therapistCookie, { id: part.id, expectedVersion: part.version, action: "ASK_QUESTION", note: "Can she manage the stairs to our first-floor room?" });

    // The clinician's home page says a question waits, and what it is.
    const page = tab.page;
    await signInAs(page, scenario.clinician.email, TEST_PASSWORD);
    const needsYou = page.getByRole("region", { name: "Needs you now" });
    const item = needsYou.getByTestId("needs-attention-item").filter({ hasText: scenario.patient.familyName });
    await item.waitFor();
    expect(await item.textContent()).toContain("Question to answer: “Can she manage the stairs to our first-floor room?”");
    await docScreenshot(page, "home.png", { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await docScreenshot(page, "home-phone.png", { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // On the referral page the question and its answer come first, above the summary; cancelling stays with the part.
    await item.getByRole("link").click();
    await page.waitForURL((address) => address.pathname === `/referrals/${sent.id}`);
    const top = page.getByTestId("needs-you");
    await top.waitFor();
    const headings = await page.locator("main h2").allTextContents();
    expect(headings.indexOf("Needs you now")).toBeLessThan(headings.indexOf("Summary"));
    expect(await top.getByTestId("pending-summary").textContent()).toBe(`${scenario.physiotherapy.name} asked: “Can she manage the stairs to our first-floor room?”`);
    // The answer is the first thing offered; cancelling stands apart after it.
    expect(await top.locator(".part-actions button").first().textContent()).toBe("Answer the question");
    expect(await top.locator(".cancel-action").getByRole("button").allTextContents()).toEqual(["Cancel referral"]);
    await top.getByRole("button", { name: "Answer the question" }).click();
    await top.getByLabel("Your answer (required)").fill("Yes, with a rail and her stick.");
    await top.getByRole("button", { name: "Confirm: answer the question" }).click();
    await page.getByTestId("needs-you").waitFor({ state: "detached" });

    await page.goto(url("/"));
    await needsYou.getByText("Nothing waits for you").waitFor();

    // Back on the therapist's worklist the part shows as changed: the referrer answered.
    await therapist.goto(url("/worklist"));
    const changed = therapist.getByRole("region", { name: "New and changed since you looked" }).getByTestId("needs-attention-item").filter({ hasText: scenario.patient.familyName });
    await changed.waitFor();
    expect(await changed.textContent()).toContain("Changed since you opened it: the referrer answered");
    await therapist.context().close();
  });
});
