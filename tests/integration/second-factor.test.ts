import { describe, expect, it } from "vitest";
import { consumeRecoveryCode, recoveryCodeDigest, replaceRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { consumeTotpCode, stepAt, TOTP_PERIOD_SECONDS, totpOf } from "@/lib/auth/second-factor/totp";
import { resolveSession, startSession } from "@/lib/auth/sessions";
import { createTestClinic, testDb } from "../support/db";
import { enrolTestTotp } from "../support/second-factor";

const origin = { ip: "10.0.0.2", userAgent: "vitest" };
const codeAt = (secret: string, step: number) => totpOf(secret).generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });

describe("second factors in PostgreSQL", () => {
  it("accepts one of ten concurrent uses of a recovery code, whichever instance they reach", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const [code] = await replaceRecoveryCodes(testDb(), users[0]!.id);
    const uses = await Promise.all(Array.from({ length: 10 }, () => consumeRecoveryCode(testDb(), users[0]!.id, code!.toUpperCase())));
    expect(uses.filter((id) => id !== null)).toHaveLength(1);
    expect(await testDb().recoveryCode.count({ where: { userId: users[0]!.id, usedAt: null } })).toBe(9);
  });

  it("keeps recovery codes only as digests, and refuses another user's code", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }, { role: "CLINICIAN" }]);
    const [code] = await replaceRecoveryCodes(testDb(), users[0]!.id);
    const stored = await testDb().recoveryCode.findMany({ where: { userId: users[0]!.id } });
    expect(stored.some((row) => row.codeHash.includes(code!.replaceAll("-", "")))).toBe(false);
    expect(stored.map((row) => row.codeHash)).toContain(recoveryCodeDigest(users[0]!.id, code!));
    expect(await consumeRecoveryCode(testDb(), users[1]!.id, code!)).toBeNull();
  });

  it("accepts one of ten concurrent uses of a one-time code, and no code of an earlier step after it", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const userId = users[0]!.id;
    const secret = await enrolTestTotp(userId);
    const now = stepAt(Date.now());
    const uses = await Promise.all(Array.from({ length: 10 }, () => consumeTotpCode(testDb(), userId, codeAt(secret, now))));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await consumeTotpCode(testDb(), userId, codeAt(secret, now - 1))).toBe(false);
    expect(await consumeTotpCode(testDb(), userId, codeAt(secret, now + 1))).toBe(true);
  });

  it("accepts a code one step either side of the server's clock and none further", async () => {
    const { users } = await createTestClinic([{ role: "CLINICIAN" }]);
    const userId = users[0]!.id;
    const secret = await enrolTestTotp(userId);
    const now = Date.now();
    const step = stepAt(now);
    expect(await consumeTotpCode(testDb(), userId, codeAt(secret, step + 2), now)).toBe(false);
    expect(await consumeTotpCode(testDb(), userId, codeAt(secret, step - 1), now)).toBe(true);
    expect(await consumeTotpCode(testDb(), userId, codeAt(secret, step + 1), now)).toBe(true);
  });

  it("resolves a session that owes its second factor only for the step that asks for it", async () => {
    const { users } = await createTestClinic([{ role: "ADMIN" }, { role: "ADMIN", secondFactor: false }, { role: "CLINICIAN" }]);
    const [withApp, without, clinician] = await Promise.all(users.map((user) => startSession(testDb(), user.id, origin)));
    expect(await resolveSession(testDb(), withApp)).toBeNull();
    expect((await resolveSession(testDb(), withApp, { pending: true }))?.stage).toBe("SECOND_FACTOR");
    expect(await resolveSession(testDb(), without)).toBeNull();
    expect((await resolveSession(testDb(), without, { pending: true }))?.stage).toBe("ENROLMENT");
    expect((await resolveSession(testDb(), clinician))?.stage).toBe("COMPLETE");

    await testDb().clinic.update({ where: { id: users[0]!.clinicId }, data: { secondFactorPolicy: "EVERYONE" } });
    expect(await resolveSession(testDb(), clinician)).toBeNull();
    expect((await resolveSession(testDb(), clinician, { pending: true }))?.stage).toBe("ENROLMENT");

    await testDb().userSession.update({ where: { id: withApp }, data: { secondFactorAt: new Date() } });
    expect((await resolveSession(testDb(), withApp))?.stage).toBe("COMPLETE");
  });
});
