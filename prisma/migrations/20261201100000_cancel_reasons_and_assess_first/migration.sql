-- A coded reason (and an optional comment) for every cancellation, kept on the part
-- as a decline's are; parts cancelled before this carry none. A referral may be sent
-- for assessment first: one part, at the service chosen to assess.

-- CreateEnum
CREATE TYPE "CancelReason" AS ENUM ('NO_LONGER_NEEDED', 'PATIENT_WITHDREW', 'REFERRED_ELSEWHERE', 'SENT_IN_ERROR', 'DUPLICATE', 'OTHER');

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "assessFirst" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReferralPart" ADD COLUMN     "cancelReason" "CancelReason",
ADD COLUMN     "cancelComment" TEXT;
