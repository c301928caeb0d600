import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  changePart,
  changePartOk,
  clinicWithSessions,
  codeOf,
  createPatient,
  createReferral,
  fieldOf,
  threeClinics,
  type ReferralPartResult,
  type SignedIn,
  type ThreeClinics,
} from "../support/api";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

/**
 * Every action on a referral part, from every status and by every kind of
 * actor: clinic A refers to clinic B's occupational therapy service; clinic C
 * has nothing to do with it (tests/support/api.ts `threeClinics`).
 */

let clinics: ThreeClinics;
let patientId: string;

beforeAll(async () => {
  clinics = await threeClinics();
  patientId = (await createPatient(clinics.a.author.cookie)).id;
});

const bOt = () => clinics.b.serviceOf("OCCUPATIONAL_THERAPY").id;
const bPt = () => clinics.b.serviceOf("PHYSIOTHERAPY").id;

/** A new referral from A's author to B's OT service; its one part. */
async function sentPart(overrides: Record<string, unknown> = {}): Promise<ReferralPartResult & { referralId: string }> {
  const referral = await createReferral(clinics.a.author.cookie, patientId, { serviceIds: [bOt()], ...overrides });
  return { ...referral.parts[0]!, referralId: referral.id };
}

type Action =
  | "ACCEPT"
  | "DECLINE"
  | "REDIRECT"
  | "ASK_QUESTION"
  | "ANSWER_QUESTION"
  | "START"
  | "COMPLETE"
  | "ACKNOWLEDGE_OUTCOME"
  | "CANCEL";
const ACTIONS: Action[] = ["ACCEPT", "DECLINE", "REDIRECT", "ASK_QUESTION", "ANSWER_QUESTION", "START", "COMPLETE", "ACKNOWLEDGE_OUTCOME", "CANCEL"];

/** Who takes an action when the test is not about who: the service's therapist, the author for the referrer's. */
const rightActor = (action: Action): SignedIn =>
  action === "ANSWER_QUESTION" || action === "ACKNOWLEDGE_OUTCOME" || action === "CANCEL" ? clinics.a.author : clinics.b.therapist;

/** What an action must carry besides the defaults of ACTION_EXTRAS. */
const extraFor = (action: Action): Record<string, unknown> => (action === "REDIRECT" ? { serviceId: bPt() } : {});

/** Each status a part can be in, and the actions that lead there from SENT. */
const PATHS: Record<string, Action[]> = {
  SENT: [],
  AWAITING_REFERRER: ["ASK_QUESTION"],
  ACCEPTED: ["ACCEPT"],
  IN_PROGRESS: ["ACCEPT", "START"],
  DECLINED: ["DECLINE"],
  REDIRECTED: ["REDIRECT"],
  COMPLETED: ["ACCEPT", "START", "COMPLETE"],
  "COMPLETED and acknowledged": ["ACCEPT", "START", "COMPLETE", "ACKNOWLEDGE_OUTCOME"],
  CANCELLED: ["CANCEL"],
};

/** A part of a new referral taken along `path`; its version after. */
async function partAfter(path: Action[]) {
  const part = await sentPart();
  let version = part.version;
  for (const action of path) version = (await changePartOk(rightActor(action).cookie, part.id, action, version, extraFor(action))).version;
  return { ...part, version };
}

/** The transitions table as the issue states it: from where each action may be taken, and where it leads. */
const ALLOWED: Record<Action, { from: string[]; to: string }> = {
  ACCEPT: { from: ["SENT"], to: "ACCEPTED" },
  DECLINE: { from: ["SENT"], to: "DECLINED" },
  REDIRECT: { from: ["SENT"], to: "REDIRECTED" },
  ASK_QUESTION: { from: ["SENT"], to: "AWAITING_REFERRER" },
  ANSWER_QUESTION: { from: ["AWAITING_REFERRER"], to: "SENT" },
  START: { from: ["ACCEPTED"], to: "IN_PROGRESS" },
  COMPLETE: { from: ["IN_PROGRESS"], to: "COMPLETED" },
  ACKNOWLEDGE_OUTCOME: { from: ["COMPLETED"], to: "COMPLETED" },
  CANCEL: { from: ["SENT", "AWAITING_REFERRER", "ACCEPTED", "IN_PROGRESS"], to: "CANCELLED" },
};

const referralWithParts = async (referralId: string) =>
  (
    await graphql<{ referral: { parts: { discipline: string; status: string }[] } }>(`query R($id: ID!) { referral(id: $id) { parts { discipline status } } }`, {
      cookie: clinics.a.author.cookie,
      variables: { id: referralId },
    })
  ).data!.referral.parts;

const stored = (id: string) => testDb().referralPart.findUniqueOrThrow({ where: { id }, include: { events: true } });

describe("changeReferralPart: every action from every status", () => {
  const cases = Object.keys(PATHS).flatMap((status) => ACTIONS.map((action) => [status, action] as const));
  describe.concurrent.each(cases)("from %s, %s", (status, action) => {
    const allowed = ALLOWED[action].from.includes(status);
    it(allowed ? "succeeds with the new status, a timeline event and the next version" : "is refused with BAD_USER_INPUT on the action and changes nothing", async () => {
      const part = await partAfter(PATHS[status]!);
      const before = await stored(part.id);
      const result = await changePart(rightActor(action).cookie, part.id, action, part.version, extraFor(action));
      const after = await stored(part.id);
      if (!allowed) {
        expect(codeOf(result), JSON.stringify(result.errors)).toBe("BAD_USER_INPUT");
        expect(fieldOf(result)).toEqual(["input", "action"]);
        expect(after).toEqual(before);
        return;
      }
      expect(result.errors).toBeUndefined();
      expect(after.status).toBe(ALLOWED[action].to);
      expect(after.version).toBe(part.version + 1);
      const events = after.events.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
      expect(events).toHaveLength(before.events.length + 1);
      expect(events.at(-1)).toMatchObject({ action, fromStatus: before.status, toStatus: ALLOWED[action].to, actorId: rightActor(action).id });
    });
  });
});

type Party = "service therapist" | "other therapist of the receiving clinic" | "referring author" | "referring colleague" | "referring admin" | "referring clinic's therapist" | "receiving clinician" | "receiving admin" | "uninvolved clinician" | "uninvolved admin" | "uninvolved therapist";
const actorOf = (party: Party): SignedIn =>
  ({
    "service therapist": clinics.b.therapist,
    "other therapist of the receiving clinic": clinics.b.otherTherapist,
    "referring author": clinics.a.author,
    "referring colleague": clinics.a.colleague,
    "referring admin": clinics.a.admin,
    "referring clinic's therapist": clinics.a.therapist,
    "receiving clinician": clinics.b.clinician,
    "receiving admin": clinics.b.admin,
    "uninvolved clinician": clinics.c.clinician,
    "uninvolved admin": clinics.c.admin,
    "uninvolved therapist": clinics.c.therapist,
  })[party];

// Only the service's therapists see the part at the receiving clinic, and a therapist reads only its own service's parts:
// for everyone else there, and the referring clinic's therapist, the part is not there.
const SERVICE_ONLY: Record<Party, string> = {
  "service therapist": "OK",
  "other therapist of the receiving clinic": "NOT_FOUND",
  "referring author": "FORBIDDEN",
  "referring colleague": "FORBIDDEN",
  "referring admin": "FORBIDDEN",
  "referring clinic's therapist": "NOT_FOUND",
  "receiving clinician": "NOT_FOUND",
  "receiving admin": "NOT_FOUND",
  "uninvolved clinician": "NOT_FOUND",
  "uninvolved admin": "NOT_FOUND",
  "uninvolved therapist": "NOT_FOUND",
};
const REFERRER_ONLY: Record<Party, string> = {
  ...SERVICE_ONLY,
  "service therapist": "FORBIDDEN",
  "referring author": "OK",
  "referring colleague": "OK",
  "referring admin": "OK",
};
const AUTHOR_ONLY: Record<Party, string> = { ...REFERRER_ONLY, "referring colleague": "FORBIDDEN", "referring admin": "FORBIDDEN" };

/** The answer each party gets for each action, from a status that allows it. */
const BY_ACTOR: Record<Action, Record<Party, string>> = {
  ACCEPT: SERVICE_ONLY,
  DECLINE: SERVICE_ONLY,
  REDIRECT: SERVICE_ONLY,
  ASK_QUESTION: SERVICE_ONLY,
  START: SERVICE_ONLY,
  COMPLETE: SERVICE_ONLY,
  ANSWER_QUESTION: REFERRER_ONLY,
  ACKNOWLEDGE_OUTCOME: REFERRER_ONLY,
  CANCEL: AUTHOR_ONLY,
};

/** From SENT, the shortest path to a status the action is allowed from. */
const READY: Record<Action, Action[]> = {
  ACCEPT: [],
  DECLINE: [],
  REDIRECT: [],
  ASK_QUESTION: [],
  ANSWER_QUESTION: ["ASK_QUESTION"],
  START: ["ACCEPT"],
  COMPLETE: ["ACCEPT", "START"],
  ACKNOWLEDGE_OUTCOME: ["ACCEPT", "START", "COMPLETE"],
  CANCEL: [],
};

describe("changeReferralPart: every action by every party", () => {
  const cases = ACTIONS.flatMap((action) => (Object.keys(BY_ACTOR[action]) as Party[]).map((party) => [action, party, BY_ACTOR[action][party]] as const));
  describe.concurrent.each(cases)("%s by the %s", (action, party, expected) => {
    it(expected === "OK" ? "succeeds" : `answers ${expected} and changes nothing`, async () => {
      const part = await partAfter(READY[action]);
      const before = await stored(part.id);
      const result = await changePart(actorOf(party).cookie, part.id, action, part.version, extraFor(action));
      if (expected === "OK") {
        expect(result.errors).toBeUndefined();
        expect((await stored(part.id)).version).toBe(part.version + 1);
        return;
      }
      expect(codeOf(result), JSON.stringify(result.errors)).toBe(expected);
      expect(result.data?.changeReferralPart ?? null).toBeNull();
      expect(await stored(part.id)).toEqual(before);
    });
  });
});

describe("changeReferralPart: versions", () => {
  it("answers CONFLICT to a stale version and changes nothing", async () => {
    const part = await sentPart();
    await changePartOk(clinics.b.therapist.cookie, part.id, "ACCEPT", 1);
    const stale = await changePart(clinics.a.author.cookie, part.id, "CANCEL", 1);
    expect(codeOf(stale)).toBe("CONFLICT");
    expect(await stored(part.id)).toMatchObject({ status: "ACCEPTED", version: 2 });
  });

  it("lets exactly one of two concurrent actions with the same version win", async () => {
    const part = await sentPart();
    const results = await Promise.all([
      changePart(clinics.b.therapist.cookie, part.id, "ACCEPT", 1),
      changePart(clinics.a.author.cookie, part.id, "CANCEL", 1),
    ]);
    const winners = results.filter((result) => !result.errors);
    expect(winners).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(["CONFLICT"]);
    const after = await stored(part.id);
    expect(after).toMatchObject({ version: 2, status: winners[0]!.data!.changeReferralPart.status });
    expect(after.events).toHaveLength(2);
  });

  it("lets exactly one of ten concurrent accepts with the same version win", async () => {
    const part = await sentPart();
    const results = await Promise.all(Array.from({ length: 10 }, () => changePart(clinics.b.therapist.cookie, part.id, "ACCEPT", 1)));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(Array(9).fill("CONFLICT"));
    expect((await stored(part.id)).events).toHaveLength(2);
  });
});

describe("changeReferralPart: cancelling takes a coded reason", () => {
  it("stores the reason and the comment on the part, and the comment on its timeline", async () => {
    const part = await sentPart();
    const cancelled = await changePartOk(clinics.a.author.cookie, part.id, "CANCEL", 1, { cancelReason: "SENT_IN_ERROR", note: "Wrong patient chosen." });
    expect(cancelled).toMatchObject({ status: "CANCELLED", version: 2, cancelReason: "SENT_IN_ERROR", cancelComment: "Wrong patient chosen." });
    expect(cancelled.events.at(-1)).toMatchObject({ action: "CANCEL", fromStatus: "SENT", toStatus: "CANCELLED", note: "Wrong patient chosen." });
    // The receiving service reads the same reason.
    const seen = await graphql<{ referral: { parts: { cancelReason: string; cancelComment: string }[] } }>(
      `query R($id: ID!) { referral(id: $id) { parts { cancelReason cancelComment } } }`,
      { cookie: clinics.b.therapist.cookie, variables: { id: part.referralId } },
    );
    expect(seen.data!.referral.parts).toEqual([{ cancelReason: "SENT_IN_ERROR", cancelComment: "Wrong patient chosen." }]);
  });

  it.each([
    ["no reason", { cancelReason: null, note: "Changed my mind." }, ["input", "cancelReason"], "Choose a reason for cancelling"],
    ["Other without a comment", { cancelReason: "OTHER" }, ["input", "note"], "A comment saying why is required"],
    ["Other with a blank comment", { cancelReason: "OTHER", note: "   " }, ["input", "note"], "A comment saying why is required"],
    ["a comment over 4,000 characters", { note: "x".repeat(4_001) }, ["input", "note"], "Note must be at most 4000 characters"],
  ])("refuses a cancellation with %s: BAD_USER_INPUT naming the field, and writes nothing", async (_name, extra, field, message) => {
    const part = await sentPart();
    const result = await changePart(clinics.a.author.cookie, part.id, "CANCEL", 1, extra);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
    expect(result.errors![0]!.message).toBe(message);
    expect(await stored(part.id)).toMatchObject({ status: "SENT", version: 1, cancelReason: null, cancelComment: null, events: [expect.objectContaining({ action: "SEND" })] });
  });

  it("refuses a reason that is not one of the codes, and writes nothing", async () => {
    const part = await sentPart();
    const result = await changePart(clinics.a.author.cookie, part.id, "CANCEL", 1, { cancelReason: "BORED" });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(await stored(part.id)).toMatchObject({ status: "SENT", version: 1, cancelReason: null });
  });
});

describe("changeReferralPart: what each action carries", () => {
  it("redirects to the other discipline's service: the part keeps its history as REDIRECTED, a new SENT part opens there", async () => {
    const part = await sentPart();
    const result = await changePartOk(clinics.b.therapist.cookie, part.id, "REDIRECT", 1, { serviceId: bPt(), note: "Mostly a mobility problem." });
    expect(result).toMatchObject({ id: part.id, status: "REDIRECTED", version: 2 });
    expect(result.events.map((event) => [event.action, event.fromStatus, event.toStatus])).toEqual([
      ["SEND", null, "SENT"],
      ["REDIRECT", "SENT", "REDIRECTED"],
    ]);
    const parts = await graphql<{ referral: { parts: ReferralPartResult[] } }>(
      `query R($id: ID!) { referral(id: $id) { parts { id status version discipline service { id } redirectedFrom { id } events { action toStatus note } } } }`,
      { cookie: clinics.a.author.cookie, variables: { id: part.referralId } },
    );
    const opened = parts.data!.referral.parts.find((candidate) => candidate.id !== part.id);
    expect(parts.data!.referral.parts).toHaveLength(2);
    expect(opened).toMatchObject({ status: "SENT", version: 1, discipline: "PHYSIOTHERAPY", service: { id: bPt() }, redirectedFrom: { id: part.id } });
    expect(opened!.events).toEqual([{ action: "SEND", toStatus: "SENT", note: expect.stringContaining("Mostly a mobility problem.") }]);
    // The new part waits in the physiotherapy service's worklist.
    const worklist = await graphql<{ worklist: { edges: { node: { id: string } }[] } }>(`query { worklist(first: 50) { edges { node { id } } } }`, {
      cookie: clinics.b.otherTherapist.cookie,
    });
    expect(worklist.data!.worklist.edges.map((edge) => edge.node.id)).toContain(opened!.id);
  });

  it("lets the author cancel the part a redirect opened, and leaves the redirected one as it was", async () => {
    const part = await sentPart();
    await changePartOk(clinics.b.therapist.cookie, part.id, "REDIRECT", 1, { serviceId: bPt() });
    const opened = await testDb().referralPart.findFirstOrThrow({ where: { redirectedFromId: part.id } });
    const cancelled = await changePartOk(clinics.a.author.cookie, opened.id, "CANCEL", opened.version, { note: "No longer needed." });
    expect(cancelled.status).toBe("CANCELLED");
    expect(await stored(part.id)).toMatchObject({ status: "REDIRECTED", version: 2 });
  });

  it("changes one part of a two-discipline referral and leaves the other as it was", async () => {
    const referral = await createReferral(clinics.a.author.cookie, patientId, {
      disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
      overrideReason: "Both services should see him.",
      serviceIds: [bOt(), bPt()],
    });
    const ot = referral.parts.find((part) => part.discipline === "OCCUPATIONAL_THERAPY")!;
    const pt = referral.parts.find((part) => part.discipline === "PHYSIOTHERAPY")!;
    await changePartOk(clinics.b.therapist.cookie, ot.id, "ACCEPT", 1);
    await changePartOk(clinics.a.author.cookie, pt.id, "CANCEL", 1);
    expect(await stored(ot.id)).toMatchObject({ status: "ACCEPTED", version: 2 });
    expect(await stored(pt.id)).toMatchObject({ status: "CANCELLED", version: 2 });
    const other = await referralWithParts(referral.id);
    expect(other.map((part) => [part.discipline, part.status]).sort()).toEqual([
      ["OCCUPATIONAL_THERAPY", "ACCEPTED"],
      ["PHYSIOTHERAPY", "CANCELLED"],
    ]);
  });

  it("refuses a redirect to a service of the same discipline with BAD_USER_INPUT on serviceId", async () => {
    const part = await sentPart();
    const result = await changePart(clinics.b.therapist.cookie, part.id, "REDIRECT", 1, { serviceId: bOt() });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "serviceId"]);
    expect(await stored(part.id)).toMatchObject({ status: "SENT", version: 1 });
  });

  it.each([
    ["without a reason", { declineReason: null }, ["input", "declineReason"]],
    ["without a comment", { note: null }, ["input", "note"]],
    ["with a blank comment", { note: "   " }, ["input", "note"]],
    ["with an unknown reason", { declineReason: "BORED" }, null],
  ])("refuses a decline %s with BAD_USER_INPUT", async (_name, extra, field) => {
    const part = await sentPart();
    const result = await changePart(clinics.b.therapist.cookie, part.id, "DECLINE", 1, extra);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    if (field) expect(fieldOf(result)).toEqual(field);
    expect(await stored(part.id)).toMatchObject({ status: "SENT", version: 1 });
  });

  it("records a decline's coded reason and comment on the part", async () => {
    const part = await sentPart();
    const result = await changePartOk(clinics.b.therapist.cookie, part.id, "DECLINE", 1, { declineReason: "OUTSIDE_SERVICE_AREA", note: "Lives out of area." });
    expect(result).toMatchObject({ status: "DECLINED", declineReason: "OUTSIDE_SERVICE_AREA", declineComment: "Lives out of area." });
  });

  it.each([
    ["without an outcome", { outcome: null }, ["input", "outcome", "provided"]],
    ["without what was provided", { outcome: { provided: " ", recommendations: "More" } }, ["input", "outcome", "provided"]],
    ["with a score over 5", { outcome: { provided: "Sessions", score: 6 } }, ["input", "outcome", "score"]],
    ["with a score between half points", { outcome: { provided: "Sessions", score: 2.3 } }, ["input", "outcome", "score"]],
  ])("refuses a completion %s with BAD_USER_INPUT", async (_name, extra, field) => {
    const part = await partAfter(["ACCEPT", "START"]);
    const result = await changePart(clinics.b.therapist.cookie, part.id, "COMPLETE", part.version, extra);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
    expect(await stored(part.id)).toMatchObject({ status: "IN_PROGRESS", version: part.version });
  });

  it("records the outcome on completion, and the referrer acknowledges it once", async () => {
    const part = await partAfter(["ACCEPT", "START"]);
    const completed = await changePartOk(clinics.b.therapist.cookie, part.id, "COMPLETE", part.version, {
      outcome: { provided: "Four sessions", recommendations: "Home exercises", score: 4.5 },
    });
    expect(completed.outcome).toEqual({ provided: "Four sessions", recommendations: "Home exercises", score: 4.5 });
    expect(completed.outcomeAcknowledgedAt).toBeNull();
    const acknowledged = await changePartOk(clinics.a.colleague.cookie, part.id, "ACKNOWLEDGE_OUTCOME", completed.version);
    expect(acknowledged.outcomeAcknowledgedAt).not.toBeNull();
    expect(acknowledged.status).toBe("COMPLETED");
    const again = await changePart(clinics.a.author.cookie, part.id, "ACKNOWLEDGE_OUTCOME", acknowledged.version);
    expect(codeOf(again)).toBe("BAD_USER_INPUT");
    expect(fieldOf(again)).toEqual(["input", "action"]);
  });

  it.each([
    ["a question without its text", "ASK_QUESTION", { note: null }, ["input", "note"]],
    ["a redirect without a service", "REDIRECT", { serviceId: null }, ["input", "serviceId"]],
    ["a redirect to an id that is not a UUID", "REDIRECT", { serviceId: "service-1" }, ["input", "serviceId"]],
    ["a note over 4,000 characters", "ACCEPT", { note: "x".repeat(4_001) }, ["input", "note"]],
    ["a version of 0", "ACCEPT", { expectedVersion: 0 }, ["input", "expectedVersion"]],
    ["a part id that is not a UUID", "ACCEPT", { id: "part-1" }, ["input", "id"]],
    ["SEND, which only creating a referral does", "SEND", {}, ["input", "action"]],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_name, action, extra, field) => {
    const part = await sentPart();
    const result = await changePart(clinics.b.therapist.cookie, part.id, action, 1, extra);
    expect(codeOf(result), JSON.stringify(result.errors)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
    expect(await stored(part.id)).toMatchObject({ status: "SENT", version: 1 });
  });

  it("refuses an answer without its text with BAD_USER_INPUT naming the note", async () => {
    const part = await partAfter(["ASK_QUESTION"]);
    const result = await changePart(clinics.a.author.cookie, part.id, "ANSWER_QUESTION", part.version, { note: "" });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "note"]);
  });

  it("shows each viewer the actions they may take now", async () => {
    const part = await sentPart();
    const actions = async (viewer: SignedIn) =>
      (
        await graphql<{ referral: { parts: { allowedActions: string[] }[] } }>(`query R($id: ID!) { referral(id: $id) { parts { allowedActions } } }`, {
          cookie: viewer.cookie,
          variables: { id: part.referralId },
        })
      ).data?.referral?.parts[0]?.allowedActions.sort();
    expect(await actions(clinics.b.therapist)).toEqual(["ACCEPT", "ASK_QUESTION", "DECLINE", "REDIRECT"]);
    expect(await actions(clinics.a.author)).toEqual(["CANCEL"]);
    expect(await actions(clinics.a.colleague)).toEqual([]);
    // The receiving clinic's clinician does not see the referral at all (only its service's therapists do).
    expect(await actions(clinics.b.clinician)).toBeUndefined();
  });
});

const WORKLIST = /* GraphQL */ `
  query Worklist($filter: WorklistFilter, $first: Int, $after: String) {
    worklist(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id status priority sentAt viewerOpenedAt changedSinceViewerOpened waiting { workingDays targetWorkingDays overdue } referral { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
interface WorklistNode {
  id: string;
  status: string;
  priority: string;
  sentAt: string;
  viewerOpenedAt: string | null;
  changedSinceViewerOpened: boolean;
  waiting: { workingDays: number; targetWorkingDays: number; overdue: boolean };
  referral: { id: string };
}
type WorklistData = { worklist: { edges: { cursor: string; node: WorklistNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

async function worklistPage(cookie: string, variables: Record<string, unknown> = {}) {
  const result = await graphql<WorklistData>(WORKLIST, { cookie, variables });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.worklist;
}

describe("worklist", () => {
  /** A clinic of its own whose OT service's worklist holds parts sent at known times. */
  async function serviceWithParts(sent: { priority: string; daysAgo: number }[]) {
    const clinic = await clinicWithSessions(["CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
    const [clinician, therapist] = clinic.cookies as [string, string];
    const patient = await createPatient(clinician);
    const parts: { id: string; referralId: string; priority: string; daysAgo: number }[] = [];
    for (const entry of sent) {
      const referral = await createReferral(clinician, patient.id, { priority: entry.priority });
      const part = referral.parts[0]!;
      await testDb().referralPart.update({ where: { id: part.id }, data: { sentAt: new Date(Date.now() - entry.daysAgo * 86_400_000) } });
      parts.push({ id: part.id, referralId: referral.id, ...entry });
    }
    return { clinician, therapist, parts };
  }

  it("orders STAT, ASAP, URGENT, ROUTINE, then the longest waiting first", async () => {
    const { therapist, parts } = await serviceWithParts([
      { priority: "ROUTINE", daysAgo: 30 },
      { priority: "URGENT", daysAgo: 1 },
      { priority: "STAT", daysAgo: 0 },
      { priority: "ROUTINE", daysAgo: 60 },
      { priority: "ASAP", daysAgo: 2 },
      { priority: "URGENT", daysAgo: 3 },
    ]);
    const page = await worklistPage(therapist, { first: 50 });
    const expected = [...parts].sort(
      (x, y) => ["STAT", "ASAP", "URGENT", "ROUTINE"].indexOf(x.priority) - ["STAT", "ASAP", "URGENT", "ROUTINE"].indexOf(y.priority) || y.daysAgo - x.daysAgo,
    );
    expect(page.edges.map((edge) => edge.node.id)).toEqual(expected.map((part) => part.id));
    const overdue = page.edges.find((edge) => edge.node.id === parts[3]!.id)!.node.waiting;
    expect(overdue).toMatchObject({ targetWorkingDays: 28, overdue: true });
    expect(overdue.workingDays).toBeGreaterThan(28);
  });

  it("pages without skipping or repeating, and filters by status and priority", async () => {
    const { therapist, parts } = await serviceWithParts(
      Array.from({ length: 8 }, (_, index) => ({ priority: ["ROUTINE", "URGENT", "ASAP", "STAT"][index % 4]!, daysAgo: index })),
    );
    const all = (await worklistPage(therapist, { first: 50 })).edges.map((edge) => edge.node.id);
    expect(all).toHaveLength(8);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: WorklistData["worklist"] = await worklistPage(therapist, { first: 3, after });
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);

    const stat = await worklistPage(therapist, { filter: { priority: "STAT" } });
    expect(stat.edges.map((edge) => edge.node.priority)).toEqual(["STAT", "STAT"]);
    await changePartOk(therapist, parts[0]!.id, "ACCEPT", 1);
    expect((await worklistPage(therapist, { filter: { status: "ACCEPTED" } })).edges.map((edge) => edge.node.id)).toEqual([parts[0]!.id]);
    expect((await worklistPage(therapist)).edges.map((edge) => edge.node.id)).not.toContain(parts[0]!.id);
  });

  it("flags a part not yet opened, then opened, then changed since the therapist opened it", async () => {
    const { therapist, clinician, parts } = await serviceWithParts([{ priority: "ROUTINE", daysAgo: 0 }]);
    const node = async () => (await worklistPage(therapist, { filter: { status: null } })).edges.find((edge) => edge.node.id === parts[0]!.id)?.node;
    expect(await node()).toMatchObject({ viewerOpenedAt: null, changedSinceViewerOpened: false });

    const seen = await graphql(`mutation S($id: ID!) { markReferralSeen(id: $id) }`, { cookie: therapist, variables: { id: parts[0]!.referralId } });
    expect(seen.data).toEqual({ markReferralSeen: true });
    const opened = await node();
    expect(opened?.viewerOpenedAt).not.toBeNull();
    expect(opened?.changedSinceViewerOpened).toBe(false);

    await changePartOk(therapist, parts[0]!.id, "ASK_QUESTION", 1);
    await changePartOk(clinician, parts[0]!.id, "ANSWER_QUESTION", 2);
    expect(await node()).toMatchObject({ changedSinceViewerOpened: true });
  });

  it("is refused to clinicians and admins, who have no service", async () => {
    const result = await graphql(WORKLIST, { cookie: clinics.a.author.cookie });
    expect(codeOf(result)).toBe("FORBIDDEN");
    expect(codeOf(await graphql(WORKLIST, { cookie: clinics.b.admin.cookie }))).toBe("FORBIDDEN");
  });

  it.each([
    ["a page size over 50", { first: 51 }, ["first"]],
    ["a forged cursor", { after: Buffer.from('["x"]').toString("base64url") }, ["after"]],
    ["a cursor with an unknown priority", { after: Buffer.from(JSON.stringify(["7", "2026-11-30T10:00:00.000Z", randomUUID()])).toString("base64url") }, ["after"]],
    ["a cursor whose id is not a UUID", { after: Buffer.from(JSON.stringify(["1", "2026-11-30T10:00:00.000Z", "x"])).toString("base64url") }, ["after"]],
  ])("refuses %s with BAD_USER_INPUT", async (_name, variables, field) => {
    const result = await graphql(WORKLIST, { cookie: clinics.b.therapist.cookie, variables });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(field);
  });
});

const UPDATES = /* GraphQL */ `
  query Updates($first: Int, $after: String) {
    referralUpdates(first: $first, after: $after) {
      edges { node { id action note unread actor { id } referral { id } part { id } } }
      pageInfo { hasNextPage endCursor }
    }
    unreadReferralCount
  }
`;
type UpdatesData = {
  referralUpdates: { edges: { node: { id: string; action: string; note: string | null; unread: boolean; actor: { id: string }; referral: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  unreadReferralCount: number;
};

describe("referralUpdates and unreadReferralCount", () => {
  it("lists what the service did to the author's referrals, newest first, unread until the author opens the referral", async () => {
    const clinic = await clinicWithSessions(["CLINICIAN", "CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
    const [author, colleague, therapist] = clinic.cookies as [string, string, string];
    const patient = await createPatient(author);
    const first = await createReferral(author, patient.id);
    const second = await createReferral(author, patient.id);
    await createReferral(colleague, patient.id);
    const updates = async (cookie = author) => (await graphql<UpdatesData>(UPDATES, { cookie, variables: { first: 50 } })).data!;

    expect(await updates()).toMatchObject({ referralUpdates: { edges: [] }, unreadReferralCount: 0 });
    await changePartOk(therapist, first.parts[0]!.id, "ASK_QUESTION", 1, { note: "Does she use a walker?" });
    await changePartOk(therapist, second.parts[0]!.id, "ACCEPT", 1);

    const unread = await updates();
    expect(unread.referralUpdates.edges.map(({ node }) => [node.action, node.referral.id, node.unread])).toEqual([
      ["ACCEPT", second.id, true],
      ["ASK_QUESTION", first.id, true],
    ]);
    expect(unread.unreadReferralCount).toBe(2);
    expect(await updates(colleague)).toMatchObject({ referralUpdates: { edges: [] }, unreadReferralCount: 0 });

    await graphql(`mutation S($id: ID!) { markReferralSeen(id: $id) }`, { cookie: author, variables: { id: first.id } });
    const read = await updates();
    expect(read.unreadReferralCount).toBe(1);
    expect(read.referralUpdates.edges.map(({ node }) => node.unread)).toEqual([true, false]);

    // The author's own answer is not an update for them.
    await changePartOk(author, first.parts[0]!.id, "ANSWER_QUESTION", 2, { note: "Yes." });
    expect((await updates()).referralUpdates.edges).toHaveLength(2);
  });

  it("pages newest first without skipping or repeating", async () => {
    const clinic = await clinicWithSessions(["CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
    const [author, therapist] = clinic.cookies as [string, string];
    const patient = await createPatient(author);
    for (let index = 0; index < 5; index += 1) {
      const referral = await createReferral(author, patient.id);
      await changePartOk(therapist, referral.parts[0]!.id, "ACCEPT", 1);
    }
    const all = (await graphql<UpdatesData>(UPDATES, { cookie: author, variables: { first: 50 } })).data!.referralUpdates.edges.map(({ node }) => node.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: UpdatesData = (await graphql<UpdatesData>(UPDATES, { cookie: author, variables: { first: 2, after } })).data!;
      seen.push(...page.referralUpdates.edges.map(({ node }) => node.id));
      after = page.referralUpdates.pageInfo.hasNextPage ? page.referralUpdates.pageInfo.endCursor : null;
    } while (after);
    expect(all).toHaveLength(5);
    expect(seen).toEqual(all);
  });
});

describe("referralUpdates: refusals", () => {
  it("refuses a cursor whose id is not a UUID with BAD_USER_INPUT", async () => {
    const after = Buffer.from(JSON.stringify(["2026-11-30T10:00:00.000Z", "x"])).toString("base64url");
    const result = await graphql(UPDATES, { cookie: clinics.a.author.cookie, variables: { after } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["after"]);
  });

  it("is refused to therapists, who send no referrals", async () => {
    const result = await graphql(`query { referralUpdates(first: 5) { edges { node { id } } } }`, { cookie: clinics.b.therapist.cookie });
    expect(codeOf(result)).toBe("FORBIDDEN");
  });
});

const SERVICES = /* GraphQL */ `
  query Services($discipline: Discipline, $search: String) {
    therapyServices(discipline: $discipline, search: $search) { id name discipline own acceptsExternalReferrals clinic { id } }
  }
`;
type ServicesData = { therapyServices: { id: string; name: string; discipline: string; own: boolean; acceptsExternalReferrals: boolean; clinic: { id: string } }[] };

describe("therapyServices", () => {
  it("lists the clinic's own services first, then other clinics' only when they accept outside referrals", async () => {
    const result = await graphql<ServicesData>(SERVICES, { cookie: clinics.c.clinician.cookie });
    const services = result.data!.therapyServices;
    const ownIds = clinics.c.services.map((service) => service.id);
    expect(services.slice(0, ownIds.length).map((service) => service.id).sort()).toEqual([...ownIds].sort());
    expect(services.slice(0, ownIds.length).every((service) => service.own)).toBe(true);
    const others = services.slice(ownIds.length);
    expect(others.every((service) => !service.own && service.acceptsExternalReferrals)).toBe(true);
    expect(others.map((service) => service.id)).toEqual(expect.arrayContaining([bOt(), bPt()]));
    // A's services take no outside referrals: C never sees them.
    for (const service of clinics.a.services) expect(services.map((listed) => listed.id)).not.toContain(service.id);
  });

  it("filters by discipline and by a search of the name", async () => {
    const ot = (await graphql<ServicesData>(SERVICES, { cookie: clinics.a.author.cookie, variables: { discipline: "OCCUPATIONAL_THERAPY" } })).data!.therapyServices;
    expect(ot.every((service) => service.discipline === "OCCUPATIONAL_THERAPY")).toBe(true);
    const bName = clinics.b.serviceOf("PHYSIOTHERAPY").name;
    const searched = (await graphql<ServicesData>(SERVICES, { cookie: clinics.a.author.cookie, variables: { search: bName } })).data!.therapyServices;
    expect(searched.map((service) => service.id)).toEqual([bPt()]);
  });

  it("lets a clinic refer to another clinic's service that accepts outside referrals", async () => {
    const referral = await createReferral(clinics.c.clinician.cookie, (await createPatient(clinics.c.clinician.cookie)).id, { serviceIds: [bOt()] });
    expect(referral.parts[0]).toMatchObject({ status: "SENT", service: { id: bOt() } });
  });
});

const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id role service { id } permissions } }
`;
const userInput = (overrides: Record<string, unknown>) => ({
  email: `therapist.${randomUUID().slice(0, 8)}@clinic.test`,
  name: "New Therapist",
  password: "a-long-unusual-passphrase-for-tests",
  role: "THERAPIST",
  ...overrides,
});

describe("createUser: therapists", () => {
  it("adds a therapist to one of the clinic's services, who may only decide referrals", async () => {
    const result = await graphql<{ createUser: { role: string; service: { id: string }; permissions: string[] } }>(CREATE_USER, {
      cookie: clinics.b.admin.cookie,
      variables: { input: userInput({ serviceId: bPt() }) },
    });
    expect(result.data?.createUser).toMatchObject({ role: "THERAPIST", service: { id: bPt() }, permissions: ["DECIDE_REFERRALS", "READ_DASHBOARD"] });
  });

  it("refuses a therapist without a service with BAD_USER_INPUT on serviceId", async () => {
    const result = await graphql(CREATE_USER, { cookie: clinics.b.admin.cookie, variables: { input: userInput({}) } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "serviceId"]);
  });

  it("refuses a clinician with a service with BAD_USER_INPUT on serviceId", async () => {
    const result = await graphql(CREATE_USER, { cookie: clinics.b.admin.cookie, variables: { input: userInput({ role: "CLINICIAN", serviceId: bPt() }) } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "serviceId"]);
  });

  it("refuses another clinic's service, even one that accepts outside referrals, with NOT_FOUND", async () => {
    const email = `therapist.${randomUUID().slice(0, 8)}@clinic.test`;
    const result = await graphql(CREATE_USER, { cookie: clinics.a.admin.cookie, variables: { input: userInput({ email, serviceId: bPt() }) } });
    expect(codeOf(result)).toBe("NOT_FOUND");
    expect(await testDb().user.count({ where: { email } })).toBe(0);
  });
});
