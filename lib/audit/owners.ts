import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditEventInput } from "./writer";

/** The record types whose rows belong to a clinic through a patient: what another clinic may read of them. */
const PATIENT_RECORDS = new Set(["Patient", "Referral", "ReferralPart", "ReferralEvent"]);

/**
 * Copies of a request's successful reads and exports of patient records that
 * belong to other clinics than the reader's, one per owning clinic, so that a
 * patient's own clinic sees in its trail who elsewhere read their data (the
 * receiving service's therapists). One statement, only for viewers who can
 * read another clinic's records at all.
 */
export async function eventsForOwningClinics(prisma: PrismaClient, readerClinicId: string, events: AuditEventInput[]): Promise<AuditEventInput[]> {
  const reads = events.filter((event) => event.outcome === "SUCCESS" && event.entityType && PATIENT_RECORDS.has(event.entityType) && event.entityIds.length);
  const ids = [...new Set(reads.flatMap((event) => event.entityIds))];
  if (!ids.length) return [];
  const owners = await prisma.$queryRaw<{ id: string; clinicId: string }[]>`
    SELECT id::text, "clinicId"::text FROM "Patient" WHERE id = ANY(${ids}::uuid[]) AND "clinicId" <> ${readerClinicId}::uuid
    UNION ALL
    SELECT id::text, "clinicId"::text FROM "Referral" WHERE id = ANY(${ids}::uuid[]) AND "clinicId" <> ${readerClinicId}::uuid
    UNION ALL
    SELECT p.id::text, r."clinicId"::text FROM "ReferralPart" p JOIN "Referral" r ON r.id = p."referralId"
     WHERE p.id = ANY(${ids}::uuid[]) AND r."clinicId" <> ${readerClinicId}::uuid
    UNION ALL
    SELECT e.id::text, r."clinicId"::text FROM "ReferralEvent" e JOIN "Referral" r ON r.id = e."referralId"
     WHERE e.id = ANY(${ids}::uuid[]) AND r."clinicId" <> ${readerClinicId}::uuid`;
  const ownerOf = new Map(owners.map((row) => [row.id, row.clinicId]));
  return reads.flatMap((event) => {
    const byClinic = new Map<string, string[]>();
    for (const id of event.entityIds) {
      const owner = ownerOf.get(id);
      if (owner) byClinic.set(owner, [...(byClinic.get(owner) ?? []), id]);
    }
    return [...byClinic].map(([clinicId, entityIds]) => ({ ...event, clinicId, entityIds }));
  });
}
