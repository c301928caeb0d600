-- The roll-up functions planned their statements afresh on every call. Each
-- is an INSERT ... SELECT over the rows a statement added or removed, passed in
-- as arrays; PostgreSQL kept choosing a custom plan for the arrays' values, so
-- every write paid the planning: 200 calls of dashboard_apply_parts with empty
-- arrays took 0.43 s (about 1.8 + 1.5 ms of planning for its two statements,
-- from EXPLAIN), and the triggers cost a send about 1 ms on "Referral" and
-- 2.0-2.3 ms per part on the 1,000,000-referral benchmark database. With
-- generic plans, cached for the session, the same 200 calls take 0.08 s and
-- the triggers 0.26 ms and 0.45 ms. The plans' shape does not depend on the
-- values (a handful of rows, probed through the roll-ups' primary keys), so
-- nothing is lost by not re-planning; the figures are the same statements'.

ALTER FUNCTION dashboard_apply_parts("ReferralPart"[], "ReferralPart"[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION dashboard_apply_referrals("Referral"[], "Referral"[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION dashboard_apply_question(uuid, integer) SET plan_cache_mode = force_generic_plan;
