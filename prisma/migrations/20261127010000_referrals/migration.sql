-- CreateEnum
CREATE TYPE "ReferralPriority" AS ENUM ('ROUTINE', 'URGENT', 'ASAP', 'STAT');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Recommendation" AS ENUM ('OCCUPATIONAL_THERAPY', 'PHYSIOTHERAPY', 'BOTH', 'NEEDS_ASSESSMENT');

-- CreateEnum
CREATE TYPE "Discipline" AS ENUM ('OCCUPATIONAL_THERAPY', 'PHYSIOTHERAPY');

-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "idempotencyKey" UUID NOT NULL,
    "needs" TEXT[],
    "conditions" TEXT[],
    "notes" TEXT NOT NULL,
    "recommendation" "Recommendation" NOT NULL,
    "triage" JSONB NOT NULL,
    "rulesetVersion" TEXT NOT NULL,
    "disciplines" "Discipline"[],
    "overrideReason" TEXT,
    "priority" "ReferralPriority" NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'SENT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralEvent" (
    "id" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "fromStatus" "ReferralStatus",
    "toStatus" "ReferralStatus" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Referral_clinicId_idempotencyKey_key" ON "Referral"("clinicId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Referral_clinicId_createdAt_id_idx" ON "Referral"("clinicId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Referral_patientId_createdAt_id_idx" ON "Referral"("patientId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Referral_authorId_createdAt_id_idx" ON "Referral"("authorId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReferralEvent_referralId_createdAt_idx" ON "ReferralEvent"("referralId", "createdAt");

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralEvent" ADD CONSTRAINT "ReferralEvent_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralEvent" ADD CONSTRAINT "ReferralEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
