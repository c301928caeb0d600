import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  changePart,
  changePartOk,
  clinicWithSessions,
  codeOf,
  createPatient,
  createReferral,
  CREATE_REFERRAL,
  type CreatedReferral,
  fieldOf,
  referralInput,
} from "../support/api";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

let author: string;
let authorId: string;
let otServiceId: string;
let ptServiceId: string;
let outsider: string;
let outsiderAdmin: string;

beforeAll(async () => {
  const clinic = await clinicWithSessions(["CLINICIAN"]);
  author = clinic.cookies[0]!;
  authorId = clinic.users[0]!.id;
  otServiceId = clinic.serviceOf("OCCUPATIONAL_THERAPY").id;
  ptServiceId = clinic.serviceOf("PHYSIOTHERAPY").id;
  [outsider, outsiderAdmin] = (await clinicWithSessions(["CLINICIAN", "ADMIN"])).cookies as [string, string];
});

describe("createReferral", () => {
  it("sends a referral with the triage recomputed on the server and a first SENT event", async () => {
    const patient = await createPatient(author);
    const referral = await createReferral(author, patient.id, {
      needs: { needs: ["PAIN"], notes: "Sprained ankle" },
      disciplines: ["PHYSIOTHERAPY"],
      priority: "URGENT",
    });
    expect(referral).toMatchObject({ status: "SENT", disciplines: ["PHYSIOTHERAPY"], followedRecommendation: true, overrideReason: null });
    expect(referral.triage.recommendation).toBe("PHYSIOTHERAPY");
    expect(referral.triage.matchedRules.map((rule) => rule.ruleId)).toContain("pt.pain");
    expect(referral.parts).toEqual([
      expect.objectContaining({ discipline: "PHYSIOTHERAPY", status: "SENT", version: 1, priority: "URGENT", service: { id: ptServiceId } }),
    ]);
    expect(referral.events).toEqual([{ action: "SEND", fromStatus: null, toStatus: "SENT", actor: { id: authorId } }]);
  });

  it("sends a part per discipline, each to the clinic's own service of it, with a first event each", async () => {
    const patient = await createPatient(author);
    const referral = await createReferral(author, patient.id, {
      disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
      overrideReason: "Both disciplines asked to see her.",
    });
    expect(referral.parts.map((part) => [part.discipline, part.service.id, part.status, part.version]).sort()).toEqual([
      ["OCCUPATIONAL_THERAPY", otServiceId, "SENT", 1],
      ["PHYSIOTHERAPY", ptServiceId, "SENT", 1],
    ]);
    expect(referral.events.map((event) => event.action)).toEqual(["SEND", "SEND"]);
  });

  it("refuses a discipline the clinic has no service of, naming serviceIds", async () => {
    const { cookies } = await clinicWithSessions(["CLINICIAN"], { services: [{ discipline: "OCCUPATIONAL_THERAPY" }] });
    const patient = await createPatient(cookies[0]!);
    const result = await graphql(CREATE_REFERRAL, {
      cookie: cookies[0]!,
      variables: { input: referralInput(patient.id, { needs: { needs: ["PAIN"] }, disciplines: ["PHYSIOTHERAPY"] }) },
    });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "serviceIds"]);
    expect(await testDb().referral.count({ where: { patientId: patient.id } })).toBe(0);
  });

  it("refuses a client-supplied triage result (the schema has no field for it)", async () => {
    const patient = await createPatient(author);
    const input = { ...referralInput(patient.id), triage: { recommendation: "PHYSIOTHERAPY" } };
    const result = await graphql(CREATE_REFERRAL, { cookie: author, variables: { input } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(await testDb().referral.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(0);
  });

  it("records an override with its reason", async () => {
    const patient = await createPatient(author);
    const referral = await createReferral(author, patient.id, {
      disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
      overrideReason: "Physio colleague asked to see her too.",
    });
    expect(referral).toMatchObject({ followedRecommendation: false, overrideReason: "Physio colleague asked to see her too." });
  });

  it("sends an assess-first referral to the one service chosen to assess, following an assess-first recommendation without a reason", async () => {
    const patient = await createPatient(author);
    const referral = await createReferral(author, patient.id, {
      needs: { needs: [], conditions: [], notes: "Injury last month." },
      assessFirst: true,
      disciplines: ["PHYSIOTHERAPY"],
      serviceIds: [ptServiceId],
    });
    expect(referral).toMatchObject({ assessFirst: true, followedRecommendation: true, overrideReason: null, disciplines: ["PHYSIOTHERAPY"] });
    expect(referral.triage.recommendation).toBe("NEEDS_ASSESSMENT");
    expect(referral.parts.map((part) => [part.service.id, part.status])).toEqual([[ptServiceId, "SENT"]]);
  });

  it("records assess first chosen over a discipline's recommendation as an override with its reason", async () => {
    const patient = await createPatient(author);
    const referral = await createReferral(author, patient.id, {
      assessFirst: true,
      disciplines: ["OCCUPATIONAL_THERAPY"],
      overrideReason: "Not sure the difficulty is the dressing itself.",
    });
    expect(referral).toMatchObject({ assessFirst: true, followedRecommendation: false, overrideReason: "Not sure the difficulty is the dressing itself." });
    expect(referral.triage.recommendation).toBe("OCCUPATIONAL_THERAPY");
    expect((await testDb().referral.findUniqueOrThrow({ where: { id: referral.id } })).assessFirst).toBe(true);
  });

  it("counts choosing a discipline over an assess-first recommendation as an override", async () => {
    const patient = await createPatient(author);
    const needs = { needs: [], conditions: [], notes: "Injury last month." };
    const refused = await graphql(CREATE_REFERRAL, { cookie: author, variables: { input: referralInput(patient.id, { needs, disciplines: ["PHYSIOTHERAPY"] }) } });
    expect(fieldOf(refused)).toEqual(["input", "overrideReason"]);
    const referral = await createReferral(author, patient.id, { needs, disciplines: ["PHYSIOTHERAPY"], overrideReason: "Clearly the knee." });
    expect(referral).toMatchObject({ assessFirst: false, followedRecommendation: false });
  });

  it.each([
    ["an override without a reason", { disciplines: ["PHYSIOTHERAPY"] }, ["input", "overrideReason"]],
    ["assess first over another recommendation without a reason", { assessFirst: true }, ["input", "overrideReason"]],
    [
      "assess first at two services",
      { assessFirst: true, disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"], overrideReason: "Both may be needed." },
      ["input", "disciplines"],
    ],
    ["assess first that is not a boolean", { assessFirst: "yes" }, null],
    ["no discipline", { disciplines: [] }, ["input", "disciplines"]],
    ["an unknown priority", { priority: "WHENEVER" }, null],
    ["an unknown need code", { needs: { needs: ["FLYING"] } }, null],
    ["empty needs", { needs: { needs: [], conditions: [], notes: " " } }, ["input", "needs", "needs"]],
    ["notes over 10,000 characters", { needs: { notes: "x".repeat(10_001) } }, ["input", "needs", "notes"]],
    ["an overlong override reason", { disciplines: ["PHYSIOTHERAPY"], overrideReason: "x".repeat(2_001) }, ["input", "overrideReason"]],
    ["an idempotency key that is not a UUID", { idempotencyKey: "abc" }, ["input", "idempotencyKey"]],
    ["a service id that is not a UUID", { serviceIds: ["ot"] }, ["input", "serviceIds", 0]],
    ["three service ids", { serviceIds: [randomUUID(), randomUUID(), randomUUID()] }, ["input", "serviceIds"]],
  ])("refuses %s with BAD_USER_INPUT and writes nothing", async (_name, overrides, field) => {
    const patient = await createPatient(author);
    const result = await graphql(CREATE_REFERRAL, { cookie: author, variables: { input: referralInput(patient.id, overrides) } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    if (field) expect(fieldOf(result)).toEqual(field);
    expect(await testDb().referral.count({ where: { patientId: patient.id } })).toBe(0);
  });

  it("returns the first referral when the same key is sent twice at once", async () => {
    const patient = await createPatient(author);
    const input = referralInput(patient.id);
    const [one, two] = await Promise.all(
      [1, 2].map(() => graphql<{ createReferral: CreatedReferral }>(CREATE_REFERRAL, { cookie: author, variables: { input } })),
    );
    expect(one!.errors).toBeUndefined();
    expect(two!.errors).toBeUndefined();
    expect(one!.data!.createReferral.id).toBe(two!.data!.createReferral.id);
    expect(await testDb().referral.count({ where: { patientId: patient.id } })).toBe(1);
    expect(await testDb().referralPart.count({ where: { referralId: one!.data!.createReferral.id } })).toBe(1);
    expect(await testDb().referralEvent.count({ where: { referralId: one!.data!.createReferral.id } })).toBe(1);
  });

  it("answers CONFLICT when a key is reused for another patient", async () => {
    const [first, second] = [await createPatient(author), await createPatient(author)];
    const input = referralInput(first.id);
    await graphql(CREATE_REFERRAL, { cookie: author, variables: { input } });
    const reused = await graphql(CREATE_REFERRAL, { cookie: author, variables: { input: { ...input, patientId: second.id } } });
    expect(codeOf(reused)).toBe("CONFLICT");
  });
});

const HISTORY = /* GraphQL */ `
  query History($filter: ReferralFilter, $first: Int, $after: String) {
    referrals(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id status priority disciplines patient { id familyName } author { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
type HistoryData = {
  referrals: {
    edges: { node: { id: string; status: string; priority: string; disciplines: string[]; patient: { id: string }; author: { id: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

async function history(cookie: string, variables: Record<string, unknown>) {
  const result = await graphql<HistoryData>(HISTORY, { cookie, variables });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.referrals;
}

describe("referrals (history)", () => {
  it("pages newest first without skipping or repeating while new referrals arrive", async () => {
    const { cookies } = await clinicWithSessions();
    const own = cookies[0]!;
    const patient = await createPatient(own);
    const original: string[] = [];
    for (let index = 0; index < 7; index += 1) original.unshift((await createReferral(own, patient.id)).id);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: HistoryData["referrals"] = await history(own, { first: 3, after });
      seen.push(...page.edges.map((edge) => edge.node.id));
      await createReferral(own, patient.id); // arrives between page requests
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(original);
  });

  it("filters by patient, discipline, status, priority, author and date", async () => {
    const { cookies } = await clinicWithSessions(["CLINICIAN", "CLINICIAN"]);
    const [me, other] = cookies as [string, string];
    const [first, second] = [await createPatient(me), await createPatient(me)];
    const ot = await createReferral(me, first.id);
    const pt = await createReferral(other, second.id, { needs: { needs: ["PAIN"] }, disciplines: ["PHYSIOTHERAPY"], priority: "STAT" });
    await changePartOk(me, ot.parts[0]!.id, "CANCEL", 1);
    const ids = async (filter: Record<string, unknown>) => (await history(me, { filter })).edges.map((edge) => edge.node.id);

    expect(await ids({ patientId: first.id })).toEqual([ot.id]);
    expect(await ids({ discipline: "PHYSIOTHERAPY" })).toEqual([pt.id]);
    expect(await ids({ status: "CANCELLED" })).toEqual([ot.id]);
    expect(await ids({ status: "SENT" })).toEqual([pt.id]);
    expect(await ids({ priority: "STAT" })).toEqual([pt.id]);
    expect(await ids({ author: "ME" })).toEqual([ot.id]);
    expect(await ids({ author: "ANYONE" })).toEqual([pt.id, ot.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids({ createdFrom: today, createdTo: today })).toEqual([pt.id, ot.id]);
    expect(await ids({ createdTo: "2000-01-01" })).toEqual([]);
  });

  it("finds a referral by the status of any of its parts, and sums them up in its own status", async () => {
    const { cookies } = await clinicWithSessions(["CLINICIAN", { role: "THERAPIST", service: "PHYSIOTHERAPY" }]);
    const [me, physio] = cookies as [string, string];
    const referral = await createReferral(me, (await createPatient(me)).id, {
      disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
      overrideReason: "Both disciplines asked to see her.",
    });
    const pt = referral.parts.find((part) => part.discipline === "PHYSIOTHERAPY")!;
    await changePartOk(physio, pt.id, "ASK_QUESTION", 1);
    for (const status of ["SENT", "AWAITING_REFERRER"]) {
      const found = await history(me, { filter: { status } });
      expect(found.edges.map((edge) => edge.node.id)).toEqual([referral.id]);
    }
    expect((await history(me, { filter: { status: "ACCEPTED" } })).edges).toEqual([]);
    // A question for the referrer is what most needs attention.
    expect((await history(me, {})).edges[0]!.node.status).toBe("AWAITING_REFERRER");
  });

  it.each([
    ["a page size over 50", { first: 51 }, ["first"]],
    ["a page size of 10^8", { first: 100_000_000 }, ["first"]],
    ["a date range that ends before it starts", { filter: { createdFrom: "2026-02-01", createdTo: "2026-01-01" } }, ["filter", "createdFrom"]],
    ["a forged cursor", { after: Buffer.from('["yesterday","x"]').toString("base64url") }, ["after"]],
  ])("refuses %s with BAD_USER_INPUT", async (_name, variables, field) => {
    const result = await graphql(HISTORY, { cookie: author, variables });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
  });
});

describe("tenancy: another clinic's ids answer NOT_FOUND", () => {
  let patientId: string;
  let referral: CreatedReferral;
  beforeAll(async () => {
    patientId = (await createPatient(author, { familyName: `Private${randomUUID().slice(0, 6)}` })).id;
    referral = await createReferral(author, patientId);
  });

  it("in a single lookup of a referral", async () => {
    const result = await graphql(`query R($id: ID!) { referral(id: $id) { id notes } }`, { cookie: outsider, variables: { id: referral.id } });
    expect(codeOf(result)).toBe("NOT_FOUND");
    expect(JSON.stringify(result)).not.toContain("getting dressed");
  });

  it("in the history list and in its patient filter", async () => {
    const all = await history(outsider, { first: 50 });
    expect(all.edges.map((edge) => edge.node.id)).not.toContain(referral.id);
    const filtered = await graphql(HISTORY, { cookie: outsider, variables: { filter: { patientId } } });
    expect(codeOf(filtered)).toBe("NOT_FOUND");
  });

  it("in creating a referral for the patient", async () => {
    const result = await graphql(CREATE_REFERRAL, { cookie: outsider, variables: { input: referralInput(patientId) } });
    expect(codeOf(result)).toBe("NOT_FOUND");
    expect(await testDb().referral.count({ where: { patientId } })).toBe(1);
  });

  it("in acting on the referral's part, even as that clinic's admin", async () => {
    const part = referral.parts[0]!;
    expect(codeOf(await changePart(outsiderAdmin, part.id, "ACCEPT", 1))).toBe("NOT_FOUND");
    expect(codeOf(await changePart(outsider, part.id, "CANCEL", 1))).toBe("NOT_FOUND");
    expect(await testDb().referralPart.findUniqueOrThrow({ where: { id: part.id } })).toMatchObject({ status: "SENT", version: 1 });
  });

  it("in marking the referral seen", async () => {
    const result = await graphql(`mutation($id: ID!) { markReferralSeen(id: $id) }`, { cookie: outsider, variables: { id: referral.id } });
    expect(codeOf(result)).toBe("NOT_FOUND");
    expect(await testDb().referralView.count({ where: { referralId: referral.id } })).toBe(0);
  });

  it("in nested fields: the patient's referrals are only reachable through the owning clinic", async () => {
    const query = `query P($id: ID!) { patient(id: $id) { referrals(first: 5) { edges { node { id } } } } }`;
    const own = await graphql<{ patient: { referrals: { edges: { node: { id: string } }[] } } }>(query, { cookie: author, variables: { id: patientId } });
    expect(own.data?.patient.referrals.edges.map((edge) => edge.node.id)).toEqual([referral.id]);
    const other = await graphql(query, { cookie: outsider, variables: { id: patientId } });
    expect(codeOf(other)).toBe("NOT_FOUND");
    expect(other.data?.patient ?? null).toBeNull();
  });
});
