import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { createTestClinic, TEST_PASSWORD, testDb } from "../support/db";

describe("authenticate", () => {
  it("returns the viewer with id, role and clinic for the right email and password", async () => {
    const { clinic, users } = await createTestClinic([{ role: "ADMIN" }]);
    const viewer = await authenticate(testDb(), { email: users[0]!.email, password: TEST_PASSWORD });
    expect(viewer).toEqual({
      id: users[0]!.id,
      name: users[0]!.name,
      email: users[0]!.email,
      role: "ADMIN",
      clinicId: clinic.id,
      clinicName: clinic.name,
    });
  });

  it("matches the email whatever its capitals and surrounding spaces", async () => {
    const { users } = await createTestClinic();
    const viewer = await authenticate(testDb(), { email: ` ${users[0]!.email.toUpperCase()} `, password: TEST_PASSWORD });
    expect(viewer?.id).toBe(users[0]!.id);
  });

  it("refuses a wrong password, an unknown email and an inactive user alike", async () => {
    const { users } = await createTestClinic([{ active: true }, { active: false }]);
    const [active, inactive] = users;
    expect(await authenticate(testDb(), { email: active!.email, password: "not-the-password" })).toBeNull();
    expect(await authenticate(testDb(), { email: "nobody@clinic.test", password: TEST_PASSWORD })).toBeNull();
    expect(await authenticate(testDb(), { email: inactive!.email, password: TEST_PASSWORD })).toBeNull();
  });

  it("refuses missing or non-text credentials without touching the database", async () => {
    expect(await authenticate(testDb(), {})).toBeNull();
    expect(await authenticate(testDb(), { email: ["a@b.c"], password: 1 })).toBeNull();
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
