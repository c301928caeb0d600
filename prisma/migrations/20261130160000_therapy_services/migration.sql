-- Therapy services, therapists and referral parts (one per discipline, each with
-- its own service, status and timeline). Every existing referral moves into the
-- new model: each discipline's part goes to its clinic's own service of that
-- discipline, with the referral's status, version and timeline.

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'THERAPIST';

-- AlterEnum: new part states, in the order of the schema (values added here are not used below)
ALTER TYPE "ReferralStatus" ADD VALUE 'AWAITING_REFERRER' AFTER 'SENT';
ALTER TYPE "ReferralStatus" ADD VALUE 'IN_PROGRESS' AFTER 'ACCEPTED';
ALTER TYPE "ReferralStatus" ADD VALUE 'REDIRECTED' AFTER 'DECLINED';

-- CreateEnum
CREATE TYPE "PartAction" AS ENUM ('SEND', 'ACCEPT', 'DECLINE', 'REDIRECT', 'ASK_QUESTION', 'ANSWER_QUESTION', 'START', 'COMPLETE', 'ACKNOWLEDGE_OUTCOME', 'CANCEL');

-- CreateEnum
CREATE TYPE "DeclineReason" AS ENUM ('NOT_ELIGIBLE', 'OUTSIDE_SERVICE_AREA', 'WRONG_DISCIPLINE', 'NEEDS_MEDICAL_REVIEW', 'DUPLICATE', 'PATIENT_DECLINED', 'OTHER');

-- CreateTable
CREATE TABLE "TherapyService" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "discipline" "Discipline" NOT NULL,
    "name" TEXT NOT NULL,
    "acceptsExternalReferrals" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TherapyService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralPart" (
    "id" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "discipline" "Discipline" NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'SENT',
    "priorityRank" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "declineReason" "DeclineReason",
    "declineComment" TEXT,
    "outcomeProvided" TEXT,
    "outcomeRecommendations" TEXT,
    "outcomeScore" DOUBLE PRECISION,
    "outcomeAcknowledgedAt" TIMESTAMPTZ(3),
    "redirectedFromId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReferralPart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralView" (
    "referralId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReferralView_pkey" PRIMARY KEY ("referralId","userId")
);

-- AlterTable
ALTER TABLE "User" ADD COLUMN "serviceId" UUID;

-- AlterTable
ALTER TABLE "ReferralEvent" ADD COLUMN "partId" UUID,
ADD COLUMN "action" "PartAction";

-- Data: each clinic gets its own service of each discipline (its referrals go there; it can go on referring).
INSERT INTO "TherapyService" ("id", "clinicId", "discipline", "name", "updatedAt")
SELECT gen_random_uuid(), c."id", d.discipline, c."name" || ' ' || d.label, CURRENT_TIMESTAMP
  FROM "Clinic" c
 CROSS JOIN (VALUES ('OCCUPATIONAL_THERAPY'::"Discipline", 'Occupational Therapy'),
                    ('PHYSIOTHERAPY'::"Discipline", 'Physiotherapy')) AS d(discipline, label);

-- Data: a part per discipline of every referral, with the referral's status and version.
INSERT INTO "ReferralPart" ("id", "referralId", "serviceId", "discipline", "status", "priorityRank", "version",
                            "sentAt", "decidedAt", "completedAt", "declineReason", "declineComment", "createdAt", "updatedAt")
SELECT gen_random_uuid(), r."id", s."id", d.discipline, r."status",
       CASE r."priority" WHEN 'STAT' THEN 3 WHEN 'ASAP' THEN 2 WHEN 'URGENT' THEN 1 ELSE 0 END,
       r."version", r."createdAt",
       CASE WHEN r."status" IN ('ACCEPTED', 'DECLINED', 'COMPLETED') THEN
         (SELECT min(e."createdAt") FROM "ReferralEvent" e WHERE e."referralId" = r."id" AND e."toStatus" IN ('ACCEPTED', 'DECLINED')) END,
       CASE WHEN r."status" = 'COMPLETED' THEN
         (SELECT max(e."createdAt") FROM "ReferralEvent" e WHERE e."referralId" = r."id" AND e."toStatus" = 'COMPLETED') END,
       CASE WHEN r."status" = 'DECLINED' THEN 'OTHER'::"DeclineReason" END,
       CASE WHEN r."status" = 'DECLINED' THEN
         coalesce((SELECT e."note" FROM "ReferralEvent" e WHERE e."referralId" = r."id" AND e."toStatus" = 'DECLINED' ORDER BY e."createdAt" DESC LIMIT 1),
                  'Declined before therapy services were recorded.') END,
       r."createdAt", r."updatedAt"
  FROM "Referral" r
 CROSS JOIN LATERAL unnest(r."disciplines") AS d(discipline)
  JOIN "TherapyService" s ON s."clinicId" = r."clinicId" AND s."discipline" = d.discipline;

-- Data: each timeline event belongs to the part of its referral; a two-discipline referral's
-- events are copied to its second part, so each part keeps the whole timeline.
WITH first_part AS (
  SELECT DISTINCT ON (p."referralId") p."referralId", p."id" FROM "ReferralPart" p ORDER BY p."referralId", p."discipline"
)
UPDATE "ReferralEvent" e SET "partId" = first_part."id" FROM first_part WHERE first_part."referralId" = e."referralId";

INSERT INTO "ReferralEvent" ("id", "referralId", "partId", "actorId", "fromStatus", "toStatus", "note", "createdAt")
SELECT gen_random_uuid(), e."referralId", p."id", e."actorId", e."fromStatus", e."toStatus", e."note", e."createdAt"
  FROM "ReferralEvent" e
  JOIN "ReferralPart" p ON p."referralId" = e."referralId" AND p."id" <> e."partId";

UPDATE "ReferralEvent" SET "action" = CASE
    WHEN "fromStatus" IS NULL THEN 'SEND'
    WHEN "toStatus" = 'ACCEPTED' THEN 'ACCEPT'
    WHEN "toStatus" = 'DECLINED' THEN 'DECLINE'
    WHEN "toStatus" = 'COMPLETED' THEN 'COMPLETE'
    ELSE 'CANCEL' END::"PartAction";

ALTER TABLE "ReferralEvent" ALTER COLUMN "partId" SET NOT NULL,
ALTER COLUMN "action" SET NOT NULL;

-- AlterTable: the status and version live on the parts now
ALTER TABLE "Referral" DROP COLUMN "status",
DROP COLUMN "version";

-- A therapist works for exactly one service; nobody else belongs to one. (Compared as text:
-- an enum value added in this transaction cannot be used as one until it commits.)
ALTER TABLE "User" ADD CONSTRAINT "User_therapist_service_check" CHECK (("role"::text = 'THERAPIST') = ("serviceId" IS NOT NULL));

-- CreateIndex
CREATE INDEX "TherapyService_discipline_name_idx" ON "TherapyService"("discipline", "name");

-- CreateIndex
CREATE UNIQUE INDEX "TherapyService_clinicId_name_key" ON "TherapyService"("clinicId", "name");

-- CreateIndex
CREATE INDEX "User_serviceId_idx" ON "User"("serviceId");

-- CreateIndex
CREATE INDEX "ReferralPart_referralId_idx" ON "ReferralPart"("referralId");

-- CreateIndex
CREATE INDEX "ReferralPart_serviceId_status_priorityRank_sentAt_id_idx" ON "ReferralPart"("serviceId", "status", "priorityRank" DESC, "sentAt", "id");

-- CreateIndex
CREATE INDEX "ReferralEvent_partId_createdAt_idx" ON "ReferralEvent"("partId", "createdAt");

-- CreateIndex
CREATE INDEX "ReferralView_userId_idx" ON "ReferralView"("userId");

-- AddForeignKey
ALTER TABLE "TherapyService" ADD CONSTRAINT "TherapyService_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "TherapyService"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralPart" ADD CONSTRAINT "ReferralPart_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralPart" ADD CONSTRAINT "ReferralPart_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "TherapyService"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralPart" ADD CONSTRAINT "ReferralPart_redirectedFromId_fkey" FOREIGN KEY ("redirectedFromId") REFERENCES "ReferralPart"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralEvent" ADD CONSTRAINT "ReferralEvent_partId_fkey" FOREIGN KEY ("partId") REFERENCES "ReferralPart"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralView" ADD CONSTRAINT "ReferralView_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralView" ADD CONSTRAINT "ReferralView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
