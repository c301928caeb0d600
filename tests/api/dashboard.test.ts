import { beforeAll, describe, expect, it } from "vitest";
import { codeOf, fieldOf } from "../support/api";
import { DASHBOARD, dashboardClinic, type DashboardData } from "../support/dashboard";
import { graphql } from "../support/http";

let clinic: Awaited<ReturnType<typeof dashboardClinic>>;

beforeAll(async () => {
  clinic = await dashboardClinic();
});

const dashboardAs = (cookie: string | null, filter: Record<string, unknown> = {}) => graphql<DashboardData>(DASHBOARD, { cookie, variables: { filter } });
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe("the dashboard over HTTP", () => {
  it("answers an administrator with the last 12 weeks of their clinic's sent and received figures", async () => {
    const result = await dashboardAs(clinic.cookies.ADMIN);
    expect(result.errors).toBeUndefined();
    const dashboard = result.data!.dashboard;
    expect({ from: dashboard.from, to: dashboard.to, showsSent: dashboard.showsSent }).toEqual({ from: isoDay(-83), to: isoDay(0), showsSent: true });
    expect(dashboard.services.map((service) => service.id).sort()).toEqual([clinic.services.OT, clinic.services.PT].sort());
    expect(dashboard.volume.map((row) => [row.direction, row.count])).toEqual([
      ["RECEIVED", 1],
      ["SENT", 1],
    ]);
    expect(dashboard.agreement.overrides.map((override) => override.referralId)).toEqual([clinic.referralId]);
  });

  it("answers a therapist with their own service's received figures only", async () => {
    const result = await dashboardAs(clinic.cookies.THERAPIST);
    expect(result.errors).toBeUndefined();
    const dashboard = result.data!.dashboard;
    expect(dashboard.showsSent).toBe(false);
    expect(dashboard.services.map((service) => service.id)).toEqual([clinic.services.OT]);
    // The one referral went to physiotherapy: nothing of it is the occupational therapist's.
    expect(dashboard.volume).toEqual([]);
    expect(dashboard.agreement.overrides).toEqual([]);
  });

  it("refuses a clinician with FORBIDDEN", async () => {
    const result = await dashboardAs(clinic.cookies.CLINICIAN);
    expect(codeOf(result)).toBe("FORBIDDEN");
    expect(result.data?.dashboard ?? null).toBeNull();
  });

  it("refuses a request without a session with UNAUTHENTICATED", async () => {
    expect(codeOf(await dashboardAs(null))).toBe("UNAUTHENTICATED");
  });

  it("refuses a range that ends before it starts with BAD_USER_INPUT naming the field", async () => {
    const result = await dashboardAs(clinic.cookies.ADMIN, { from: "2026-06-10", to: "2026-06-01" });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["filter", "from"]);
  });

  it("refuses a range longer than two years with BAD_USER_INPUT", async () => {
    const result = await dashboardAs(clinic.cookies.ADMIN, { from: "2023-01-01", to: "2026-06-01" });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toContain("two years");
  });

  it("refuses a date that does not exist with BAD_USER_INPUT", async () => {
    expect(codeOf(await dashboardAs(clinic.cookies.ADMIN, { from: "2026-02-30" }))).toBe("BAD_USER_INPUT");
  });

  it("records the override reasons it showed as a read of those referrals in the audit trail", async () => {
    await dashboardAs(clinic.cookies.ADMIN);
    const audit = await graphql<{ auditEvents: { edges: { node: { action: string; entityIds: string[] } }[] } }>(
      /* GraphQL */ `query { auditEvents(first: 20, filter: { action: "referral.read" }) { edges { node { action entityIds } } } }`,
      { cookie: clinic.cookies.ADMIN },
    );
    expect(audit.errors).toBeUndefined();
    expect(audit.data!.auditEvents.edges.some((edge) => edge.node.entityIds.includes(clinic.referralId))).toBe(true);
  });
});
