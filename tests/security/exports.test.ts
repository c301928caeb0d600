import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { testDb, TEST_PASSWORD } from "../support/db";
import { exportScenario, fhirUrl, get, letterUrl } from "../support/exports";
import { graphql, signInOverHttp } from "../support/http";
import { refusedBy } from "../support/attacks";

/**
 * Attacks on the two export routes: another clinic's ids, a forged session,
 * a therapist of another service, odd `copy` values and ids that are not ids.
 * A refusal never says whether the referral exists, and never carries patient data.
 */

let scenario: Awaited<ReturnType<typeof exportScenario>>;
/** What must never appear in a refused answer. */
let secrets: string[];
beforeAll(async () => {
  scenario = await exportScenario();
  secrets = [scenario.patient.medicalRecordNumber, scenario.patient.familyName, scenario.referralId];
});

const ROUTES: [string, (id: string) => string][] = [
  ["the FHIR route", (id) => fhirUrl(id)],
  ["the letter route", (id) => letterUrl(id)],
  ["the patient copy", (id) => letterUrl(id, "?copy=patient")],
];

/** A therapist of `serviceId` in `clinicId`, signed in over HTTP. */
async function signedInTherapist(clinicId: string, serviceId: string): Promise<string> {
  const email = `therapist.${randomBytes(4).toString("hex")}@clinic.test`;
  await testDb().user.create({
    data: { clinicId, serviceId, email, name: "Other Service Therapist", role: "THERAPIST", passwordHash: await hashPassword(TEST_PASSWORD) },
  });
  const { sessionCookie } = await signInOverHttp(email, TEST_PASSWORD);
  if (!sessionCookie) throw new Error("the therapist could not sign in");
  return sessionCookie;
}

async function expectEmpty404(response: Response) {
  expect(response.status).toBe(404);
  expect(await response.text()).toBe("");
  refusedBy("tenancy", { status: response.status });
}

describe("the export routes under attack", () => {
  it.each(ROUTES)("attack: an uninvolved clinic's clinician asks %s for another clinic's referral and gets an empty 404", async (_what, route) => {
    await expectEmpty404(await get(route(scenario.referralId), scenario.c.cookies[0]!));
  });

  it.each(ROUTES)("attack: the receiving clinic asks %s for a referral of the referring clinic it has no part in, and gets an empty 404", async (_what, route) => {
    const other = await exportScenario();
    await expectEmpty404(await get(route(other.referralId), scenario.b.cookies[0]!));
  });

  it.each(ROUTES)("attack: an uninvolved clinic's refusal from %s looks exactly like a referral that does not exist", async (_what, route) => {
    const missing = await get(route("019ac0de-dead-7000-8000-000000000000"), scenario.c.cookies[0]!);
    const refused = await get(route(scenario.referralId), scenario.c.cookies[0]!);
    expect([refused.status, await refused.text()]).toEqual([missing.status, await missing.text()]);
    refusedBy("tenancy", { status: refused.status });
  });

  it("attack: a therapist of another service of the receiving clinic gets an empty 404 on both routes", async () => {
    const ot = await testDb().therapyService.create({
      data: { clinicId: scenario.b.clinic.id, discipline: "OCCUPATIONAL_THERAPY", name: `OT ${randomBytes(4).toString("hex")}` },
    });
    const cookie = await signedInTherapist(scenario.b.clinic.id, ot.id);
    await expectEmpty404(await get(fhirUrl(scenario.referralId), cookie));
    await expectEmpty404(await get(letterUrl(scenario.referralId), cookie));
  });

  it.each(ROUTES)("attack: a session cookie signed with another secret asking %s is UNAUTHENTICATED", async (_what, route) => {
    const user = scenario.a.users[0]!;
    const forged = await encode({ token: { sub: user.id, sessionId: randomBytes(16).toString("hex") }, secret: randomBytes(32).toString("base64url") });
    const response = await get(route(scenario.referralId), `next-auth.session-token=${forged}`);
    expect(response.status).toBe(401);
    const body = await response.text();
    for (const secret of secrets) expect(body).not.toContain(secret);
    refusedBy("authentication", { status: response.status });
  });

  it.each(["", "PATIENT", "internal", "patient%00", "..%2F..%2Fetc%2Fpasswd", "patient&copy=clinic"])(
    "attack: ?copy=%s is refused with 400 and no letter",
    async (copy) => {
      const response = await get(letterUrl(scenario.referralId, `?copy=${copy}`), scenario.a.cookies[0]!);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const { error } = (await response.json()) as { error: { code: string } };
      expect(error.code).toBe("BAD_USER_INPUT");
      refusedBy("input", error);
    },
  );

  it.each(["..%2F..%2Fetc%2Fpasswd", "not-a-uuid", "019ac0de-0000-7000-8000-00000000000g", "1%20OR%201%3D1", "x".repeat(300)])(
    "attack: the id %s is refused with 400 on both routes",
    async (id) => {
      for (const route of [fhirUrl(id), letterUrl(id)]) {
        const response = await get(route, scenario.a.cookies[0]!);
        expect(response.status).toBe(400);
        const body = await response.text();
        for (const secret of secrets) expect(body).not.toContain(secret);
        refusedBy("input", { status: response.status });
      }
    },
  );

  it("attack: an uninvolved clinic asks GraphQL for another clinic's Bundle and gets NOT_FOUND", async () => {
    const result = await graphql<{ referral: { fhirBundle: unknown } | null }>("query ($id: ID!) { referral(id: $id) { fhirBundle } }", {
      cookie: scenario.c.cookies[0]!,
      variables: { id: scenario.referralId },
    });
    expect(result.data?.referral ?? null).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
    for (const secret of secrets.slice(0, 2)) expect(JSON.stringify(result)).not.toContain(secret);
    refusedBy("tenancy", result);
  });

  it.each(["%2e%2e", "..%2F..%2F..%2Fpackage.json", "%2e%2e%2f%2e%2e%2fpackage.json"])(
    "attack: the dot-segment id %s reaches no other file and no referral",
    async (id) => {
      for (const route of [fhirUrl(id), letterUrl(id)]) {
        const response = await get(route, scenario.a.cookies[0]!);
        // A dot segment is resolved by the URL parser before the request leaves (404: no route); any other reaches the route (400).
        expect([400, 404]).toContain(response.status);
        const body = await response.text();
        expect(body).not.toContain("clinic-referral-portal");
        for (const secret of secrets) expect(body).not.toContain(secret);
        refusedBy("input", { defence: "input", code: String(response.status) });
      }
    },
  );
});
