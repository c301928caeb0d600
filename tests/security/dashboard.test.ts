import { beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "../support/api";
import { DASHBOARD, dashboardClinic, type DashboardData } from "../support/dashboard";
import { graphql } from "../support/http";
import { refusedBy } from "../support/attacks";

/**
 * The dashboard is raw SQL scoped by hand (lib/dashboard), so its scope is
 * attacked here directly: clinic B names clinic A's services, a clinician and a
 * therapist reach past their grants, and ranges are made as large as possible.
 */
let victim: Awaited<ReturnType<typeof dashboardClinic>>;
let attacker: Awaited<ReturnType<typeof dashboardClinic>>;

beforeAll(async () => {
  [victim, attacker] = await Promise.all([dashboardClinic(), dashboardClinic()]);
});

const dashboardAs = (cookie: string, filter: Record<string, unknown> = {}) => graphql<DashboardData>(DASHBOARD, { cookie, variables: { filter } });

describe("attacks on the dashboard", () => {
  it("attack: another clinic's service id in the filter answers NOT_FOUND, with none of its numbers", async () => {
    for (const serviceId of [victim.services.OT, victim.services.PT]) {
      const result = await dashboardAs(attacker.cookies.ADMIN, { serviceId });
      expect(codeOf(result)).toBe("NOT_FOUND");
      expect(result.data?.dashboard ?? null).toBeNull();
      refusedBy("tenancy", result);
    }
  });

  it("attack: an administrator's figures never include another clinic's referrals or reasons", async () => {
    const result = await dashboardAs(attacker.cookies.ADMIN);
    const dashboard = result.data!.dashboard;
    expect(dashboard.services.map((service) => service.id).sort()).toEqual([attacker.services.OT, attacker.services.PT].sort());
    expect(dashboard.agreement.overrides.map((override) => override.referralId)).toEqual([attacker.referralId]);
    expect(dashboard.waitingList.length).toBeGreaterThan(0);
    expect(dashboard.waitingList.every((row) => row.serviceId === attacker.services.PT)).toBe(true);
    refusedBy("tenancy", { defence: "tenancy", code: "OWN_ONLY" });
  });

  it("attack: a clinician asks for the dashboard and gets FORBIDDEN", async () => {
    const result = await dashboardAs(victim.cookies.CLINICIAN);
    expect(codeOf(result)).toBe("FORBIDDEN");
    refusedBy("role", result);
  });

  it("attack: a therapist names their clinic's other service and gets NOT_FOUND", async () => {
    const result = await dashboardAs(victim.cookies.THERAPIST, { serviceId: victim.services.PT });
    expect(codeOf(result)).toBe("NOT_FOUND");
    refusedBy("tenancy", result);
  });

  it("attack: an oversized range is refused with BAD_USER_INPUT", async () => {
    for (const filter of [{ from: "0001-01-01", to: "9999-12-31" }, { from: "1970-01-01" }, { from: "2020-01-01", to: "2026-01-01" }]) {
      const result = await dashboardAs(victim.cookies.ADMIN, filter);
      expect(codeOf(result)).toBe("BAD_USER_INPUT");
      refusedBy("input", result);
    }
  });

  it("attack: SQL in the service id is refused with BAD_USER_INPUT before any query", async () => {
    const result = await dashboardAs(victim.cookies.ADMIN, { serviceId: "' OR 1=1 --" });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    refusedBy("input", result);
  });
});
