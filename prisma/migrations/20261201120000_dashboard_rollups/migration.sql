-- The dashboard (lib/dashboard) at a million referrals: its figures over a range of
-- days are sums of per-day (and per-span) roll-ups instead of scans of every part.
--
-- Kept up to date by triggers, in the same transaction as the write, not by the
-- domain code: parts, their decisions and the question events are written in
-- several places (sending and redirecting in lib/referrals, the demo seed, bulk
-- loads, tests that set up a known state), and a roll-up that one of them forgot
-- would be silently wrong. A trigger sees every write, so the roll-ups always
-- equal what the old per-row statements computed. Each trigger subtracts the old
-- rows' contributions and adds the new rows', so any change (even a status going
-- back) stays exact; they run once per statement over its transition tables, so a
-- bulk INSERT … SELECT costs one aggregate, not a trigger call per row.
-- dashboard_rebuild() recomputes everything from the rows, set based: the backfill
-- below, and bulk loads that run with the triggers disabled.
-- Every upsert takes its roll-up rows in key order, so concurrent writers queue on a
-- shared day's row rather than deadlock on a pair of them.
--
-- Days are UTC days numbered from 1970-01-01 (the dashboard's ranges are whole
-- UTC days). A part counts for its referral's clinic ("SENT", on the day the
-- referral was created; redirected parts are not a new sending) and for its
-- service ("RECEIVED", on the day it was sent to that service).

-- CreateTable
CREATE TABLE "DashboardDay" (
    "direction" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "day" INTEGER NOT NULL,
    "discipline" "Discipline" NOT NULL,
    "priorityRank" INTEGER NOT NULL,
    "parts" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "redirected" INTEGER NOT NULL DEFAULT 0,
    "undecided" INTEGER NOT NULL DEFAULT 0,
    "questioned" INTEGER NOT NULL DEFAULT 0,
    "declinedUnknown" INTEGER NOT NULL DEFAULT 0,
    "declinedNotEligible" INTEGER NOT NULL DEFAULT 0,
    "declinedOutsideServiceArea" INTEGER NOT NULL DEFAULT 0,
    "declinedWrongDiscipline" INTEGER NOT NULL DEFAULT 0,
    "declinedNeedsMedicalReview" INTEGER NOT NULL DEFAULT 0,
    "declinedDuplicate" INTEGER NOT NULL DEFAULT 0,
    "declinedPatientDeclined" INTEGER NOT NULL DEFAULT 0,
    "declinedOther" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardDay_pkey" PRIMARY KEY ("direction","ownerId","day","discipline","priorityRank")
);

-- CreateTable
CREATE TABLE "DashboardDuration" (
    "direction" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "span" INTEGER NOT NULL,
    "firstDay" INTEGER NOT NULL,
    "discipline" "Discipline" NOT NULL,
    "priorityRank" INTEGER NOT NULL,
    "measure" TEXT NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "parts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardDuration_pkey" PRIMARY KEY ("direction","ownerId","span","firstDay","discipline","priorityRank","measure","workingDays")
);

-- CreateTable
CREATE TABLE "DashboardAgreement" (
    "clinicId" UUID NOT NULL,
    "span" INTEGER NOT NULL,
    "firstDay" INTEGER NOT NULL,
    "priority" "ReferralPriority" NOT NULL,
    "discipline" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "referrals" INTEGER NOT NULL DEFAULT 0,
    "overridden" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardAgreement_pkey" PRIMARY KEY ("clinicId","span","firstDay","priority","discipline","kind","key")
);

-- CreateIndex
-- The waiting list: a service's open parts by status, counted per band of sending instants.
CREATE INDEX "ReferralPart_serviceId_status_sentAt_idx" ON "ReferralPart"("serviceId", "status", "sentAt");

-- The UTC day of an instant, as days since 1970-01-01.
CREATE FUNCTION dashboard_day(instant timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN floor(date_part('epoch', instant) / 86400)::integer;

-- Whole working days (Monday to Friday, UTC) from one instant to another, as
-- lib/referrals/parts.ts workingDaysBetween and lib/dashboard workingDaysSql count
-- them; null when `to_at` is.
CREATE FUNCTION dashboard_working_days(from_at timestamptz, to_at timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN to_at IS NOT NULL THEN
  ((((dashboard_day(from_at) + 3) % 7) + greatest(dashboard_day(to_at) - dashboard_day(from_at), 0) + 1) / 7 * 5
    + least((((dashboard_day(from_at) + 3) % 7) + greatest(dashboard_day(to_at) - dashboard_day(from_at), 0) + 1) % 7, 5))
  - ((((dashboard_day(from_at) + 3) % 7) + 1) / 7 * 5 + least((((dashboard_day(from_at) + 3) % 7) + 1) % 7, 5))
END;

-- Where a part counts: for its service on the day it was sent, and (when it is not a
-- redirect's new part) for its referral's clinic on the day the referral was created.
CREATE FUNCTION dashboard_part_owners(p "ReferralPart")
RETURNS TABLE ("direction" text, "ownerId" uuid, "day" integer)
LANGUAGE sql STABLE
AS $$
  -- VALUES, not UNION ALL: PostgreSQL 18 fails to plan a UNION ALL inlined here when grouping
  -- by its columns ("variable not found in subplan target list").
  SELECT v.direction, v."ownerId", v.day
    FROM "Referral" r
   CROSS JOIN LATERAL (VALUES ('RECEIVED', p."serviceId", dashboard_day(p."sentAt")),
                              ('SENT', r."clinicId", dashboard_day(r."createdAt"))) AS v(direction, "ownerId", day)
   WHERE r.id = p."referralId" AND (v.direction = 'RECEIVED' OR p."redirectedFromId" IS NULL)
$$;

-- The spans a day is rolled up in: itself, and the aligned 8- and 64-day spans holding it.
CREATE FUNCTION dashboard_spans("day" integer)
RETURNS TABLE ("span" integer, "firstDay" integer)
LANGUAGE sql IMMUTABLE
AS $$ SELECT s.span, "day" - (("day" % s.span) + s.span) % s.span FROM (VALUES (1), (8), (64)) AS s(span) $$;

-- What parts add to their days (`added`) and take away (`removed`: the rows before an
-- update or a delete), summed per roll-up row first: one upsert per roll-up table
-- whatever the number of parts a statement wrote, and none for a change that moves
-- no figure (a version bump, an acknowledged outcome).
CREATE FUNCTION dashboard_apply_parts(added "ReferralPart"[], removed "ReferralPart"[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "DashboardDay" AS d ("direction", "ownerId", "day", "discipline", "priorityRank", "parts", "accepted", "redirected", "undecided", "questioned",
                                   "declinedUnknown", "declinedNotEligible", "declinedOutsideServiceArea", "declinedWrongDiscipline",
                                   "declinedNeedsMedicalReview", "declinedDuplicate", "declinedPatientDeclined", "declinedOther")
  SELECT *
    FROM (
      SELECT o."direction", o."ownerId", o."day", (c.p).discipline, (c.p)."priorityRank", sum(c.sign)::integer AS parts,
             coalesce(sum(c.sign) FILTER (WHERE (c.p)."decidedAt" IS NOT NULL AND (c.p).status NOT IN ('DECLINED', 'REDIRECTED')), 0)::integer AS accepted,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'REDIRECTED'), 0)::integer AS redirected,
             coalesce(sum(c.sign) FILTER (WHERE (c.p)."decidedAt" IS NULL AND (c.p).status NOT IN ('DECLINED', 'REDIRECTED')), 0)::integer AS undecided,
             coalesce(sum(c.sign) FILTER (WHERE EXISTS (SELECT 1 FROM "ReferralEvent" e WHERE e.action = 'ASK_QUESTION' AND e."partId" = (c.p).id)), 0)::integer AS questioned,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" IS NULL), 0)::integer AS u,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" = 'NOT_ELIGIBLE'), 0)::integer AS ne,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" = 'OUTSIDE_SERVICE_AREA'), 0)::integer AS osa,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" = 'WRONG_DISCIPLINE'), 0)::integer AS wd,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" = 'NEEDS_MEDICAL_REVIEW'), 0)::integer AS nmr,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" = 'DUPLICATE'), 0)::integer AS dup,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" = 'PATIENT_DECLINED'), 0)::integer AS pd,
             coalesce(sum(c.sign) FILTER (WHERE (c.p).status = 'DECLINED' AND (c.p)."declineReason" = 'OTHER'), 0)::integer AS oth
        FROM (SELECT n AS p, 1 AS sign FROM unnest(added) AS n UNION ALL SELECT o, -1 FROM unnest(removed) AS o) c
       CROSS JOIN LATERAL dashboard_part_owners(c.p) o
       GROUP BY 1, 2, 3, 4, 5
    ) delta
   WHERE (parts, accepted, redirected, undecided, questioned, u, ne, osa, wd, nmr, dup, pd, oth) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("direction", "ownerId", "day", "discipline", "priorityRank") DO UPDATE SET
    "parts" = d."parts" + EXCLUDED."parts",
    "accepted" = d."accepted" + EXCLUDED."accepted",
    "redirected" = d."redirected" + EXCLUDED."redirected",
    "undecided" = d."undecided" + EXCLUDED."undecided",
    "questioned" = d."questioned" + EXCLUDED."questioned",
    "declinedUnknown" = d."declinedUnknown" + EXCLUDED."declinedUnknown",
    "declinedNotEligible" = d."declinedNotEligible" + EXCLUDED."declinedNotEligible",
    "declinedOutsideServiceArea" = d."declinedOutsideServiceArea" + EXCLUDED."declinedOutsideServiceArea",
    "declinedWrongDiscipline" = d."declinedWrongDiscipline" + EXCLUDED."declinedWrongDiscipline",
    "declinedNeedsMedicalReview" = d."declinedNeedsMedicalReview" + EXCLUDED."declinedNeedsMedicalReview",
    "declinedDuplicate" = d."declinedDuplicate" + EXCLUDED."declinedDuplicate",
    "declinedPatientDeclined" = d."declinedPatientDeclined" + EXCLUDED."declinedPatientDeclined",
    "declinedOther" = d."declinedOther" + EXCLUDED."declinedOther";

  INSERT INTO "DashboardDuration" AS d ("direction", "ownerId", "span", "firstDay", "discipline", "priorityRank", "measure", "workingDays", "parts")
  SELECT o."direction", o."ownerId", s."span", s."firstDay", (c.p).discipline, (c.p)."priorityRank", m.measure, m.days, sum(c.sign)::integer
    FROM (SELECT n AS p, 1 AS sign FROM unnest(added) AS n UNION ALL SELECT o, -1 FROM unnest(removed) AS o) c
   CROSS JOIN LATERAL dashboard_part_owners(c.p) o
   CROSS JOIN LATERAL dashboard_spans(o."day") s
   CROSS JOIN LATERAL (VALUES ('DECISION', dashboard_working_days((c.p)."sentAt", (c.p)."decidedAt")),
                              ('COMPLETION', dashboard_working_days((c.p)."sentAt", (c.p)."completedAt"))) AS m(measure, days)
   WHERE m.days IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("direction", "ownerId", "span", "firstDay", "discipline", "priorityRank", "measure", "workingDays")
  DO UPDATE SET "parts" = d."parts" + EXCLUDED."parts";
$$;

-- A question asked about a part for the first time, or its last question deleted: only the questioned count moves.
CREATE FUNCTION dashboard_apply_question(part_id uuid, sign integer) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "DashboardDay" AS d ("direction", "ownerId", "day", "discipline", "priorityRank", "questioned")
  SELECT o."direction", o."ownerId", o."day", p.discipline, p."priorityRank", sign
    FROM "ReferralPart" p
   CROSS JOIN LATERAL dashboard_part_owners(p) o
   WHERE p.id = part_id
   ORDER BY 1, 2, 3
  ON CONFLICT ("direction", "ownerId", "day", "discipline", "priorityRank") DO UPDATE SET "questioned" = d."questioned" + EXCLUDED."questioned";
$$;

-- The agreement rows of one referral: per discipline ('' for any) its recommendation and each rule it matched.
CREATE FUNCTION dashboard_referral_keys(r "Referral")
RETURNS TABLE ("discipline" text, "kind" text, "key" text)
LANGUAGE sql IMMUTABLE
AS $$
  -- One list of (kind, key), not a UNION (see dashboard_part_owners).
  SELECT DISTINCT d.discipline, k.kind, k.key
    FROM (SELECT CASE WHEN jsonb_typeof(r.triage -> 'matchedRules') = 'array' THEN r.triage -> 'matchedRules' ELSE '[]'::jsonb END AS rules) m
   CROSS JOIN unnest(array_prepend('', r.disciplines::text[])) AS d(discipline)
   CROSS JOIN LATERAL unnest(
     array_prepend('RECOMMENDATION', array_fill('RULE'::text, ARRAY[jsonb_array_length(m.rules)])),
     array_prepend(r.recommendation::text, ARRAY(SELECT rule ->> 'ruleId' FROM jsonb_array_elements(m.rules) AS rule))
   ) AS k(kind, key)
   WHERE k.key IS NOT NULL
$$;

CREATE FUNCTION dashboard_apply_referrals(added "Referral"[], removed "Referral"[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "DashboardAgreement" AS a ("clinicId", "span", "firstDay", "priority", "discipline", "kind", "key", "referrals", "overridden")
  SELECT (c.r)."clinicId", s."span", s."firstDay", (c.r).priority, k.discipline, k.kind, k.key,
         sum(c.sign)::integer, coalesce(sum(c.sign) FILTER (WHERE (c.r)."overrideReason" IS NOT NULL), 0)::integer
    FROM (SELECT n AS r, 1 AS sign FROM unnest(added) AS n UNION ALL SELECT o, -1 FROM unnest(removed) AS o) c
   CROSS JOIN LATERAL dashboard_spans(dashboard_day((c.r)."createdAt")) s
   CROSS JOIN LATERAL dashboard_referral_keys(c.r) k
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(c.sign) <> 0 OR coalesce(sum(c.sign) FILTER (WHERE (c.r)."overrideReason" IS NOT NULL), 0) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ("clinicId", "span", "firstDay", "priority", "discipline", "kind", "key") DO UPDATE SET
    "referrals" = a."referrals" + EXCLUDED."referrals",
    "overridden" = a."overridden" + EXCLUDED."overridden";
$$;

-- Statement-level triggers with transition tables: a bulk write is summed once, not row by row.
CREATE FUNCTION dashboard_parts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_apply_parts(ARRAY(SELECT n::"ReferralPart" FROM new_parts n), '{}');
  RETURN NULL;
END $$;

CREATE FUNCTION dashboard_parts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_apply_parts(ARRAY(SELECT n::"ReferralPart" FROM new_parts n), ARRAY(SELECT o::"ReferralPart" FROM old_parts o));
  RETURN NULL;
END $$;

CREATE FUNCTION dashboard_parts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_apply_parts('{}', ARRAY(SELECT o::"ReferralPart" FROM old_parts o));
  RETURN NULL;
END $$;

CREATE FUNCTION dashboard_referrals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_apply_referrals(ARRAY(SELECT n::"Referral" FROM new_referrals n), '{}');
  RETURN NULL;
END $$;

CREATE FUNCTION dashboard_referrals_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_apply_referrals(ARRAY(SELECT n::"Referral" FROM new_referrals n), ARRAY(SELECT o::"Referral" FROM old_referrals o));
  RETURN NULL;
END $$;

CREATE FUNCTION dashboard_referrals_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_apply_referrals('{}', ARRAY(SELECT o::"Referral" FROM old_referrals o));
  RETURN NULL;
END $$;

-- A question's first event marks the part as asked about; deleting the last one unmarks it.
CREATE FUNCTION dashboard_event_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.action = 'ASK_QUESTION'
     AND NOT EXISTS (SELECT 1 FROM "ReferralEvent" e WHERE e.action = 'ASK_QUESTION' AND e."partId" = OLD."partId") THEN
    PERFORM dashboard_apply_question(OLD."partId", -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.action = 'ASK_QUESTION'
     AND NOT EXISTS (SELECT 1 FROM "ReferralEvent" e WHERE e.action = 'ASK_QUESTION' AND e."partId" = NEW."partId" AND e.id <> NEW.id) THEN
    PERFORM dashboard_apply_question(NEW."partId", 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ReferralPart_dashboard_insert" AFTER INSERT ON "ReferralPart"
  REFERENCING NEW TABLE AS new_parts FOR EACH STATEMENT EXECUTE FUNCTION dashboard_parts_inserted();
CREATE TRIGGER "ReferralPart_dashboard_update" AFTER UPDATE ON "ReferralPart"
  REFERENCING OLD TABLE AS old_parts NEW TABLE AS new_parts FOR EACH STATEMENT EXECUTE FUNCTION dashboard_parts_updated();
CREATE TRIGGER "ReferralPart_dashboard_delete" AFTER DELETE ON "ReferralPart"
  REFERENCING OLD TABLE AS old_parts FOR EACH STATEMENT EXECUTE FUNCTION dashboard_parts_deleted();
CREATE TRIGGER "ReferralEvent_dashboard_insert" AFTER INSERT ON "ReferralEvent"
  FOR EACH ROW WHEN (NEW.action = 'ASK_QUESTION') EXECUTE FUNCTION dashboard_event_changed();
CREATE TRIGGER "ReferralEvent_dashboard_delete" AFTER DELETE ON "ReferralEvent"
  FOR EACH ROW WHEN (OLD.action = 'ASK_QUESTION') EXECUTE FUNCTION dashboard_event_changed();
CREATE TRIGGER "ReferralEvent_dashboard_update" AFTER UPDATE OF action, "partId" ON "ReferralEvent"
  FOR EACH ROW WHEN (OLD.action = 'ASK_QUESTION' OR NEW.action = 'ASK_QUESTION') EXECUTE FUNCTION dashboard_event_changed();
CREATE TRIGGER "Referral_dashboard_insert" AFTER INSERT ON "Referral"
  REFERENCING NEW TABLE AS new_referrals FOR EACH STATEMENT EXECUTE FUNCTION dashboard_referrals_inserted();
CREATE TRIGGER "Referral_dashboard_update" AFTER UPDATE ON "Referral"
  REFERENCING OLD TABLE AS old_referrals NEW TABLE AS new_referrals FOR EACH STATEMENT EXECUTE FUNCTION dashboard_referrals_updated();
CREATE TRIGGER "Referral_dashboard_delete" AFTER DELETE ON "Referral"
  REFERENCING OLD TABLE AS old_referrals FOR EACH STATEMENT EXECUTE FUNCTION dashboard_referrals_deleted();

-- Every roll-up as computed from the rows, set based (the same functions as the
-- triggers): what dashboard_rebuild() stores, and what a test compares the
-- triggers' running sums with.
CREATE FUNCTION dashboard_day_rows() RETURNS SETOF "DashboardDay"
LANGUAGE sql STABLE
AS $$
  SELECT o."direction", o."ownerId", o."day", p.discipline, p."priorityRank", count(*)::integer,
         count(*) FILTER (WHERE p."decidedAt" IS NOT NULL AND p.status NOT IN ('DECLINED', 'REDIRECTED'))::integer,
         count(*) FILTER (WHERE p.status = 'REDIRECTED')::integer,
         count(*) FILTER (WHERE p."decidedAt" IS NULL AND p.status NOT IN ('DECLINED', 'REDIRECTED'))::integer,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "ReferralEvent" e WHERE e.action = 'ASK_QUESTION' AND e."partId" = p.id))::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" IS NULL)::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'NOT_ELIGIBLE')::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'OUTSIDE_SERVICE_AREA')::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'WRONG_DISCIPLINE')::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'NEEDS_MEDICAL_REVIEW')::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'DUPLICATE')::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'PATIENT_DECLINED')::integer,
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'OTHER')::integer
    FROM "ReferralPart" p
   CROSS JOIN LATERAL dashboard_part_owners(p) o
   GROUP BY 1, 2, 3, 4, 5
$$;

CREATE FUNCTION dashboard_duration_rows() RETURNS SETOF "DashboardDuration"
LANGUAGE sql STABLE
AS $$
  SELECT o."direction", o."ownerId", s."span", s."firstDay", p.discipline, p."priorityRank", m.measure, m.days, count(*)::integer
    FROM "ReferralPart" p
   CROSS JOIN LATERAL dashboard_part_owners(p) o
   CROSS JOIN LATERAL dashboard_spans(o."day") s
   CROSS JOIN LATERAL (VALUES ('DECISION', dashboard_working_days(p."sentAt", p."decidedAt")),
                              ('COMPLETION', dashboard_working_days(p."sentAt", p."completedAt"))) AS m(measure, days)
   WHERE m.days IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
$$;

CREATE FUNCTION dashboard_agreement_rows() RETURNS SETOF "DashboardAgreement"
LANGUAGE sql STABLE
AS $$
  SELECT r."clinicId", s."span", s."firstDay", r.priority, k.discipline, k.kind, k.key, count(*)::integer, count(r."overrideReason")::integer
    FROM "Referral" r
   CROSS JOIN LATERAL dashboard_spans(dashboard_day(r."createdAt")) s
   CROSS JOIN LATERAL dashboard_referral_keys(r) k
   GROUP BY 1, 2, 3, 4, 5, 6, 7
$$;

CREATE FUNCTION dashboard_rebuild() RETURNS void
LANGUAGE sql
AS $$
  TRUNCATE "DashboardDay", "DashboardDuration", "DashboardAgreement";
  INSERT INTO "DashboardDay" SELECT * FROM dashboard_day_rows();
  INSERT INTO "DashboardDuration" SELECT * FROM dashboard_duration_rows();
  INSERT INTO "DashboardAgreement" SELECT * FROM dashboard_agreement_rows();
$$;

-- Backfill.
SELECT dashboard_rebuild();
