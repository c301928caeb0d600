import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clinicWithSessions, codeOf, createPatient, createReferral, fieldOf, referralInput } from "../support/api";
import { testDb } from "../support/db";
import { refusedBy } from "../support/attacks";
import { graphql } from "../support/http";

/**
 * A clinic's own services attacked: by those who may not change them, by
 * another clinic's administrator, with oversized and malformed fields, and by
 * referrals to a service closed to them.
 */

const CREATE = `mutation($input: CreateTherapyServiceInput!) { createTherapyService(input: $input) { id name } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateTherapyServiceInput!) { updateTherapyService(id: $id, input: $input) { id name closed } }`;
const REMOVE = `mutation($id: ID!) { removeTherapyService(id: $id) }`;
const SEND = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`;

const newService = (overrides: Record<string, unknown> = {}) => ({ name: `Service ${randomUUID().slice(0, 8)}`, discipline: "PHYSIOTHERAPY", ...overrides });

describe("services", () => {
  it("attack: a clinician or a therapist cannot add, change or remove the clinic's services, and each refusal is on the trail", async () => {
    const { clinic, users, cookies, services } = await clinicWithSessions(["CLINICIAN", { role: "THERAPIST", service: "PHYSIOTHERAPY" }]);
    const before = await testDb().therapyService.findMany({ where: { clinicId: clinic.id }, orderBy: { id: "asc" } });
    for (const cookie of cookies) {
      for (const result of [
        await graphql(CREATE, { cookie, variables: { input: newService() } }),
        await graphql(UPDATE, { cookie, variables: { id: services[1]!.id, input: { description: "Rewritten" } } }),
        await graphql(REMOVE, { cookie, variables: { id: services[0]!.id } }),
        await graphql(`{ clinicServices { id } }`, { cookie }),
      ]) {
        expect(codeOf(result)).toBe("FORBIDDEN");
        refusedBy("role", result);
      }
    }
    expect(await testDb().therapyService.findMany({ where: { clinicId: clinic.id }, orderBy: { id: "asc" } })).toEqual(before);
    const denied = await testDb().auditEvent.findMany({ where: { clinicId: clinic.id, outcome: "DENIED", userId: { in: users.map((user) => user.id) } } });
    expect(denied.map((event) => event.action).filter((action) => action.startsWith("service.")).sort()).toEqual(
      ["service.create", "service.create", "service.remove", "service.remove", "service.update", "service.update"],
    );
  });

  it("attack: an administrator cannot change or remove another clinic's service, even one in their directory", async () => {
    const [ours, theirs] = await Promise.all([
      clinicWithSessions(["ADMIN"]),
      clinicWithSessions(["ADMIN"], { services: [{ discipline: "PHYSIOTHERAPY", acceptsExternalReferrals: true }] }),
    ]);
    const target = theirs.services[0]!;
    const listed = await graphql<{ therapyServices: { id: string }[] }>(`{ therapyServices { id } }`, { cookie: ours.cookies[0] });
    expect(listed.data?.therapyServices.map((service) => service.id)).toContain(target.id);
    const before = await testDb().therapyService.findUniqueOrThrow({ where: { id: target.id } });
    for (const input of [{ name: "Taken over" }, { closed: true }, { acceptsExternalReferrals: false }, { description: "Ours now" }]) {
      const result = await graphql(UPDATE, { cookie: ours.cookies[0], variables: { id: target.id, input } });
      expect(codeOf(result)).toBe("NOT_FOUND");
      refusedBy("tenancy", result);
    }
    const removal = await graphql(REMOVE, { cookie: ours.cookies[0], variables: { id: target.id } });
    expect(codeOf(removal)).toBe("NOT_FOUND");
    refusedBy("tenancy", removal);
    expect(await testDb().therapyService.findUniqueOrThrow({ where: { id: target.id } })).toEqual(before);
  });

  it.each([
    ["an oversized description", { description: "d".repeat(4001) }, ["input", "description"]],
    ["oversized eligibility criteria", { eligibilityCriteria: "e".repeat(4001) }, ["input", "eligibilityCriteria"]],
    ["oversized exclusions", { exclusions: "x".repeat(4001) }, ["input", "exclusions"]],
    ["an oversized name", { name: "n".repeat(101) }, ["input", "name"]],
    ["a blank name", { name: "   " }, ["input", "name"]],
    ["an oversized address", { address: "a".repeat(501) }, ["input", "address"]],
    ["a phone number of letters", { contactPhone: "call us maybe" }, ["input", "contactPhone"]],
    ["an oversized phone number", { contactPhone: "0".repeat(41) }, ["input", "contactPhone"]],
    ["an e-mail that is not an address", { contactEmail: "physio at clinic" }, ["input", "contactEmail"]],
    ["a response target of 0 working days", { responseTargets: { STAT: 0 } }, ["input", "responseTargets", "STAT"]],
    ["a response target over a year", { responseTargets: { ROUTINE: 366 } }, ["input", "responseTargets", "ROUTINE"]],
  ])("attack: %s is refused naming the field, and nothing is written", async (_what, fields, field) => {
    const { clinic, cookies, services } = await clinicWithSessions(["ADMIN"]);
    const created = await graphql(CREATE, { cookie: cookies[0], variables: { input: newService(fields) } });
    expect(codeOf(created)).toBe("BAD_USER_INPUT");
    expect(fieldOf(created)).toEqual(field);
    refusedBy("input", created);
    const updated = await graphql(UPDATE, { cookie: cookies[0], variables: { id: services[0]!.id, input: fields } });
    expect(codeOf(updated)).toBe("BAD_USER_INPUT");
    expect(fieldOf(updated)).toEqual(field);
    refusedBy("input", updated);
    expect(await testDb().therapyService.count({ where: { clinicId: clinic.id } })).toBe(services.length);
    expect(await testDb().therapyService.findUniqueOrThrow({ where: { id: services[0]!.id } })).toEqual(services[0]);
  });

  it("attack: malformed values the schema cannot express are refused before any resolver (a fractional target, an unknown priority, a wrong type)", async () => {
    const { cookies, services } = await clinicWithSessions(["ADMIN"]);
    for (const input of [{ responseTargets: { URGENT: 1.5 } }, { responseTargets: { SOON: 3 } }, { closed: "yes" }, { name: 42 }]) {
      const result = await graphql(UPDATE, { cookie: cookies[0], variables: { id: services[0]!.id, input } });
      // Variables that do not fit the schema's input types are refused as input by GraphQL's own coercion.
      expect(codeOf(result), JSON.stringify(input)).toBe("BAD_USER_INPUT");
      refusedBy("input", result);
    }
    expect(await testDb().therapyService.findUniqueOrThrow({ where: { id: services[0]!.id } })).toEqual(services[0]);
  });

  it("attack: a service with open referrals cannot be removed", async () => {
    const { cookies, services } = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
    const physiotherapy = services.find((service) => service.discipline === "PHYSIOTHERAPY")!;
    const patient = await createPatient(cookies[1]!);
    await createReferral(cookies[1]!, patient.id, { disciplines: ["PHYSIOTHERAPY"], needs: { needs: ["PAIN"], conditions: [], notes: "" }, serviceIds: [physiotherapy.id] });
    const removal = await graphql(REMOVE, { cookie: cookies[0], variables: { id: physiotherapy.id } });
    expect(codeOf(removal)).toBe("CONFLICT");
    expect(removal.errors?.[0]?.message).toMatch(/still open at this service: close it to new referrals instead/);
    // CONFLICT here is the removal rule's answer (lib/services), not a stale version: the attack names it.
    refusedBy("integrity", { defence: "integrity", code: "CONFLICT: referrals still open" });
    expect((await testDb().therapyService.findUniqueOrThrow({ where: { id: physiotherapy.id } })).removedAt).toBeNull();
  });

  it("attack: a closed service takes no new referral, named or by default", async () => {
    const { cookies, services, users } = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
    const physiotherapy = services.find((service) => service.discipline === "PHYSIOTHERAPY")!;
    const patient = await createPatient(cookies[1]!);
    await createReferral(cookies[1]!, patient.id, { disciplines: ["PHYSIOTHERAPY"], needs: { needs: ["PAIN"], conditions: [], notes: "" }, serviceIds: [physiotherapy.id] });
    expect((await graphql(UPDATE, { cookie: cookies[0], variables: { id: physiotherapy.id, input: { closed: true } } })).errors).toBeUndefined();
    const named = await graphql(SEND, {
      cookie: cookies[1],
      variables: { input: referralInput(patient.id, { disciplines: ["PHYSIOTHERAPY"], needs: { needs: ["PAIN"], conditions: [], notes: "" }, serviceIds: [physiotherapy.id] }) },
    });
    expect(codeOf(named)).toBe("NOT_FOUND");
    // The clinic's own service, which the clinician could refer to before it closed: only its closure refuses it.
    refusedBy("integrity", { defence: "integrity", code: "NOT_FOUND: closed" });
    // Without a named service the clinic's own default of the discipline is used: none is open now.
    const unnamed = await graphql(SEND, {
      cookie: cookies[1],
      variables: { input: referralInput(patient.id, { disciplines: ["PHYSIOTHERAPY"], needs: { needs: ["PAIN"], conditions: [], notes: "" } }) },
    });
    expect(codeOf(unnamed)).toBe("BAD_USER_INPUT");
    refusedBy("integrity", { defence: "integrity", code: "BAD_USER_INPUT: no open service of the discipline" });
    expect(await testDb().referralPart.count({ where: { serviceId: physiotherapy.id, referral: { authorId: users[1]!.id } } })).toBe(1);
  });
});
