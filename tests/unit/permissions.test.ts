import { describe, expect, it } from "vitest";
import { Role } from "@/lib/generated/prisma/enums";
import { actsAs, assertCan, can, dashboardScope, GRANTS, PERMISSIONS, permissionsOf } from "@/lib/permissions";

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
    ["ADMIN", "DECIDE_REFERRALS", false],
    ["THERAPIST", "DECIDE_REFERRALS", true],
    ["THERAPIST", "READ_PATIENTS", false],
    ["ADMIN", "ADMINISTER_USERS", true],
    ["ADMIN", "READ_AUDIT_TRAIL", true],
    ["ADMIN", "READ_DASHBOARD", true],
    ["ADMIN", "MANAGE_SERVICES", true],
    ["ADMIN", "READ_MAIL_DELIVERIES", true],
    ["CLINICIAN", "MANAGE_SERVICES", false],
    ["THERAPIST", "MANAGE_SERVICES", false],
    ["CLINICIAN", "READ_MAIL_DELIVERIES", false],
    ["THERAPIST", "READ_DASHBOARD", true],
    ["CLINICIAN", "READ_DASHBOARD", false],
  ] as const)("%s may %s: %s", (role, permission, allowed) => {
    expect(can({ role }, permission)).toBe(allowed);
    expect(permissionsOf({ role }).includes(permission)).toBe(allowed);
  });

  it("refuses with FORBIDDEN and a message in the clinic's words", () => {
    expect(() => assertCan(clinician, "READ_AUDIT_TRAIL")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => assertCan(admin, "READ_AUDIT_TRAIL")).not.toThrow();
  });

  it("lets a service's therapist, the referring clinic and the author act as themselves only", () => {
    const part = { serviceId: "service-1", referral: { clinicId: "clinic-1", authorId: "c" } };
    const therapist = { id: "t", role: "THERAPIST" as const, clinicId: "clinic-2", serviceId: "service-1" };
    const otherTherapist = { ...therapist, id: "t2", serviceId: "service-2" };
    const referrer = { ...clinician, clinicId: "clinic-1", serviceId: null };
    const colleague = { ...referrer, id: "c2" };
    const outsider = { ...clinician, clinicId: "clinic-3", serviceId: null };
    expect(actsAs(therapist, "SERVICE", part)).toBe(true);
    expect(actsAs(otherTherapist, "SERVICE", part)).toBe(false);
    expect(actsAs(referrer, "SERVICE", part)).toBe(false);
    expect(actsAs(referrer, "REFERRER", part)).toBe(true);
    expect(actsAs(colleague, "REFERRER", part)).toBe(true);
    expect(actsAs(outsider, "REFERRER", part)).toBe(false);
    expect(actsAs(therapist, "REFERRER", part)).toBe(false);
    expect(actsAs(referrer, "AUTHOR", part)).toBe(true);
    expect(actsAs(colleague, "AUTHOR", part)).toBe(false);
  });

  it("gives therapists no access to patients, the clinic's history or its administration", () => {
    expect(permissionsOf({ role: "THERAPIST" })).toEqual(["DECIDE_REFERRALS", "READ_DASHBOARD"]);
    expect(can({ role: "ADMIN" }, "DECIDE_REFERRALS")).toBe(false);
  });

  it("shows the dashboard's sent figures to administrators and its received ones by clinic, or by the therapist's own service", () => {
    const administrator = { id: "a", role: "ADMIN" as const, clinicId: "clinic-1", serviceId: null };
    const therapist = { id: "t", role: "THERAPIST" as const, clinicId: "clinic-1", serviceId: "service-1" };
    expect(dashboardScope(administrator)).toEqual({ sent: true, received: "CLINIC" });
    expect(dashboardScope(therapist)).toEqual({ sent: false, received: { serviceId: "service-1" } });
    expect(() => dashboardScope({ ...administrator, role: "CLINICIAN" })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});
