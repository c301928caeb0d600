import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changePartOk, clinicWithSessions, codeOf, createPatient, createReferral } from "../support/api";
import { testDb } from "../support/db";
import { graphql } from "../support/http";
import { eventually } from "../support/smtp";

/** A clinic's own services and everyone's notifications, over GraphQL as the browser uses it. */

const SERVICE_FIELDS = `id name discipline description eligibilityCriteria exclusions contactPhone contactEmail address acceptsExternalReferrals closed
  responseTargets { priority workingDays own }`;
const CREATE = `mutation($input: CreateTherapyServiceInput!) { createTherapyService(input: $input) { ${SERVICE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateTherapyServiceInput!) { updateTherapyService(id: $id, input: $input) { ${SERVICE_FIELDS} } }`;
const DIRECTORY = `query($discipline: Discipline) { therapyServices(discipline: $discipline) { id description eligibilityCriteria } }`;

type Service = { id: string; name: string; closed: boolean; responseTargets: { priority: string; workingDays: number; own: boolean }[] } & Record<string, unknown>;

describe("services", () => {
  it("an administrator adds a described service that another clinic's clinician finds, with its description, in the directory", async () => {
    const [ours, theirs] = await Promise.all([clinicWithSessions(["ADMIN"]), clinicWithSessions(["CLINICIAN"])]);
    const input = {
      name: `Falls Clinic ${randomUUID().slice(0, 6)}`,
      discipline: "PHYSIOTHERAPY",
      description: "Balance and strength for people who have fallen.",
      eligibilityCriteria: "Adults over 65 with a fall in the last year.",
      exclusions: "Acute injuries.",
      contactPhone: "+44 1632 960 000",
      contactEmail: "Falls@Clinic.Example",
      address: "1 High Street\nEaston",
      acceptsExternalReferrals: true,
      responseTargets: { URGENT: 3 },
    };
    const created = await graphql<{ createTherapyService: Service }>(CREATE, { cookie: ours.cookies[0], variables: { input } });
    expect(created.errors).toBeUndefined();
    const service = created.data!.createTherapyService;
    expect(service).toMatchObject({ ...input, contactEmail: "falls@clinic.example", closed: false, responseTargets: expect.any(Array) });
    expect(service.responseTargets).toEqual([
      { priority: "ROUTINE", workingDays: 28, own: false },
      { priority: "URGENT", workingDays: 3, own: true },
      { priority: "ASAP", workingDays: 2, own: false },
      { priority: "STAT", workingDays: 1, own: false },
    ]);
    const directory = await graphql<{ therapyServices: { id: string; description: string; eligibilityCriteria: string }[] }>(DIRECTORY, {
      cookie: theirs.cookies[0],
      variables: { discipline: "PHYSIOTHERAPY" },
    });
    expect(directory.data?.therapyServices).toContainEqual({ id: service.id, description: input.description, eligibilityCriteria: input.eligibilityCriteria });
    const event = await testDb().auditEvent.findFirst({ where: { action: "service.create", entityIds: { has: service.id } } });
    expect(event?.userId).toBe(ours.users[0]!.id);
  });

  it("renames, clears a text, closes (gone from the directory, still listed for the clinic) and reopens a service", async () => {
    const { cookies, services } = await clinicWithSessions(["ADMIN"]);
    const id = services[0]!.id;
    const named = await graphql<{ updateTherapyService: Service }>(UPDATE, { cookie: cookies[0], variables: { id, input: { name: "Renamed OT", description: "Kept", exclusions: "Gone soon" } } });
    expect(named.data?.updateTherapyService).toMatchObject({ name: "Renamed OT", description: "Kept", exclusions: "Gone soon" });
    const cleared = await graphql<{ updateTherapyService: Service }>(UPDATE, { cookie: cookies[0], variables: { id, input: { exclusions: null, closed: true } } });
    expect(cleared.data?.updateTherapyService).toMatchObject({ name: "Renamed OT", description: "Kept", exclusions: null, closed: true });
    const directory = await graphql<{ therapyServices: { id: string }[] }>(DIRECTORY, { cookie: cookies[0] });
    expect(directory.data?.therapyServices.map((service) => service.id)).not.toContain(id);
    const own = await graphql<{ clinicServices: { id: string; closed: boolean }[] }>(`{ clinicServices { id closed } }`, { cookie: cookies[0] });
    expect(own.data?.clinicServices).toContainEqual({ id, closed: true });
    const reopened = await graphql<{ updateTherapyService: Service }>(UPDATE, { cookie: cookies[0], variables: { id, input: { closed: false } } });
    expect(reopened.data?.updateTherapyService.closed).toBe(false);
  });

  it("removes a service without open referrals or therapists; it leaves the clinic's list and its past referrals keep it", async () => {
    const { cookies, services } = await clinicWithSessions(["ADMIN", "CLINICIAN"]);
    const physiotherapy = services.find((service) => service.discipline === "PHYSIOTHERAPY")!;
    const patient = await createPatient(cookies[1]!);
    const referral = await createReferral(cookies[1]!, patient.id, { disciplines: ["PHYSIOTHERAPY"], needs: { needs: ["PAIN"], conditions: [], notes: "" } });
    await changePartOk(cookies[1]!, referral.parts[0]!.id, "CANCEL", 1);
    const removed = await graphql(`mutation($id: ID!) { removeTherapyService(id: $id) }`, { cookie: cookies[0], variables: { id: physiotherapy.id } });
    expect(removed.errors).toBeUndefined();
    const own = await graphql<{ clinicServices: { id: string }[] }>(`{ clinicServices { id } }`, { cookie: cookies[0] });
    expect(own.data?.clinicServices.map((service) => service.id)).not.toContain(physiotherapy.id);
    const past = await graphql<{ referral: { parts: { service: { name: string } }[] } }>(`query($id: ID!) { referral(id: $id) { parts { service { name } } } }`, {
      cookie: cookies[1],
      variables: { id: referral.id },
    });
    expect(past.data?.referral.parts[0]!.service.name).toBe(physiotherapy.name);
    expect(codeOf(await graphql(UPDATE, { cookie: cookies[0], variables: { id: physiotherapy.id, input: { closed: false } } }))).toBe("NOT_FOUND");
  });
});

describe("notifications", () => {
  it("tells the referral's author of a decision, lists it once, counts it unread until read, and takes each user's e-mail choice", async () => {
    const { cookies } = await clinicWithSessions(["CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
    const [author, therapist] = cookies as [string, string];
    const patient = await createPatient(author);
    const referral = await createReferral(author, patient.id);
    await changePartOk(therapist, referral.parts[0]!.id, "ACCEPT", 1);

    const listed = await graphql<{ notifications: { edges: { node: { id: string; kind: string; text: string; path: string; read: boolean } }[] } }>(
      `{ notifications(first: 10) { edges { node { id kind text path read } } } }`,
      { cookie: author },
    );
    const nodes = listed.data!.notifications.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ kind: "PART_DECIDED", path: `/referrals/${referral.id}`, read: false });
    expect(nodes[0]!.text).toMatch(/decided on a referral you sent\.$/);
    const unread = async (cookie: string) => (await graphql<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`, { cookie })).data!.unreadNotificationCount;
    expect(await unread(author)).toBe(1);
    expect(await unread(therapist)).toBe(1);
    await graphql(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { cookie: author, variables: { ids: [nodes[0]!.id] } });
    expect(await unread(author)).toBe(0);

    const chosen = await graphql<{ setNotificationPreference: { kind: string; delivery: string }[] }>(
      `mutation { setNotificationPreference(kind: PART_DECIDED, delivery: OFF) { kind delivery } }`,
      { cookie: author },
    );
    expect(chosen.data?.setNotificationPreference).toContainEqual({ kind: "PART_DECIDED", delivery: "OFF" });
    expect(codeOf(await graphql(`mutation { setNotificationPreference(kind: PASSWORD_RESET, delivery: OFF) { kind } }`, { cookie: author }))).toBe("BAD_USER_INPUT");
  });

  it("shows the clinic's administrators how each e-mail went", async () => {
    const { cookies, users } = await clinicWithSessions(["ADMIN", "CLINICIAN", { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
    const patient = await createPatient(cookies[1]!);
    await createReferral(cookies[1]!, patient.id);
    type Deliveries = { mailDeliveries: { edges: { node: { recipientName: string; status: string; kind: string } }[] } };
    const read = () => graphql<Deliveries>(`{ mailDeliveries(first: 10) { edges { node { recipientName status kind } } } }`, { cookie: cookies[0] });
    await eventually(async () => (await read()).data?.mailDeliveries.edges[0]?.node.status === "SENT", "the e-mail to be sent");
    expect((await read()).data?.mailDeliveries.edges.map((edge) => edge.node)).toEqual([{ recipientName: users[2]!.name, status: "SENT", kind: "PART_RECEIVED" }]);
  });
});
