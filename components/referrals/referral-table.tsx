import Link from "next/link";
import { disciplinesLabel, formatDateTime, personName } from "@/components/labels";
import { PartChips, PriorityChip } from "@/components/status-chip";
import type { ReferralSummaryFieldsFragment as ReferralSummary } from "@/lib/generated/graphql/graphql";

/**
 * Referrals newest first; the date opens the referral. A column that would repeat
 * one value throughout is left out. Each part has its own status chip: one
 * badge for a whole referral hid a completed part behind an open one. On a
 * phone each row shows as a card (globals.css).
 */
export function ReferralTable({
  referrals,
  caption,
  showPatient = true,
  showAuthor = true,
}: {
  referrals: readonly ReferralSummary[];
  caption: string;
  showPatient?: boolean;
  showAuthor?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="referral-table referral-cards">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Sent</th>
            {showPatient && <th scope="col">Patient</th>}
            {showAuthor && <th scope="col">Author</th>}
            <th scope="col">Disciplines</th>
            <th scope="col">Priority</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((referral) => (
            <tr key={referral.id}>
              <td className="cell-sent">
                <Link href={`/referrals/${referral.id}`}>{formatDateTime(referral.createdAt)}</Link>
              </td>
              {showPatient && (
                <td className="cell-patient">
                  <Link href={`/patients/${referral.patient.id}`}>{personName(referral.patient)}</Link>
                  <span className="muted block">{referral.patient.medicalRecordNumber}</span>
                </td>
              )}
              {showAuthor && (
                <td className="cell-author" data-label="Author">
                  {referral.author.name}
                </td>
              )}
              <td className="cell-disciplines" data-label="Disciplines">
                {disciplinesLabel(referral.disciplines)}
              </td>
              <td className="cell-priority">
                <PriorityChip priority={referral.priority} />
              </td>
              <td className="cell-status">
                <PartChips parts={referral.parts} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
