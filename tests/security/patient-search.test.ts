import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf, createPatient } from "../support/api";
import { graphql } from "../support/http";
import { refusedBy } from "../support/attacks";

/**
 * Patient search matches a part anywhere in a name or record number (ILIKE
 * '%…%'), which widens what one search term reaches: a victim clinic's patient
 * shares every part searched here with the attacker's own, and must never appear.
 */

const PATIENTS = /* GraphQL */ `
  query Patients($search: String, $first: Int) {
    patients(search: $search, first: $first) { edges { node { id medicalRecordNumber familyName } } }
  }
`;
type PatientsData = { patients: { edges: { node: { id: string; medicalRecordNumber: string; familyName: string } }[] } };

const tag = randomUUID().slice(0, 6).toUpperCase();
let attackerCookie: string;
let victimPatientId: string;
let ownPatientId: string;

beforeAll(async () => {
  const [victim, attacker] = await Promise.all([clinicWithSessions(), clinicWithSessions()]);
  attackerCookie = attacker.cookies[0]!;
  victimPatientId = (await createPatient(victim.cookies[0]!, { medicalRecordNumber: `V-${tag}-1001`, familyName: `Hargreaves${tag}` })).id;
  ownPatientId = (await createPatient(attackerCookie, { medicalRecordNumber: `A-${tag}-1001`, familyName: `Hargreaves${tag}` })).id;
});

describe("attacks on patient search", () => {
  it("attack: a part of another clinic's patient's name or number finds only the attacker's own patient", async () => {
    for (const search of [`${tag}-1001`, "1001", `argreaves${tag}`, `V-${tag}`, tag, "%", "_"]) {
      const result = await graphql<PatientsData>(PATIENTS, { cookie: attackerCookie, variables: { search, first: 50 } });
      expect(result.errors, search).toBeUndefined();
      const ids = result.data!.patients.edges.map((edge) => edge.node.id);
      expect(ids, search).not.toContain(victimPatientId);
      expect(JSON.stringify(result), search).not.toContain(`V-${tag}`);
    }
    const own = await graphql<PatientsData>(PATIENTS, { cookie: attackerCookie, variables: { search: `argreaves${tag}` } });
    expect(own.data!.patients.edges.map((edge) => edge.node.id)).toEqual([ownPatientId]);
    refusedBy("tenancy", { defence: "tenancy", code: "OWN_ONLY" });
  });

  it("attack: an oversized search string is refused with BAD_USER_INPUT before it reaches the database", async () => {
    for (const search of ["1".repeat(101), "%".repeat(2_000)]) {
      const result = await graphql(PATIENTS, { cookie: attackerCookie, variables: { search } });
      expect(codeOf(result)).toBe("BAD_USER_INPUT");
      expect(result.data?.patients ?? null).toBeNull();
      refusedBy("input", result);
    }
  });

  it("attack: LIKE wildcards search for themselves, not for every patient", async () => {
    for (const search of ["%", "_", "%%", "\\\\%"]) {
      const result = await graphql<PatientsData>(PATIENTS, { cookie: attackerCookie, variables: { search } });
      expect(result.data!.patients.edges, search).toEqual([]);
      refusedBy("escaping", { defence: "escaping", code: "matched nothing" });
    }
  });
});
