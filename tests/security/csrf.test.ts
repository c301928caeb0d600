import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { clinicWithSessions } from "../support/api";
import { testDb } from "../support/db";

/**
 * A page on another site can make the browser send the session cookie with a
 * "simple" request (a form post, or fetch in no-cors mode), which skips the CORS
 * preflight. Apollo's CSRF prevention refuses such requests before executing
 * anything unless they carry a header no simple request can.
 */

let cookie: string;
let clinicId: string;
beforeAll(async () => {
  const clinic = await clinicWithSessions();
  cookie = clinic.cookies[0]!;
  clinicId = clinic.clinic.id;
});

const endpoint = () => `${inject("baseUrl")}/api/graphql`;
const createPatientMutation = () =>
  `mutation { createPatient(input: { medicalRecordNumber: "CSRF-${randomUUID().slice(0, 8)}", givenName: "Forged", familyName: "Request", dateOfBirth: "1970-01-01" }) { id } }`;
const patientCount = () => testDb().patient.count({ where: { clinicId } });

/** Headers a browser sends on a cross-site form post or no-cors fetch, with the victim's session cookie. */
const crossSite = (contentType: string) => ({
  "content-type": contentType,
  origin: "https://attacker.example",
  referer: "https://attacker.example/page",
  "sec-fetch-site": "cross-site",
  cookie,
});

describe("cross-site request forgery against /api/graphql", () => {
  it.each([
    ["text/plain", () => JSON.stringify({ query: createPatientMutation() })],
    ["application/x-www-form-urlencoded", () => new URLSearchParams({ query: createPatientMutation() }).toString()],
    ["multipart/form-data; boundary=x", () => `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${createPatientMutation()}\r\n--x--\r\n`],
  ])("attack: a cross-site POST as %s with a valid session cookie is refused and writes nothing", async (contentType, body) => {
    const before = await patientCount();
    const response = await fetch(endpoint(), { method: "POST", headers: crossSite(contentType), body: body() });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('"createPatient"');
    expect(await patientCount()).toBe(before);
  });

  it("attack: a mutation sent as a GET (a link or an <img>) with a valid session cookie is refused and writes nothing", async () => {
    const before = await patientCount();
    const response = await fetch(`${endpoint()}?${new URLSearchParams({ query: createPatientMutation() })}`, {
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('"createPatient"');
    expect(await patientCount()).toBe(before);
  });

  it("attack: a mutation sent as a GET even with the preflight header is refused and writes nothing", async () => {
    const before = await patientCount();
    const response = await fetch(`${endpoint()}?${new URLSearchParams({ query: createPatientMutation() })}`, {
      headers: { cookie, "apollo-require-preflight": "true" },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toContain('"createPatient"');
    expect(await patientCount()).toBe(before);
  });

  it("lets the same mutation through as the portal sends it (JSON), so the refusals above are the CSRF check at work", async () => {
    const before = await patientCount();
    const response = await fetch(endpoint(), {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: createPatientMutation() }),
    });
    expect(response.status).toBe(200);
    expect(await patientCount()).toBe(before + 1);
  });
});
