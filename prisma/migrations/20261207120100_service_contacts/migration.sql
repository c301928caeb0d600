-- How a referrer reaches a therapy service: its phone and email, shown on the
-- referral page. The work on notifications (issue 24) adds the same two columns,
-- with the same names and types; IF NOT EXISTS lets both migrations apply in
-- either order (Prisma would write plain ADD COLUMN; the result is the same).

-- AlterTable
ALTER TABLE "TherapyService" ADD COLUMN IF NOT EXISTS "contactEmail" TEXT,
ADD COLUMN IF NOT EXISTS "contactPhone" TEXT;
