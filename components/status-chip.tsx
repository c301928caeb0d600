import { PRIORITY_LABELS, STATUS_LABELS, type ReferralPriority, type ReferralStatus } from "./labels";

// Colour only repeats the words; the text alone says the status.
export function StatusChip({ status }: { status: ReferralStatus }) {
  return <span className={`chip status-${status.toLowerCase()}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityChip({ priority }: { priority: ReferralPriority }) {
  return <span className={`chip priority-${priority.toLowerCase()}`}>{PRIORITY_LABELS[priority]}</span>;
}
