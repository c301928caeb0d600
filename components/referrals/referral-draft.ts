/**
 * A half-written referral, kept so leaving the page (the menu, Back, a reload)
 * does not lose it. It holds patient data, and clinic PCs are shared, so it
 * lives in sessionStorage, not localStorage: it belongs to this tab, dies with
 * the browser session, and every sign-out (and the sign-in page) clears all
 * drafts. The key names the user and the patient, so one clinician's draft is
 * never offered to another, nor for another patient.
 */

const PREFIX = "referral-draft:";

export interface ReferralDraft {
  needs: string[];
  conditions: string[];
  notes: string;
  decision: "accept" | "override";
  choice: string | null;
  overrideReason: string;
  priority: string;
  serviceIds: Record<string, string>;
  /** When it was last changed, shown in the offer to restore it. */
  savedAt: string;
}

const keyOf = (userId: string, patientId: string) => `${PREFIX}${userId}:${patientId}`;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    // Storage disabled by the browser's settings: no drafts, nothing else breaks.
    return null;
  }
}

export function readReferralDraft(userId: string, patientId: string): ReferralDraft | null {
  const raw = storage()?.getItem(keyOf(userId, patientId));
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as Partial<ReferralDraft>;
    if (!Array.isArray(draft.needs) || !Array.isArray(draft.conditions) || typeof draft.notes !== "string") return null;
    return draft as ReferralDraft;
  } catch {
    return null;
  }
}

export function saveReferralDraft(userId: string, patientId: string, draft: ReferralDraft): void {
  try {
    storage()?.setItem(keyOf(userId, patientId), JSON.stringify(draft));
  } catch {
    // Quota exceeded: the draft is a convenience, the form goes on without it.
  }
}

export function discardReferralDraft(userId: string, patientId: string): void {
  storage()?.removeItem(keyOf(userId, patientId));
}

/** Every draft of every user in this tab: on sign-out, and on the sign-in page. */
export function clearReferralDrafts(): void {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter((key): key is string => key?.startsWith(PREFIX) ?? false);
  for (const key of keys) store.removeItem(key);
}
