-- AlterTable
ALTER TABLE "SignInThrottle" ADD COLUMN "inFlightUntil" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "SignInThrottle_updatedAt_idx" ON "SignInThrottle"("updatedAt");

-- CreateTable
CREATE TABLE "SignInFailureWindow" (
    "id" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignInFailureWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignInFailureWindow_address_windowStart_key" ON "SignInFailureWindow"("address", "windowStart");
