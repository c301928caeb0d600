import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf, createPatient, CREATE_PATIENT, fieldOf } from "../support/api";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

let cookie: string;
let otherClinicCookie: string;
let clinicId: string;
beforeAll(async () => {
  const clinic = await clinicWithSessions();
  cookie = clinic.cookies[0]!;
  clinicId = clinic.clinic.id;
  otherClinicCookie = (await clinicWithSessions()).cookies[0]!;
});

const PATIENTS = /* GraphQL */ `
  query Patients($search: String, $first: Int, $after: String) {
    patients(search: $search, first: $first, after: $after) {
      edges { cursor node { id medicalRecordNumber givenName familyName } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
type PatientsData = {
  patients: {
    edges: { node: { id: string; medicalRecordNumber: string; givenName: string; familyName: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

const validInput = () => ({
  medicalRecordNumber: `MRN-${randomUUID().slice(0, 8).toUpperCase()}`,
  // A name of its own per patient: a second "Ada Lovelace" born the same day would be a duplicate to confirm.
  givenName: `Ada${randomUUID().slice(0, 6)}`,
  familyName: "Lovelace",
  dateOfBirth: "1985-12-10",
});

describe("createPatient", () => {
  it("creates a patient in the viewer's clinic", async () => {
    const input = validInput();
    const result = await graphql<{ createPatient: Record<string, string> }>(CREATE_PATIENT, { cookie, variables: { input } });
    expect(result.data?.createPatient).toMatchObject(input);
    const stored = await testDb().patient.findUniqueOrThrow({ where: { id: result.data!.createPatient.id! } });
    expect(stored.clinicId).toBe(clinicId);
  });

  it.each([
    ["a blank given name", { givenName: "  " }, ["input", "givenName"]],
    ["an overlong family name", { familyName: "x".repeat(101) }, ["input", "familyName"]],
    ["a date of birth in the future", { dateOfBirth: "2999-01-01" }, ["input", "dateOfBirth"]],
    ["a date that does not exist", { dateOfBirth: "2001-02-30" }, ["input", "dateOfBirth"]],
    ["a record number with spaces", { medicalRecordNumber: "MRN 1" }, ["input", "medicalRecordNumber"]],
  ])("refuses %s with BAD_USER_INPUT naming the field, and writes nothing", async (_name, change, field) => {
    const input = { ...validInput(), ...change };
    const before = await testDb().patient.count({ where: { clinicId } });
    const result = await graphql(CREATE_PATIENT, { cookie, variables: { input } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
    expect(await testDb().patient.count({ where: { clinicId } })).toBe(before);
  });

  it("refuses a record number already used in the clinic, but not one used by another clinic", async () => {
    const input = validInput();
    await graphql(CREATE_PATIENT, { cookie, variables: { input } });
    const again = await graphql(CREATE_PATIENT, { cookie, variables: { input } });
    expect(codeOf(again)).toBe("BAD_USER_INPUT");
    expect(fieldOf(again)).toEqual(["input", "medicalRecordNumber"]);
    const elsewhere = await graphql(CREATE_PATIENT, { cookie: otherClinicCookie, variables: { input } });
    expect(elsewhere.errors).toBeUndefined();
  });

  it("stores the record number trimmed and upper-cased, and refuses one that differs only in case and spaces", async () => {
    const input = validInput();
    const first = await graphql<{ createPatient: { medicalRecordNumber: string } }>(CREATE_PATIENT, {
      cookie,
      variables: { input: { ...input, medicalRecordNumber: ` ${input.medicalRecordNumber.toLowerCase()} ` } },
    });
    expect(first.data?.createPatient.medicalRecordNumber).toBe(input.medicalRecordNumber);
    const again = await graphql(CREATE_PATIENT, { cookie, variables: { input } });
    expect(codeOf(again)).toBe("BAD_USER_INPUT");
    expect(fieldOf(again)).toEqual(["input", "medicalRecordNumber"]);
    expect(again.errors?.[0]?.message).toBe("A patient with this medical record number already exists in your clinic.");
  });
});

describe("patients", () => {
  it("finds patients by a part of either name or of the record number, case-insensitively", async () => {
    const tag = randomUUID().slice(0, 6);
    const patient = await createPatient(cookie, { givenName: `Zelda${tag}`, familyName: `Quist${tag}`, medicalRecordNumber: `Q-${tag}-1001` });
    for (const search of [`zelda${tag}`, `QUIST${tag}`, `q-${tag}`, `Zel Quist${tag}`, `${tag}-1001`, `uist${tag}`, `lda${tag} ist${tag}`]) {
      const result = await graphql<PatientsData>(PATIENTS, { cookie, variables: { search } });
      expect(result.data!.patients.edges.map((edge) => edge.node.id), search).toEqual([patient.id]);
    }
  });

  it("pages through every patient once, in name order", async () => {
    const { cookies } = await clinicWithSessions();
    const own = cookies[0]!;
    for (const familyName of ["Baker", "Adams", "Clark", "Adams", "Evans"]) await createPatient(own, { familyName });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: { data?: PatientsData | null } = await graphql<PatientsData>(PATIENTS, { cookie: own, variables: { first: 2, after } });
      seen.push(...result.data!.patients.edges.map((edge) => edge.node.familyName));
      after = result.data!.patients.pageInfo.hasNextPage ? result.data!.patients.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(["Adams", "Adams", "Baker", "Clark", "Evans"]);
  });

  it("never lists another clinic's patients", async () => {
    const mine = await createPatient(cookie, { familyName: `Only${randomUUID().slice(0, 6)}` });
    const result = await graphql<PatientsData>(PATIENTS, { cookie: otherClinicCookie, variables: { search: mine.medicalRecordNumber } });
    expect(result.data!.patients.edges).toEqual([]);
  });

  it.each([
    ["a page size over 50", { first: 51 }, ["first"]],
    ["a page size of zero", { first: 0 }, ["first"]],
    ["a cursor it never gave out", { after: "not-a-cursor" }, ["after"]],
  ])("refuses %s with BAD_USER_INPUT", async (_name, variables, field) => {
    const result = await graphql(PATIENTS, { cookie, variables });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
  });
});

describe("patient", () => {
  it("returns the clinic's patient and answers NOT_FOUND for another clinic's", async () => {
    const patient = await createPatient(cookie);
    const query = `query P($id: ID!) { patient(id: $id) { id medicalRecordNumber } }`;
    const own = await graphql<{ patient: { id: string } }>(query, { cookie, variables: { id: patient.id } });
    expect(own.data?.patient.id).toBe(patient.id);
    const other = await graphql(query, { cookie: otherClinicCookie, variables: { id: patient.id } });
    expect(codeOf(other)).toBe("NOT_FOUND");
    expect(JSON.stringify(other)).not.toContain(patient.medicalRecordNumber);
  });

  it("refuses an id that is not a UUID as BAD_USER_INPUT", async () => {
    const result = await graphql(`{ patient(id: "1 OR 1=1") { id } }`, { cookie });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["id"]);
  });
});
