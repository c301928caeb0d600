-- Appending audit events in one statement instead of an interactive
-- transaction of three (lock a chain head, insert, move the head): the
-- request pays one round trip, and a write's transaction one statement more.
--
-- The writer (lib/audit/writer.ts) still makes each event's id, time and the
-- JSON of its contents, so the hash covers exactly the text Node would hash;
-- this function only places the events in a chain: it takes a free head
-- (SKIP LOCKED, or waits for one chosen at random when all are busy), numbers
-- the events, hashes each with the hash before it, inserts them and moves the
-- head. sha256 over
--   [id, chain, "position", <contents>, "previous hash"]
-- as JSON without spaces, the same text lib/audit/chain.ts hashes, which
-- `npm run audit:verify` re-checks from the rows.
--
-- p_events: a JSON array of
--   { id, createdAt, clinicId, userId, action, entityType, entityIds, outcome, ip, userAgent, contents }
-- where contents is JSON.stringify([createdAt, clinicId, userId, action,
-- entityType, entityIds, outcome, ip, userAgent]) without its brackets.
CREATE FUNCTION "audit_append"(p_chains integer, p_events jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  head "AuditChainHead"%ROWTYPE;
  event jsonb;
  next_position bigint;
  next_hash text;
  -- Drawn once: random() in the WHERE clause would be drawn anew for every row.
  any_chain integer := floor(random() * p_chains)::integer;
BEGIN
  SELECT * INTO head FROM "AuditChainHead" WHERE "chain" < p_chains ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    SELECT * INTO head FROM "AuditChainHead" WHERE "chain" = any_chain FOR UPDATE;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit trail has fewer than % chain heads', p_chains;
  END IF;
  next_position := head."position";
  next_hash := head."hash";
  FOR event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    next_position := next_position + 1;
    next_hash := encode(sha256(convert_to(
      '[' || to_json(event->>'id')::text || ',' || head."chain" || ',"' || next_position || '",' ||
      (event->>'contents') || ',"' || next_hash || '"]', 'UTF8')), 'hex');
    INSERT INTO "AuditEvent" ("id", "chain", "position", "clinicId", "userId", "action", "entityType", "entityIds",
                              "outcome", "ip", "userAgent", "createdAt", "hash")
    VALUES ((event->>'id')::uuid, head."chain", next_position, (event->>'clinicId')::uuid, (event->>'userId')::uuid,
            event->>'action', event->>'entityType',
            ARRAY(SELECT jsonb_array_elements_text(event->'entityIds'))::uuid[],
            (event->>'outcome')::"AuditOutcome", event->>'ip', event->>'userAgent',
            (event->>'createdAt')::timestamptz, next_hash);
  END LOOP;
  UPDATE "AuditChainHead" SET "position" = next_position, "hash" = next_hash WHERE "chain" = head."chain";
END;
$$;
