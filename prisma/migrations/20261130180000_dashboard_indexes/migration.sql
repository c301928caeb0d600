-- The dashboard (lib/dashboard): the parts a service received in a range of sending
-- days, and the parts a question was ever asked about (read once as a semi-join).

-- CreateIndex
CREATE INDEX "ReferralPart_serviceId_sentAt_idx" ON "ReferralPart"("serviceId", "sentAt");

-- CreateIndex
CREATE INDEX "ReferralEvent_action_partId_idx" ON "ReferralEvent"("action", "partId");
