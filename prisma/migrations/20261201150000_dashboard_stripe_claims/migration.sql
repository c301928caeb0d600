-- Stripes claimed rather than guessed. With the stripe taken from the backend's
-- pid modulo 8, two of the 20 pooled sessions often shared one, and then the
-- second send waited on the first's roll-up rows until it committed: under
-- `npm run bench:http` the INSERT into "Referral" (whose trigger adds to the
-- agreement roll-ups) averaged 56 ms in PostgreSQL's statement log, almost all
-- of it waiting. Now a transaction's first roll-up write claims a stripe no
-- other open transaction holds, with a transaction-scoped advisory lock tried
-- from its session's usual stripe onwards (pg_try_advisory_xact_lock never
-- waits), and keeps it in a transaction-local setting so every roll-up row it
-- writes carries the same stripe. Concurrent writers therefore never touch the
-- same roll-up rows, up to 32 at once; beyond that a writer shares its usual
-- stripe and waits as before. Readers sum every stripe, so no figure changes.

CREATE OR REPLACE FUNCTION dashboard_stripe() RETURNS integer
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  -- '' once set and reverted in this session, NULL before it ever was.
  claimed text := current_setting('portal.dashboard_stripe', true);
  usual integer := pg_backend_pid() % 32;
  stripe integer;
BEGIN
  IF claimed IS NOT NULL AND claimed <> '' THEN
    RETURN claimed::integer;
  END IF;
  FOR offset_by IN 0..31 LOOP
    stripe := (usual + offset_by) % 32;
    -- The first key names the dashboard's stripes among the portal's advisory locks (2026120115: this migration).
    IF pg_try_advisory_xact_lock(2026120115, stripe) THEN
      PERFORM set_config('portal.dashboard_stripe', stripe::text, true);
      RETURN stripe;
    END IF;
  END LOOP;
  PERFORM set_config('portal.dashboard_stripe', usual::text, true);
  RETURN usual;
END;
$$;
