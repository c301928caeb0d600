-- A postal address per clinic, for the letterhead of referral letters and the
-- FHIR Organization. Nullable: existing clinics have none until an operator sets it.

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "addressLine1" TEXT,
ADD COLUMN     "addressLine2" TEXT,
ADD COLUMN     "city" TEXT,
ADD COLUMN     "postalCode" TEXT;
