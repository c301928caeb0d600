import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  changeStatus,
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
let colleague: string;
let admin: string;
let authorId: string;
let outsider: string;
let outsiderAdmin: string;

beforeAll(async () => {
  const clinic = await clinicWithSessions(["CLINICIAN", "CLINICIAN", "ADMIN"]);
  [author, colleague, admin] = clinic.cookies as [string, string, string];
  authorId = clinic.users[0]!.id;
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
    expect(referral).toMatchObject({ status: "SENT", version: 1, disciplines: ["PHYSIOTHERAPY"], followedRecommendation: true, overrideReason: null });
    expect(referral.triage.recommendation).toBe("PHYSIOTHERAPY");
    expect(referral.triage.matchedRules.map((rule) => rule.ruleId)).toContain("pt.pain");
    expect(referral.events).toEqual([{ fromStatus: null, toStatus: "SENT", actor: { id: authorId } }]);
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

  it.each([
    ["an override without a reason", { disciplines: ["PHYSIOTHERAPY"] }, ["input", "overrideReason"]],
    ["no discipline", { disciplines: [] }, ["input", "disciplines"]],
    ["an unknown priority", { priority: "WHENEVER" }, null],
    ["an unknown need code", { needs: { needs: ["FLYING"] } }, null],
    ["empty needs", { needs: { needs: [], conditions: [], notes: " " } }, ["input", "needs", "needs"]],
    ["notes over 10,000 characters", { needs: { notes: "x".repeat(10_001) } }, ["input", "needs", "notes"]],
    ["an overlong override reason", { disciplines: ["PHYSIOTHERAPY"], overrideReason: "x".repeat(2_001) }, ["input", "overrideReason"]],
    ["an idempotency key that is not a UUID", { idempotencyKey: "abc" }, ["input", "idempotencyKey"]],
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

describe("changeReferralStatus", () => {
  it("lets the author cancel, recording who, the note and a new version", async () => {
    const referral = await createReferral(author, (await createPatient(author)).id);
    const result = await changeStatus(author, referral.id, "CANCELLED", 1, "Patient moved away");
    expect(result.data?.changeReferralStatus).toMatchObject({ status: "CANCELLED", version: 2 });
    expect(result.data?.changeReferralStatus.events.at(-1)).toMatchObject({ fromStatus: "SENT", toStatus: "CANCELLED", note: "Patient moved away" });
  });

  it("lets an admin accept and then complete", async () => {
    const referral = await createReferral(author, (await createPatient(author)).id);
    expect((await changeStatus(admin, referral.id, "ACCEPTED", 1)).data?.changeReferralStatus.status).toBe("ACCEPTED");
    expect((await changeStatus(admin, referral.id, "COMPLETED", 2)).data?.changeReferralStatus.status).toBe("COMPLETED");
  });

  const forbiddenTransitions: [string[], string][] = [
    [[], "SENT"],
    [[], "COMPLETED"],
    [["ACCEPTED"], "ACCEPTED"],
    [["ACCEPTED"], "DECLINED"],
    [["ACCEPTED"], "SENT"],
    [["DECLINED"], "ACCEPTED"],
    [["DECLINED"], "CANCELLED"],
    [["DECLINED"], "COMPLETED"],
    [["DECLINED"], "SENT"],
    [["ACCEPTED", "COMPLETED"], "CANCELLED"],
    [["ACCEPTED", "COMPLETED"], "ACCEPTED"],
    [["ACCEPTED", "COMPLETED"], "SENT"],
    [["CANCELLED"], "ACCEPTED"],
    [["CANCELLED"], "COMPLETED"],
    [["CANCELLED"], "SENT"],
  ];
  it.each(forbiddenTransitions)("after %j refuses a move to %s with BAD_USER_INPUT and changes nothing", async (path, to) => {
    const referral = await createReferral(author, (await createPatient(author)).id);
    let version = 1;
    for (const status of path) {
      const step = await changeStatus(status === "CANCELLED" ? author : admin, referral.id, status, version);
      version = step.data!.changeReferralStatus.version;
    }
    const result = await changeStatus(to === "CANCELLED" ? author : admin, referral.id, to, version);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["status"]);
    const stored = await testDb().referral.findUniqueOrThrow({ where: { id: referral.id } });
    expect(stored.version).toBe(version);
    expect(await testDb().referralEvent.count({ where: { referralId: referral.id } })).toBe(path.length + 1);
  });

  it("refuses a colleague's cancel and a clinician's accept with FORBIDDEN", async () => {
    const referral = await createReferral(author, (await createPatient(author)).id);
    expect(codeOf(await changeStatus(colleague, referral.id, "CANCELLED", 1))).toBe("FORBIDDEN");
    expect(codeOf(await changeStatus(author, referral.id, "ACCEPTED", 1))).toBe("FORBIDDEN");
    expect((await testDb().referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe("SENT");
  });

  it("answers CONFLICT to a stale version and changes nothing", async () => {
    const referral = await createReferral(author, (await createPatient(author)).id);
    await changeStatus(admin, referral.id, "ACCEPTED", 1);
    const stale = await changeStatus(author, referral.id, "CANCELLED", 1);
    expect(codeOf(stale)).toBe("CONFLICT");
    expect((await testDb().referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe("ACCEPTED");
  });

  it("lets exactly one of two concurrent changes with the same version win", async () => {
    const referral = await createReferral(author, (await createPatient(author)).id);
    const results = await Promise.all([
      changeStatus(admin, referral.id, "ACCEPTED", 1),
      changeStatus(author, referral.id, "CANCELLED", 1),
    ]);
    const winners = results.filter((result) => !result.errors);
    expect(winners).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(["CONFLICT"]);
    const stored = await testDb().referral.findUniqueOrThrow({ where: { id: referral.id } });
    expect(stored).toMatchObject({ version: 2, status: winners[0]!.data!.changeReferralStatus.status });
    expect(await testDb().referralEvent.count({ where: { referralId: referral.id } })).toBe(2);
  });

  it("refuses a negative expected version and an overlong note with BAD_USER_INPUT", async () => {
    const referral = await createReferral(author, (await createPatient(author)).id);
    expect(fieldOf(await changeStatus(author, referral.id, "CANCELLED", -1))).toEqual(["expectedVersion"]);
    expect(fieldOf(await changeStatus(author, referral.id, "CANCELLED", 1, "x".repeat(2_001)))).toEqual(["note"]);
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
    await changeStatus(me, ot.id, "CANCELLED", 1);
    const ids = async (filter: Record<string, unknown>) => (await history(me, { filter })).edges.map((edge) => edge.node.id);

    expect(await ids({ patientId: first.id })).toEqual([ot.id]);
    expect(await ids({ discipline: "PHYSIOTHERAPY" })).toEqual([pt.id]);
    expect(await ids({ status: "CANCELLED" })).toEqual([ot.id]);
    expect(await ids({ priority: "STAT" })).toEqual([pt.id]);
    expect(await ids({ author: "ME" })).toEqual([ot.id]);
    expect(await ids({ author: "ANYONE" })).toEqual([pt.id, ot.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids({ createdFrom: today, createdTo: today })).toEqual([pt.id, ot.id]);
    expect(await ids({ createdTo: "2000-01-01" })).toEqual([]);
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

  it("in changing the referral's status, even as that clinic's admin", async () => {
    expect(codeOf(await changeStatus(outsiderAdmin, referral.id, "ACCEPTED", 1))).toBe("NOT_FOUND");
    expect(codeOf(await changeStatus(outsider, referral.id, "CANCELLED", 1))).toBe("NOT_FOUND");
    expect((await testDb().referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe("SENT");
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
