import { describe, expect, it } from "vitest";
import { Role } from "@/lib/generated/prisma/enums";
import { assertCan, can, GRANTS, mayChangeReferralStatus, PERMISSIONS, permissionsOf } from "@/lib/permissions";

const clinician = { id: "c", role: "CLINICIAN" as const };
const admin = { id: "a", role: "ADMIN" as const };

describe("permissions", () => {
  it("grants every role of the schema something, and nothing that is not a permission", () => {
    for (const role of Object.values(Role)) {
      expect(GRANTS[role].length).toBeGreaterThan(0);
      for (const permission of GRANTS[role]) expect(PERMISSIONS).toContain(permission);
    }
  });

  it.each([
    ["CLINICIAN", "SEND_REFERRALS", true],
    ["CLINICIAN", "DECIDE_REFERRALS", false],
    ["CLINICIAN", "ADMINISTER_USERS", false],
    ["CLINICIAN", "READ_AUDIT_TRAIL", false],
    ["ADMIN", "DECIDE_REFERRALS", true],
    ["ADMIN", "ADMINISTER_USERS", true],
    ["ADMIN", "READ_AUDIT_TRAIL", true],
  ] as const)("%s may %s: %s", (role, permission, allowed) => {
    expect(can({ role }, permission)).toBe(allowed);
    expect(permissionsOf({ role }).includes(permission)).toBe(allowed);
  });

  it("refuses with FORBIDDEN and a message in the clinic's words", () => {
    expect(() => assertCan(clinician, "READ_AUDIT_TRAIL")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => assertCan(admin, "READ_AUDIT_TRAIL")).not.toThrow();
  });

  it("lets only the author cancel, and only a decider accept, decline or complete", () => {
    const referral = { authorId: clinician.id };
    expect(mayChangeReferralStatus(clinician, referral, "CANCELLED")).toBe(true);
    expect(mayChangeReferralStatus(admin, referral, "CANCELLED")).toBe(false);
    for (const decision of ["ACCEPTED", "DECLINED", "COMPLETED"] as const) {
      expect(mayChangeReferralStatus(clinician, referral, decision)).toBe(false);
      expect(mayChangeReferralStatus(admin, referral, decision)).toBe(true);
    }
    expect(mayChangeReferralStatus(admin, referral, "SENT")).toBe(false);
  });
});
