import { randomUUID } from "node:crypto";
import type { Bundle } from "@medplum/fhirtypes";
import type { Discipline } from "@/lib/generated/prisma/enums";
import { clinicWithSessions, createPatient } from "./api";
import { url } from "./browser";
import { testDb } from "./db";
import { graphql } from "./http";

/**
 * The exports' scenario: clinic A refers a patient to both disciplines, its
 * own occupational therapy and clinic B's physiotherapy (which takes outside
 * referrals; B's one user is a therapist of it, the only kind of user at B who
 * sees the referral); clinic C is involved in nothing. Each test gets clinics of its own.
 */

export const NOTES = "Since her stroke she cannot get dressed alone. Internal: daughter is hard to reach.";
export const OVERRIDE = "Her daughter asked for both teams to see her.";

const SEND = /* GraphQL */ `
  mutation SendForExport($input: CreateReferralInput!) {
    createReferral(input: $input) { id followedRecommendation triage { recommendation } }
  }
`;

async function service(clinicId: string, discipline: Discipline) {
  return testDb().therapyService.create({
    data: { clinicId, discipline, name: `${discipline === "PHYSIOTHERAPY" ? "Physio" : "OT"} ${randomUUID().slice(0, 8)}` },
  });
}

export async function exportScenario() {
  const a = await clinicWithSessions(["CLINICIAN"]);
  const b = await clinicWithSessions([{ role: "THERAPIST", service: "PHYSIOTHERAPY" }], { services: [{ discipline: "PHYSIOTHERAPY", acceptsExternalReferrals: true }] });
  const c = await clinicWithSessions(["CLINICIAN"]);
  await testDb().clinic.update({ where: { id: a.clinic.id }, data: { addressLine1: "12 Riverside Walk", city: "Northam", postalCode: "NM1 4RS" } });
  const ownOt = await service(a.clinic.id, "OCCUPATIONAL_THERAPY");
  const theirPt = b.serviceOf("PHYSIOTHERAPY");
  const familyName = `Ellis${randomUUID().slice(0, 6)}`;
  const patient = { ...(await createPatient(a.cookies[0]!, { givenName: "Margaret", familyName, dateOfBirth: "1941-03-14" })), familyName };
  const sent = await graphql<{ createReferral: { id: string; followedRecommendation: boolean } }>(SEND, {
    cookie: a.cookies[0]!,
    variables: {
      input: {
        idempotencyKey: randomUUID(),
        patientId: patient.id,
        needs: { needs: ["SELF_CARE"], conditions: ["STROKE"], notes: NOTES },
        disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
        overrideReason: OVERRIDE,
        priority: "URGENT",
        serviceIds: [ownOt.id, theirPt.id],
      },
    },
  });
  if (!sent.data?.createReferral) throw new Error(`createReferral failed: ${JSON.stringify(sent.errors)}`);
  // The override is part of what the exports carry: the needs must recommend one discipline, not both.
  if (sent.data.createReferral.followedRecommendation) throw new Error("the scenario's referral should override the recommendation");
  const referralId = sent.data.createReferral.id;
  const parts = await testDb().referralPart.findMany({ where: { referralId }, orderBy: { createdAt: "asc" } });
  return {
    a,
    b,
    c,
    patient,
    referralId,
    services: { ownOt, theirPt },
    parts: { ot: parts.find((part) => part.discipline === "OCCUPATIONAL_THERAPY")!, pt: parts.find((part) => part.discipline === "PHYSIOTHERAPY")! },
  };
}

export const fhirUrl = (id: string) => url(`/api/referrals/${id}/fhir`);
export const letterUrl = (id: string, query = "") => url(`/api/referrals/${id}/letter.pdf${query}`);

export const get = (address: string, cookie?: string | null) => fetch(address, { headers: cookie ? { cookie } : {} });

export async function bundleOf(response: Response): Promise<Bundle> {
  return (await response.json()) as Bundle;
}

export async function pdfOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}
