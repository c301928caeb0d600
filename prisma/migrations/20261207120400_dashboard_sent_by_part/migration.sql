-- The dashboard's "sent" figures counted a part on the day its referral was
-- created, read from the "Referral" row when the part's trigger ran. A referral
-- whose creation time changed after its parts were written (the demo seed moves
-- its referrals back to the day they were sent; a migration or import can do the
-- same) kept counting on the day it was first written: the demo clinics' sent
-- parts all fell in the current week while their history spread over ten weeks.
-- A part now counts as sent on its own "sentAt", which its trigger sees before
-- and after every change, so moving it moves its figures; a referral's parts are
-- sent when it is created (lib/referrals/service.ts), and a redirect's new part
-- is still not a new sending. The roll-ups are rebuilt from the rows, so data
-- seeded or migrated before this counts by the same rule.

CREATE OR REPLACE FUNCTION dashboard_part_owners(p "ReferralPart")
RETURNS TABLE ("direction" text, "ownerId" uuid, "day" integer)
LANGUAGE sql STABLE
AS $$
  -- VALUES, not UNION ALL: PostgreSQL 18 fails to plan a UNION ALL inlined here when grouping
  -- by its columns ("variable not found in subplan target list").
  SELECT v.direction, v."ownerId", v.day
    FROM "Referral" r
   CROSS JOIN LATERAL (VALUES ('RECEIVED', p."serviceId", dashboard_day(p."sentAt")),
                              ('SENT', r."clinicId", dashboard_day(p."sentAt"))) AS v(direction, "ownerId", day)
   WHERE r.id = p."referralId" AND (v.direction = 'RECEIVED' OR p."redirectedFromId" IS NULL)
$$;

SELECT dashboard_rebuild();
