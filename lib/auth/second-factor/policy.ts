import type { SecondFactorPolicy } from "@/lib/generated/prisma/enums";
import type { Role } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/permissions";

/**
 * Who must have a second factor, and what a session may reach. Pure: the
 * session check (lib/auth/sessions.ts) reads the facts in its one statement and
 * asks here.
 */

/** How long a second-factor check counts for an administrator's action before it is asked for again. */
export const STEP_UP_SECONDS = 10 * 60;

/**
 * COMPLETE: the session reaches the portal. SECOND_FACTOR: the password was
 * right, the user has a second factor and this session has not passed it.
 * ENROLMENT: the user must have a second factor and has none yet. A session in
 * either of the last two reaches nothing but that step.
 */
export type SessionStage = "COMPLETE" | "SECOND_FACTOR" | "ENROLMENT";

/** Administrators (whoever may administer the clinic's users) always; everyone under the EVERYONE policy. */
export function secondFactorRequired(user: { role: Role }, policy: SecondFactorPolicy): boolean {
  return policy === "EVERYONE" || can(user, "ADMINISTER_USERS");
}

export function sessionStage(facts: { secondFactorAt: Date | null; hasSecondFactor: boolean; required: boolean }): SessionStage {
  if (facts.secondFactorAt) return "COMPLETE";
  if (facts.hasSecondFactor) return "SECOND_FACTOR";
  return facts.required ? "ENROLMENT" : "COMPLETE";
}

/** Whether the session passed a second factor within STEP_UP_SECONDS of `now`. */
export function recentlyVerified(secondFactorAt: Date | null, now = Date.now()): boolean {
  return secondFactorAt !== null && now - secondFactorAt.getTime() < STEP_UP_SECONDS * 1000;
}
