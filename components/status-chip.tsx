import { DISCIPLINE_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Discipline, type ReferralPriority, type ReferralStatus } from "./labels";

// Colour only repeats the words; the text alone says the status.
export function StatusChip({ status }: { status: ReferralStatus }) {
  return <span className={`chip status-${status.toLowerCase()}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityChip({ priority }: { priority: ReferralPriority }) {
  return <span className={`chip priority-${priority.toLowerCase()}`}>{PRIORITY_LABELS[priority]}</span>;
}

const DISCIPLINE_SHORT: Record<Discipline, string> = { OCCUPATIONAL_THERAPY: "OT", PHYSIOTHERAPY: "PT" };

/** One chip per part, in the order the parts were sent: "OT: Sent · PT: Completed". */
export function PartChips({ parts }: { parts: readonly { id: string; discipline: Discipline; status: ReferralStatus }[] }) {
  return (
    <ul className="part-chips" aria-label="Parts">
      {parts.map((part) => (
        <li key={part.id}>
          <span className={`chip status-${part.status.toLowerCase()}`} data-testid="part-chip">
            <span aria-hidden="true">{DISCIPLINE_SHORT[part.discipline]}: </span>
            <span className="visually-hidden">{DISCIPLINE_LABELS[part.discipline]}: </span>
            {STATUS_LABELS[part.status]}
          </span>
        </li>
      ))}
    </ul>
  );
}
