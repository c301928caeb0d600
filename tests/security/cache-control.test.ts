import { beforeAll, describe, expect, it } from "vitest";
import { clinicWithSessions, createPatient, createReferral } from "../support/api";
import { refusedBy } from "../support/attacks";
import { fhirUrl, get, letterUrl } from "../support/exports";

/**
 * Answers that carry patient data must not be kept by a browser's or a
 * proxy's cache, where the next user of a shared clinic PC could find them:
 * every GraphQL answer and every export says `Cache-Control: no-store`.
 */

let cookie: string;
let patientId: string;
let referralId: string;
beforeAll(async () => {
  cookie = (await clinicWithSessions()).cookies[0]!;
  patientId = (await createPatient(cookie)).id;
  referralId = (await createReferral(cookie, patientId)).id;
});

describe("caching of patient data", () => {
  it("attack: a GraphQL answer holding a patient is sent with Cache-Control: no-store", async () => {
    const response = await fetch(`${new URL(fhirUrl(referralId)).origin}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: "query P($id: ID!) { patient(id: $id) { id familyName } }", variables: { id: patientId } }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { patient: { id: string } } }).data.patient.id).toBe(patientId);
    expect(response.headers.get("cache-control")).toBe("no-store");
    refusedBy("headers", { defence: "headers", code: "no-store" });
  });

  it("attack: the FHIR export and the letter are sent with Cache-Control: no-store", async () => {
    for (const address of [fhirUrl(referralId), letterUrl(referralId), letterUrl(referralId, "?copy=patient")]) {
      const response = await get(address, cookie);
      expect(response.status, address).toBe(200);
      expect(response.headers.get("cache-control"), address).toBe("no-store");
      refusedBy("headers", { defence: "headers", code: "no-store" });
    }
  });
});
