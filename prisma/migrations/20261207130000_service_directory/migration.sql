-- A clinic's own services described: what each does, who it takes and does not,
-- how to reach it, its response targets, and whether it is closed to new
-- referrals or removed (kept for the history of its referrals).

-- The two contact columns are added by 20261207120100_service_contacts too (issue 23, written at the same
-- time): IF NOT EXISTS lets this migration apply after it, with the same names and types.

-- AlterTable
ALTER TABLE "TherapyService" ADD COLUMN     "address" TEXT,
ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN IF NOT EXISTS "contactEmail" TEXT,
ADD COLUMN IF NOT EXISTS "contactPhone" TEXT,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "eligibilityCriteria" TEXT,
ADD COLUMN     "exclusions" TEXT,
ADD COLUMN     "removedAt" TIMESTAMPTZ(3),
ADD COLUMN     "responseTargets" JSONB;

-- No new part at a service closed to new referrals or removed, even in a race
-- with closing it: the domain checks first (lib/services REFERABLE), and this
-- is the backstop. FOR SHARE waits for a closing or removal in progress (which
-- holds the row FOR UPDATE) and then reads the row as it committed.
CREATE FUNCTION "referral_part_service_open"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "TherapyService"
    WHERE id = NEW."serviceId" AND "closedAt" IS NULL AND "removedAt" IS NULL
    FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'service_closed_to_referrals' USING ERRCODE = 'P0C01';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "ReferralPart_service_open"
  BEFORE INSERT ON "ReferralPart"
  FOR EACH ROW EXECUTE FUNCTION "referral_part_service_open"();
