import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { freshPagePerTest, url } from "../support/browser";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";
import { signInAs } from "./support/therapy";

const tab = freshPagePerTest();

/**
 * Every button of the page that is cut off: outside the viewport's width, or
 * outside the visible area of any ancestor that clips (a sideways-scrolling box);
 * and whether the document itself scrolls sideways.
 */
function clipping(page: Page) {
  return page.evaluate(() => {
    const clipped: string[] = [];
    for (const button of Array.from(document.querySelectorAll<HTMLElement>("main button"))) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const name = button.textContent?.trim() ?? "";
      if (box.left < 0 || box.right > window.innerWidth) clipped.push(`${name}: outside the viewport (${box.left}–${box.right})`);
      for (let parent = button.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === "visible" && style.overflowY === "visible") continue;
        const area = parent.getBoundingClientRect();
        if (box.left < area.left - 0.5 || box.right > area.right + 0.5 || box.top < area.top - 0.5 || box.bottom > area.bottom + 0.5) {
          clipped.push(`${name}: outside its ${parent.tagName.toLowerCase()}.${parent.className}`);
        }
      }
    }
    // What sticks out to the right, outermost first, to say why the document scrolls sideways.
    const overflowing = Array.from(document.body.querySelectorAll<HTMLElement>("*"))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((element) => !(element.parentElement && element.parentElement.getBoundingClientRect().right > window.innerWidth + 0.5))
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { clipped, overflowing, documentScrollsSideways: document.documentElement.scrollWidth > window.innerWidth };
  });
}

describe("the users page in Chromium", () => {
  it.each([
    [390, 844],
    [768, 1024],
    [1280, 900],
    [1440, 900],
    [1920, 1080],
  ])("shows every control of every user whole at %ix%i, with no sideways scrolling", async (width, height) => {
    const { users } = await createTestClinic([{ role: "ADMIN" }, { role: "CLINICIAN" }, { role: "THERAPIST", service: "PHYSIOTHERAPY" }]);
    // A long name and address, as real ones can be.
    await testDb().user.update({
      where: { id: users[1]!.id },
      data: { name: "Maximiliana Theodora Featherstonehaugh-Okonkwo", email: `maximiliana.featherstonehaugh-okonkwo.${randomUUID().slice(0, 8)}@long-clinic-name.example` },
    });
    await tab.page.setViewportSize({ width, height });
    await signInAs(tab.page, users[0]!.email, TEST_PASSWORD);
    await tab.page.goto(url("/admin/users"));
    await tab.page.getByRole("button", { name: /^Deactivate Maximiliana/ }).waitFor();
    expect(await tab.page.getByRole("button", { name: /^Deactivate / }).count()).toBe(2);
    expect(await clipping(tab.page)).toEqual({ clipped: [], overflowing: [], documentScrollsSideways: false });

    // With a reset form open too.
    await tab.page.getByRole("button", { name: /^Reset password of Maximiliana/ }).click();
    await tab.page.getByLabel(/^New password for Maximiliana/).waitFor();
    expect(await clipping(tab.page)).toEqual({ clipped: [], overflowing: [], documentScrollsSideways: false });
  });

  it("shows every problem of the Add user form at once and moves focus to the first", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }]);
    await tab.page.setViewportSize({ width: 1280, height: 900 });
    await signInAs(tab.page, users[0]!.email, TEST_PASSWORD);
    await tab.page.goto(url("/admin/users"));
    await tab.page.getByRole("heading", { name: "Add a user" }).waitFor();
    await tab.page.getByLabel("Role").selectOption("THERAPIST");
    await tab.page.getByLabel("Email").fill("not an address");
    await tab.page.getByRole("radio", { name: /^Type a first password/ }).check();
    await tab.page.getByLabel("First password (at least 12 characters)").fill("short");
    await tab.page.getByRole("button", { name: "Add user" }).click();

    const errors = tab.page.locator("section[aria-labelledby=new-user-heading] .field-error");
    expect(await errors.allTextContents()).toEqual([
      "Enter their name.",
      "Enter an email address such as name@clinic.example.",
      "Choose the service a therapist works for.",
      "The password must be at least 12 characters.",
    ]);
    for (const label of ["Name", "Email", "Service they work for", "First password (at least 12 characters)"]) {
      expect(await tab.page.getByLabel(label, { exact: true }).getAttribute("aria-invalid")).toBe("true");
    }
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe("new-user-name");
  });
});
