-- Half-written referrals kept on the server, per user and patient (lib/drafts).

-- CreateTable
CREATE TABLE "ReferralDraft" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReferralDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReferralDraft_updatedAt_idx" ON "ReferralDraft"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralDraft_userId_patientId_key" ON "ReferralDraft"("userId", "patientId");

-- AddForeignKey
ALTER TABLE "ReferralDraft" ADD CONSTRAINT "ReferralDraft_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralDraft" ADD CONSTRAINT "ReferralDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralDraft" ADD CONSTRAINT "ReferralDraft_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
