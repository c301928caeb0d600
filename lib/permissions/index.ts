import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

/**
 * Who may do what: the one place that knows what a role allows. Resolvers,
 * pages and the navigation ask here (the UI through `me.permissions`), never
 * compare role names themselves; adding a role is a change to GRANTS and its tests.
 * Which rows a clinic may see at all is lib/db/tenant.ts's to say.
 */

export const PERMISSIONS = [
  "READ_PATIENTS",
  "CREATE_PATIENTS",
  /** The referrals the clinic sent: its history. */
  "READ_REFERRALS",
  /** Send referrals, answer the services' questions, acknowledge outcomes. */
  "SEND_REFERRALS",
  /** Work the viewer's own therapy service's referrals: the worklist and its decisions. */
  "DECIDE_REFERRALS",
  "ADMINISTER_USERS",
  "READ_AUDIT_TRAIL",
  /** The referral flow dashboard: the clinic's sent referrals and its services' received ones (a therapist: their service's). */
  "READ_DASHBOARD",
  /** Add, rename, describe, close and remove the clinic's own therapy services. */
  "MANAGE_SERVICES",
  /** How the e-mail of the clinic's users' notifications went (sent, retrying, not sent, failed). */
  "READ_MAIL_DELIVERIES",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const CLINICAL: readonly Permission[] = ["READ_PATIENTS", "CREATE_PATIENTS", "READ_REFERRALS", "SEND_REFERRALS"];

export const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  CLINICIAN: CLINICAL,
  // Administrators run the clinic's accounts and trail; deciding on referrals is the services' work.
  ADMIN: [...CLINICAL, "ADMINISTER_USERS", "READ_AUDIT_TRAIL", "READ_DASHBOARD", "MANAGE_SERVICES", "READ_MAIL_DELIVERIES"],
  THERAPIST: ["DECIDE_REFERRALS", "READ_DASHBOARD"],
};

/** What a refusal says, in the clinic's words. */
const REFUSALS: Readonly<Record<Permission, string>> = {
  READ_PATIENTS: "You cannot see patients.",
  CREATE_PATIENTS: "You cannot add patients.",
  READ_REFERRALS: "You cannot see the clinic's referrals.",
  SEND_REFERRALS: "Only the referring clinic's clinicians can do this.",
  DECIDE_REFERRALS: "Only a therapist of the receiving service can do this.",
  ADMINISTER_USERS: "Only clinic administrators can do this.",
  READ_AUDIT_TRAIL: "Only clinic administrators can see the audit trail.",
  READ_DASHBOARD: "Only clinic administrators and therapists can see the dashboard.",
  MANAGE_SERVICES: "Only clinic administrators can change the clinic's services.",
  READ_MAIL_DELIVERIES: "Only clinic administrators can see how the clinic's e-mail went.",
};

export interface Actor {
  id: string;
  role: Role;
  clinicId: string;
  serviceId: string | null;
}

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

export function permissionsOf(actor: Pick<Actor, "role">): Permission[] {
  return PERMISSIONS.filter((permission) => can(actor, permission));
}

export function refusal(permission: Permission): AppError {
  return new AppError("FORBIDDEN", REFUSALS[permission]);
}

/** Refuses with FORBIDDEN unless the actor holds the permission. */
export function assertCan(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw refusal(permission);
}

/** Who acts on a referral part: its service (a therapist of it), the referring clinic, or the referral's author. */
export type PartActor = "SERVICE" | "REFERRER" | "AUTHOR";

/** Whether `actor` acts as `who` on a part of a referral (`referral.clinicId`, `authorId`) at `part.serviceId`. */
export function actsAs(
  actor: Actor,
  who: PartActor,
  part: { serviceId: string; referral: { clinicId: string; authorId: string } },
): boolean {
  switch (who) {
    case "SERVICE":
      return can(actor, "DECIDE_REFERRALS") && actor.serviceId === part.serviceId;
    case "REFERRER":
      return can(actor, "SEND_REFERRALS") && actor.clinicId === part.referral.clinicId;
    case "AUTHOR":
      return actor.id === part.referral.authorId;
  }
}

/**
 * The service whose received parts the actor works, if any: a therapist's own.
 * At a receiving clinic only they see what another clinic sent there
 * (lib/db/tenant.ts confines each request's database to it).
 */
export function receivingServiceOf(actor: Pick<Actor, "role" | "serviceId">): string | null {
  return can(actor, "DECIDE_REFERRALS") ? actor.serviceId : null;
}

/** Whether the actor reads referrals by their clinic (its history) or only those sent to their own service. */
export function referralReadScope(actor: Actor): { serviceId: string } | "CLINIC" | null {
  if (can(actor, "READ_REFERRALS")) return "CLINIC";
  if (can(actor, "DECIDE_REFERRALS") && actor.serviceId) return { serviceId: actor.serviceId };
  return null;
}

/**
 * What the dashboard counts for a viewer who may read it: the referrals their
 * clinic sent (those who read the clinic's referrals), and the parts received by
 * their own service (a therapist) or by every service of their clinic.
 */
export function dashboardScope(actor: Actor): { sent: boolean; received: { serviceId: string | null } | "CLINIC" } {
  assertCan(actor, "READ_DASHBOARD");
  // A therapist without a service (the database forbids it) would see no received parts, never the clinic's.
  return { sent: can(actor, "READ_REFERRALS"), received: can(actor, "DECIDE_REFERRALS") ? { serviceId: actor.serviceId } : "CLINIC" };
}
