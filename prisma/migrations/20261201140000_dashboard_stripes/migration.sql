-- Striped roll-ups. Every send from one clinic added to the same roll-up rows
-- (today's row of the clinic, of the service, of each span of the agreement
-- figures), so concurrent sends queued on those rows' locks until each
-- transaction committed: with the roll-ups, createReferral at 20 connections
-- fell from 133 to 93 req/s with a p99 of 756 ms (npm run bench:http, 1,000,000
-- referrals). Each roll-up row now has a stripe: a write adds to the stripe of
-- its database session (dashboard_stripe(), the backend's pid modulo 8), so
-- concurrent writers mostly touch different rows. Every reader already sums
-- the rows of a range (lib/dashboard), so stripes change no figure; a rebuild
-- stores everything in stripe 0. The stripe is the last column of each primary
-- key, so the readers' probes by the leading columns still use it.

CREATE FUNCTION dashboard_stripe() RETURNS integer
LANGUAGE sql STABLE
AS $$ SELECT pg_backend_pid() % 8 $$;

ALTER TABLE "DashboardDay" ADD COLUMN "stripe" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DashboardDay" DROP CONSTRAINT "DashboardDay_pkey",
  ADD CONSTRAINT "DashboardDay_pkey" PRIMARY KEY ("direction", "ownerId", "day", "discipline", "priorityRank", "stripe");

ALTER TABLE "DashboardDuration" ADD COLUMN "stripe" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DashboardDuration" DROP CONSTRAINT "DashboardDuration_pkey",
  ADD CONSTRAINT "DashboardDuration_pkey" PRIMARY KEY ("direction", "ownerId", "span", "firstDay", "discipline", "priorityRank", "measure", "workingDays", "stripe");

ALTER TABLE "DashboardAgreement" ADD COLUMN "stripe" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DashboardAgreement" DROP CONSTRAINT "DashboardAgreement_pkey",
  ADD CONSTRAINT "DashboardAgreement_pkey" PRIMARY KEY ("clinicId", "span", "firstDay", "priority", "discipline", "kind", "key", "stripe");

-- The same functions as before, each writing to its session's stripe.
CREATE OR REPLACE FUNCTION dashboard_apply_parts(added "ReferralPart"[], removed "ReferralPart"[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "DashboardDay" AS d ("direction", "ownerId", "day", "discipline", "priorityRank", "stripe", "parts", "accepted", "redirected", "undecided", "questioned",
                                   "declinedUnknown", "declinedNotEligible", "declinedOutsideServiceArea", "declinedWrongDiscipline",
                                   "declinedNeedsMedicalReview", "declinedDuplicate", "declinedPatientDeclined", "declinedOther")
  SELECT *
    FROM (
      SELECT o."direction", o."ownerId", o."day", (c.p).discipline, (c.p)."priorityRank", dashboard_stripe() AS stripe, sum(c.sign)::integer AS parts,
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
       GROUP BY 1, 2, 3, 4, 5, 6
    ) delta
   WHERE (parts, accepted, redirected, undecided, questioned, u, ne, osa, wd, nmr, dup, pd, oth) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("direction", "ownerId", "day", "discipline", "priorityRank", "stripe") DO UPDATE SET
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

  INSERT INTO "DashboardDuration" AS d ("direction", "ownerId", "span", "firstDay", "discipline", "priorityRank", "measure", "workingDays", "stripe", "parts")
  SELECT o."direction", o."ownerId", s."span", s."firstDay", (c.p).discipline, (c.p)."priorityRank", m.measure, m.days, dashboard_stripe(), sum(c.sign)::integer
    FROM (SELECT n AS p, 1 AS sign FROM unnest(added) AS n UNION ALL SELECT o, -1 FROM unnest(removed) AS o) c
   CROSS JOIN LATERAL dashboard_part_owners(c.p) o
   CROSS JOIN LATERAL dashboard_spans(o."day") s
   CROSS JOIN LATERAL (VALUES ('DECISION', dashboard_working_days((c.p)."sentAt", (c.p)."decidedAt")),
                              ('COMPLETION', dashboard_working_days((c.p)."sentAt", (c.p)."completedAt"))) AS m(measure, days)
   WHERE m.days IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ("direction", "ownerId", "span", "firstDay", "discipline", "priorityRank", "measure", "workingDays", "stripe")
  DO UPDATE SET "parts" = d."parts" + EXCLUDED."parts";
$$;

CREATE OR REPLACE FUNCTION dashboard_apply_question(part_id uuid, sign integer) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "DashboardDay" AS d ("direction", "ownerId", "day", "discipline", "priorityRank", "stripe", "questioned")
  SELECT o."direction", o."ownerId", o."day", p.discipline, p."priorityRank", dashboard_stripe(), sign
    FROM "ReferralPart" p
   CROSS JOIN LATERAL dashboard_part_owners(p) o
   WHERE p.id = part_id
   ORDER BY 1, 2, 3
  ON CONFLICT ("direction", "ownerId", "day", "discipline", "priorityRank", "stripe") DO UPDATE SET "questioned" = d."questioned" + EXCLUDED."questioned";
$$;

CREATE OR REPLACE FUNCTION dashboard_apply_referrals(added "Referral"[], removed "Referral"[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "DashboardAgreement" AS a ("clinicId", "span", "firstDay", "priority", "discipline", "kind", "key", "stripe", "referrals", "overridden")
  SELECT (c.r)."clinicId", s."span", s."firstDay", (c.r).priority, k.discipline, k.kind, k.key, dashboard_stripe(),
         sum(c.sign)::integer, coalesce(sum(c.sign) FILTER (WHERE (c.r)."overrideReason" IS NOT NULL), 0)::integer
    FROM (SELECT n AS r, 1 AS sign FROM unnest(added) AS n UNION ALL SELECT o, -1 FROM unnest(removed) AS o) c
   CROSS JOIN LATERAL dashboard_spans(dashboard_day((c.r)."createdAt")) s
   CROSS JOIN LATERAL dashboard_referral_keys(c.r) k
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(c.sign) <> 0 OR coalesce(sum(c.sign) FILTER (WHERE (c.r)."overrideReason" IS NOT NULL), 0) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("clinicId", "span", "firstDay", "priority", "discipline", "kind", "key", "stripe") DO UPDATE SET
    "referrals" = a."referrals" + EXCLUDED."referrals",
    "overridden" = a."overridden" + EXCLUDED."overridden";
$$;

-- The roll-ups as computed afresh, in stripe 0 (the column added last, so last in each row).
CREATE OR REPLACE FUNCTION dashboard_day_rows() RETURNS SETOF "DashboardDay"
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
         count(*) FILTER (WHERE p.status = 'DECLINED' AND p."declineReason" = 'OTHER')::integer,
         0
    FROM "ReferralPart" p
   CROSS JOIN LATERAL dashboard_part_owners(p) o
   GROUP BY 1, 2, 3, 4, 5
$$;

CREATE OR REPLACE FUNCTION dashboard_duration_rows() RETURNS SETOF "DashboardDuration"
LANGUAGE sql STABLE
AS $$
  SELECT o."direction", o."ownerId", s."span", s."firstDay", p.discipline, p."priorityRank", m.measure, m.days, count(*)::integer, 0
    FROM "ReferralPart" p
   CROSS JOIN LATERAL dashboard_part_owners(p) o
   CROSS JOIN LATERAL dashboard_spans(o."day") s
   CROSS JOIN LATERAL (VALUES ('DECISION', dashboard_working_days(p."sentAt", p."decidedAt")),
                              ('COMPLETION', dashboard_working_days(p."sentAt", p."completedAt"))) AS m(measure, days)
   WHERE m.days IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
$$;

CREATE OR REPLACE FUNCTION dashboard_agreement_rows() RETURNS SETOF "DashboardAgreement"
LANGUAGE sql STABLE
AS $$
  SELECT r."clinicId", s."span", s."firstDay", r.priority, k.discipline, k.kind, k.key, count(*)::integer, count(r."overrideReason")::integer, 0
    FROM "Referral" r
   CROSS JOIN LATERAL dashboard_spans(dashboard_day(r."createdAt")) s
   CROSS JOIN LATERAL dashboard_referral_keys(r) k
   GROUP BY 1, 2, 3, 4, 5, 6, 7
$$;
