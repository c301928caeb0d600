import type { ReferralStatus, Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

/**
 * Who may do what: the one place that knows what a role allows. Resolvers,
 * pages and the navigation ask here (the UI through `me.permissions`), never
 * compare role names themselves; adding a role is a change to GRANTS and its tests.
 */

export const PERMISSIONS = [
  "READ_PATIENTS",
  "CREATE_PATIENTS",
  "READ_REFERRALS",
  "SEND_REFERRALS",
  /** Accept, decline and complete referrals on behalf of the therapy service. */
  "DECIDE_REFERRALS",
  "ADMINISTER_USERS",
  "READ_AUDIT_TRAIL",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const CLINICAL: readonly Permission[] = ["READ_PATIENTS", "CREATE_PATIENTS", "READ_REFERRALS", "SEND_REFERRALS"];

export const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  CLINICIAN: CLINICAL,
  ADMIN: [...CLINICAL, "DECIDE_REFERRALS", "ADMINISTER_USERS", "READ_AUDIT_TRAIL"],
};

/** What a refusal says, in the clinic's words. */
const REFUSALS: Readonly<Record<Permission, string>> = {
  READ_PATIENTS: "You cannot see patients.",
  CREATE_PATIENTS: "You cannot add patients.",
  READ_REFERRALS: "You cannot see referrals.",
  SEND_REFERRALS: "You cannot send referrals.",
  DECIDE_REFERRALS: "Only a clinic administrator can accept, decline or complete referrals.",
  ADMINISTER_USERS: "Only clinic administrators can do this.",
  READ_AUDIT_TRAIL: "Only clinic administrators can see the audit trail.",
};

interface Actor {
  id: string;
  role: Role;
}

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

export function permissionsOf(actor: Pick<Actor, "role">): Permission[] {
  return PERMISSIONS.filter((permission) => can(actor, permission));
}

/** Refuses with FORBIDDEN unless the actor holds the permission. */
export function assertCan(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("FORBIDDEN", REFUSALS[permission]);
}

/** The statuses that record the therapy service's decision. */
const DECISIONS: readonly ReferralStatus[] = ["ACCEPTED", "DECLINED", "COMPLETED"];

/** Whether this actor may move this referral to `to` (the transition itself is lib/referrals/lifecycle.ts's to judge). */
export function mayChangeReferralStatus(actor: Actor, referral: { authorId: string }, to: ReferralStatus): boolean {
  if (to === "CANCELLED") return actor.id === referral.authorId;
  return DECISIONS.includes(to) && can(actor, "DECIDE_REFERRALS");
}

/** The FORBIDDEN a refused status change answers with. */
export function refuseReferralStatus(to: ReferralStatus): AppError {
  return to === "CANCELLED"
    ? new AppError("FORBIDDEN", "Only the clinician who sent this referral can cancel it.")
    : new AppError("FORBIDDEN", REFUSALS.DECIDE_REFERRALS);
}
