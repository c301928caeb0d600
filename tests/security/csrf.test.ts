import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { clinicWithSessions } from "../support/api";
import { refusedBy } from "../support/attacks";
import { testDb } from "../support/db";

/**
 * A page on another site can make the browser send the session cookie with a
 * "simple" request (a form post, or fetch in no-cors mode), which skips the CORS
 * preflight: its content type may only be text/plain, form-urlencoded or
 * multipart, but its body may be any text, so a JSON operation arrives intact
 * under any of the three. Apollo's CSRF prevention refuses such requests before
 * executing anything unless they carry a header no simple request can
 * (`apollo-require-preflight`). The session cookie is SameSite=Lax, so a real
 * browser would not send it cross-site either; these requests carry it anyway,
 * to reach the CSRF check itself.
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

const CSRF_REFUSAL = /blocked as a potential Cross-Site Request Forgery/;

type GraphQLBody = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

describe("cross-site request forgery against /api/graphql", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "attack: a JSON mutation sent cross-site as %s (a simple request) with a valid session cookie is refused by the CSRF check and writes nothing",
    async (contentType) => {
      const before = await patientCount();
      const response = await fetch(endpoint(), { method: "POST", headers: crossSite(contentType), body: JSON.stringify({ query: createPatientMutation() }) });
      const body = (await response.json()) as GraphQLBody;
      expect(response.status).toBe(400);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toMatch(CSRF_REFUSAL);
      refusedBy("csrf", { status: response.status, ...body });
      expect(await patientCount()).toBe(before);
    },
  );

  it("attack: a mutation sent as a GET (a link or an <img>) with a valid session cookie is refused by the CSRF check and writes nothing", async () => {
    const before = await patientCount();
    const response = await fetch(`${endpoint()}?${new URLSearchParams({ query: createPatientMutation() })}`, {
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    const body = (await response.json()) as GraphQLBody;
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(CSRF_REFUSAL);
    refusedBy("csrf", { status: response.status, ...body });
    expect(await patientCount()).toBe(before);
  });

  it("attack: a mutation sent as a GET with the preflight header (past the CSRF check) is refused as a mutation over GET and writes nothing", async () => {
    const before = await patientCount();
    const response = await fetch(`${endpoint()}?${new URLSearchParams({ query: createPatientMutation() })}`, {
      headers: { cookie, "apollo-require-preflight": "true" },
    });
    const body = (await response.json()) as GraphQLBody;
    expect(response.status).toBe(405);
    expect(body.errors?.[0]?.message).toMatch(/GET requests only support query operations/);
    refusedBy("request-bounds", { status: response.status });
    expect(await patientCount()).toBe(before);
  });

  it("runs the same text/plain request once it carries the preflight header, so the refusals above are the CSRF check at work", async () => {
    const before = await patientCount();
    const response = await fetch(endpoint(), {
      method: "POST",
      headers: { ...crossSite("text/plain"), "apollo-require-preflight": "true" },
      body: JSON.stringify({ query: createPatientMutation() }),
    });
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(await patientCount()).toBe(before + 1);
  });
});
