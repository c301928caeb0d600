import { describe, expect, inject, it } from "vitest";
import { clinicWithSessions } from "../support/api";

/** The account page names the viewer's role as the labels do (components/labels.ts), a therapist's too. */
describe("the account page", () => {
  it.each([
    ["CLINICIAN", "Clinician"],
    ["ADMIN", "Administrator"],
    ["THERAPIST", "Therapist"],
  ] as const)("names a %s's role %s", async (role, label) => {
    const { cookies, clinic } = await clinicWithSessions([role]);
    const response = await fetch(`${inject("baseUrl")}/account`, { headers: { cookie: cookies[0]! }, redirect: "manual" });
    expect(response.status).toBe(200);
    // React separates the text pieces with comment markers in the server-rendered HTML.
    const text = (await response.text()).replace(/<!-- -->/g, "");
    expect(text).toContain(`${label} at ${clinic.name}`);
  });
});
