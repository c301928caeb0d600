import { describe, expect, it } from "vitest";
import { recentlyVerified, secondFactorRequired, sessionStage, STEP_UP_SECONDS } from "@/lib/auth/second-factor/policy";
import { matchingStep, stepAt, TOTP_PERIOD_SECONDS, totpOf } from "@/lib/auth/second-factor/totp";
import { normaliseRecoveryCode, newRecoveryCode } from "@/lib/auth/second-factor/recovery-codes";

describe("second-factor policy", () => {
  it.each([
    ["CLINICIAN", "ADMINISTRATORS", false],
    ["THERAPIST", "ADMINISTRATORS", false],
    ["ADMIN", "ADMINISTRATORS", true],
    ["CLINICIAN", "EVERYONE", true],
    ["THERAPIST", "EVERYONE", true],
    ["ADMIN", "EVERYONE", true],
  ] as const)("a %s under %s must have one: %s", (role, policy, required) => {
    expect(secondFactorRequired({ role }, policy)).toBe(required);
  });

  it.each([
    [{ secondFactorAt: new Date(), hasSecondFactor: true, required: true }, "COMPLETE"],
    [{ secondFactorAt: null, hasSecondFactor: true, required: false }, "SECOND_FACTOR"],
    [{ secondFactorAt: null, hasSecondFactor: true, required: true }, "SECOND_FACTOR"],
    [{ secondFactorAt: null, hasSecondFactor: false, required: true }, "ENROLMENT"],
    [{ secondFactorAt: null, hasSecondFactor: false, required: false }, "COMPLETE"],
  ] as const)("a session with %o is at %s", (facts, stage) => {
    expect(sessionStage(facts)).toBe(stage);
  });

  it("counts a check as recent for ten minutes", () => {
    const now = Date.now();
    expect(recentlyVerified(new Date(now - (STEP_UP_SECONDS - 1) * 1000), now)).toBe(true);
    expect(recentlyVerified(new Date(now - (STEP_UP_SECONDS + 1) * 1000), now)).toBe(false);
    expect(recentlyVerified(null, now)).toBe(false);
  });
});

describe("one-time codes (RFC 6238)", () => {
  it("matches the RFC 6238 test vector for SHA-1 at 59 s (94287082, 6 digits: 287082)", () => {
    // RFC 6238 appendix B: the key is ASCII "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ).
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpOf(secret).generate({ timestamp: 59_000 })).toBe("287082");
    expect(matchingStep(secret, "287082", 59_000)).toBe(1);
  });

  it("finds the step of a code within one step either side, and refuses malformed codes", () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const now = 1_800_000_000_000;
    const step = stepAt(now);
    const codeAt = (at: number) => totpOf(secret).generate({ timestamp: at * TOTP_PERIOD_SECONDS * 1000 });
    expect(matchingStep(secret, codeAt(step - 1), now)).toBe(step - 1);
    expect(matchingStep(secret, ` ${codeAt(step + 1)} `, now)).toBe(step + 1);
    expect(matchingStep(secret, codeAt(step + 2), now)).toBeNull();
    expect(matchingStep(secret, "12345", now)).toBeNull();
    expect(matchingStep(secret, "abcdef", now)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are 16 characters in four groups, read whatever the case, spaces or dashes", () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
    expect(normaliseRecoveryCode(` ${code.toUpperCase().replaceAll("-", " ")} `)).toBe(code.replaceAll("-", ""));
  });
});
