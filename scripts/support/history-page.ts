/**
 * The history page as one joined SQL statement (newest first, 50 rows of the
 * clinic's referrals with patient and author), for the two reference servers
 * of `npm run bench:http`. Parameters: the clinic id, then the row count.
 */
const PAGE = `
    FROM "Referral" r
    JOIN "Patient" p ON p.id = r."patientId"
    JOIN "User" u ON u.id = r."authorId"
   WHERE r."clinicId" = $1
   ORDER BY r."createdAt" DESC, r.id DESC
   LIMIT $2`;

/** The limit (limit-server.ts): the columns the limit reads, unchanged since its first figures. */
export const LIMIT_PAGE_SQL = `
  SELECT r.id, r."createdAt", r.priority, p."givenName", p."familyName", p."medicalRecordNumber", u.name AS author ${PAGE}`;

/** Stock Apollo Server (apollo-floor-server.ts) answers the portal's query, which also asks for the disciplines and the ids. */
export const APOLLO_PAGE_SQL = `
  SELECT r.id, r."createdAt", r.priority, r.disciplines, p.id AS "patientId", p."givenName", p."familyName",
         p."medicalRecordNumber", u.id AS "authorId", u.name AS author ${PAGE}`;

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
