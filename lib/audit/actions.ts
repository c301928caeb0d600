/**
 * The actions the audit trail records. Plain data with no imports, so the
 * portal's pages can offer them as a filter.
 */
export const AUDIT_ACTIONS = [
  "patient.read",
  "patient.create",
  "patient.update",
  "patient.duplicate_confirmed",
  "referral.read",
  "referral.create",
  "referral.duplicate_confirmed",
  "referral.export_fhir",
  "referral.export_letter",
  "referral_part.read",
  "referral_part.change",
  "referral_event.read",
  "attachment.read",
  "attachment.upload",
  "attachment.download",
  "referral_draft.read",
  "referral_draft.save",
  "referral_draft.discard",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.second_factor",
  "auth.second_factor_failed",
  "auth.session_end",
  "second_factor.enrol",
  "second_factor.remove",
  "second_factor.recovery_codes",
  "second_factor.reset",
  "clinic.second_factor_policy",
  "user.read",
  "user.create",
  "user.set_active",
  "user.deactivate",
  "user.reactivate",
  "user.password_reset",
  "user.password_change",
  "user.invite",
  "user.invitation_accepted",
  "auth.password_reset_requested",
  "auth.password_reset",
  "service.create",
  "service.update",
  "service.remove",
  "user.contact_change",
  "audit.read",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ["SUCCESS", "FAILURE", "DENIED"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
