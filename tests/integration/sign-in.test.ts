import { describe, expect, it } from "vitest";
import { signIn } from "@/lib/auth/credentials";
import { resolveSession } from "@/lib/auth/sessions";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";

const origin = () => ({ ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });

describe("signIn", () => {
  it("starts a live session for the right email and password, carrying id, role and clinic", async () => {
    const { clinic, users } = await createTestClinic([{ role: "ADMIN" }]);
    const result = await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, origin());
    expect(result.outcome).toBe("SIGNED_IN");
    if (result.outcome !== "SIGNED_IN") return;
    expect(result.viewer).toEqual({
      id: users[0]!.id,
      name: users[0]!.name,
      email: users[0]!.email,
      role: "ADMIN",
      clinicId: clinic.id,
      clinicName: clinic.name,
      serviceId: null,
    });
    // An administrator has an authenticator app (the default policy): the password alone starts a session that owes it.
    expect(await resolveSession(testDb(), result.sessionId)).toBeNull();
    const pending = await resolveSession(testDb(), result.sessionId, { pending: true });
    expect([pending?.viewer.id, pending?.stage]).toEqual([users[0]!.id, "SECOND_FACTOR"]);
  });

  it("starts a live session at once for a clinician without a second factor", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const result = await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, origin());
    if (result.outcome !== "SIGNED_IN") throw new Error(`expected SIGNED_IN, got ${result.outcome}`);
    expect((await resolveSession(testDb(), result.sessionId))?.viewer.id).toBe(users[0]!.id);
  });

  it("carries a therapist's service in the viewer of their session", async () => {
    const { users, services } = await createTestClinic([{ role: "THERAPIST", service: "PHYSIOTHERAPY" }]);
    const result = await signIn(testDb(), { email: users[0]!.email, password: TEST_PASSWORD }, origin());
    if (result.outcome !== "SIGNED_IN") throw new Error(`expected SIGNED_IN, got ${result.outcome}`);
    const physiotherapy = services.find((service) => service.discipline === "PHYSIOTHERAPY")!;
    expect(result.viewer).toMatchObject({ role: "THERAPIST", serviceId: physiotherapy.id });
    expect((await resolveSession(testDb(), result.sessionId))?.viewer).toMatchObject({ role: "THERAPIST", serviceId: physiotherapy.id });
  });

  it("matches the email whatever its capitals and surrounding spaces", async () => {
    const { users } = await createTestClinic();
    const result = await signIn(testDb(), { email: ` ${users[0]!.email.toUpperCase()} `, password: TEST_PASSWORD }, origin());
    expect(result.outcome).toBe("SIGNED_IN");
  });

  it("refuses a wrong password, an unknown email and an inactive user alike, starting no session", async () => {
    const { users } = await createTestClinic([{ active: true }, { active: false }]);
    const [active, inactive] = users;
    const sessionsBefore = await testDb().userSession.count();
    for (const attempt of [
      { email: active!.email, password: "not-the-password" },
      { email: "nobody@clinic.test", password: TEST_PASSWORD },
      { email: inactive!.email, password: TEST_PASSWORD },
    ]) {
      expect((await signIn(testDb(), attempt, origin())).outcome).toBe("REFUSED");
    }
    expect(await testDb().userSession.count()).toBe(sessionsBefore);
  });

  it("refuses missing or non-text credentials", async () => {
    expect((await signIn(testDb(), {}, origin())).outcome).toBe("REFUSED");
    expect((await signIn(testDb(), { email: ["a@b.c"], password: 1 }, origin())).outcome).toBe("REFUSED");
  });

  it("refuses to store two users whose emails differ only in capitals", async () => {
    const { clinic, users } = await createTestClinic();
    await expect(
      testDb().user.create({
        data: { clinicId: clinic.id, email: users[0]!.email.toUpperCase(), name: "Shadow", passwordHash: "x" },
      }),
    ).rejects.toThrow();
  });
});
