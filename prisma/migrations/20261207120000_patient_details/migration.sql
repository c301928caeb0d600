-- A patient's contact details (address, phone, email, GP practice, next of kin,
-- preferred language, interpreter needed), editable with the version the editor
-- saw; the reason a patient or a referral was added despite a duplicate warning;
-- a user's work phone. Every column is nullable or has a default: existing rows
-- keep what they had.

-- AlterTable
ALTER TABLE "Patient" ADD COLUMN     "addressLine1" TEXT,
ADD COLUMN     "addressLine2" TEXT,
ADD COLUMN     "city" TEXT,
ADD COLUMN     "duplicateReason" TEXT,
ADD COLUMN     "email" TEXT,
ADD COLUMN     "gpPractice" TEXT,
ADD COLUMN     "interpreterNeeded" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "nextOfKinName" TEXT,
ADD COLUMN     "nextOfKinPhone" TEXT,
ADD COLUMN     "nextOfKinRelationship" TEXT,
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "postalCode" TEXT,
ADD COLUMN     "preferredLanguage" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "duplicateReason" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "workPhone" TEXT;

-- CreateIndex
CREATE INDEX "Patient_clinicId_dateOfBirth_idx" ON "Patient"("clinicId", "dateOfBirth");
