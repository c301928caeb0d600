/**
 * The history page as one joined SQL statement (newest first, 50 rows of the
 * clinic's referrals with patient and author), which both reference servers of
 * `npm run bench:http` run: the limit (limit-server.ts) and stock Apollo Server
 * (apollo-floor-server.ts). Parameters: the clinic id, then the row count.
 */
export const HISTORY_PAGE_SQL = `
  SELECT r.id, r."createdAt", r.priority, r.disciplines, p.id AS "patientId", p."givenName", p."familyName",
         p."medicalRecordNumber", u.id AS "authorId", u.name AS author
    FROM "Referral" r
    JOIN "Patient" p ON p.id = r."patientId"
    JOIN "User" u ON u.id = r."authorId"
   WHERE r."clinicId" = $1
   ORDER BY r."createdAt" DESC, r.id DESC
   LIMIT $2`;

export interface HistoryPageRow {
  id: string;
  createdAt: Date;
  priority: string;
  disciplines: string[];
  patientId: string;
  givenName: string;
  familyName: string;
  medicalRecordNumber: string;
  authorId: string;
  author: string;
}
