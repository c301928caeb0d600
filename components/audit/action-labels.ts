import type { AuditAction } from "@/lib/audit/actions";

/**
 * What each recorded action means, in words an administrator reads at a glance.
 * Keyed by the actions the trail records: a new action fails typecheck until it has words here.
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "patient.read": "Viewed a patient",
  "patient.create": "Added a patient",
  "patient.update": "Changed a patient's details",
  "patient.duplicate_confirmed": "Added a patient despite a match",
  "referral.read": "Viewed a referral",
  "referral.create": "Sent a referral",
  "referral.duplicate_confirmed": "Sent despite an open referral",
  "referral.export_fhir": "Exported a referral (FHIR)",
  "referral.export_letter": "Printed a referral letter",
  "referral_part.read": "Viewed a referral's part",
  "referral_part.change": "Changed a referral's part",
  "referral_event.read": "Viewed a referral's timeline",
  "attachment.read": "Viewed a referral's attachments",
  "attachment.upload": "Attached a file",
  "attachment.download": "Downloaded an attachment",
  "referral_draft.read": "Opened a draft referral",
  "referral_draft.save": "Saved a draft referral",
  "referral_draft.discard": "Discarded a draft referral",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed to sign in",
  "auth.sign_out": "Signed out",
  "auth.second_factor": "Used a second factor",
  "auth.second_factor_failed": "Failed a second factor",
  "auth.session_end": "Ended another of their sessions",
  "second_factor.enrol": "Added a second factor",
  "second_factor.remove": "Removed a second factor",
  "second_factor.recovery_codes": "Got new recovery codes",
  "second_factor.reset": "Reset a user's second factors",
  "clinic.second_factor_policy": "Changed who needs a second factor",
  "user.read": "Viewed users",
  "user.create": "Added a user",
  "user.set_active": "Changed whether a user is active",
  "user.deactivate": "Deactivated a user",
  "user.reactivate": "Reactivated a user",
  "user.password_reset": "Reset a user's password",
  "user.password_change": "Changed their password",
  "user.invite": "Invited a user by e-mail",
  "user.invitation_accepted": "Accepted an invitation (set a password)",
  "auth.password_reset_requested": "Asked for a password reset link",
  "auth.password_reset": "Reset their password with a link",
  "service.create": "Added a therapy service",
  "service.update": "Changed a therapy service",
  "service.remove": "Removed a therapy service",
  "user.contact_change": "Changed their work phone",
  "audit.read": "Viewed the audit trail",
};

/** The words for an action the page knows, else the recorded code itself. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string | undefined>)[action] ?? action;
}
