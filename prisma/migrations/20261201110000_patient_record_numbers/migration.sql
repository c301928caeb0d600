-- Record numbers are stored normalised: trimmed and upper-cased (lib/patients/
-- validation.ts, normaliseRecordNumber), so the unique index on
-- ("clinicId", "medicalRecordNumber") refuses " rcc-1001 " beside "RCC-1001".
-- The index stays as it is: once every value is normalised it is the uniqueness
-- of the normalised number. Record numbers are ASCII letters, digits and - / .
-- (the input's rule), so upper() agrees with JavaScript's toUpperCase().

-- Two records that normalise to one number are the same patient entered twice,
-- or two patients; neither can be decided here. Stop and name them, so an
-- operator merges or renumbers them before migrating again.
DO $$
DECLARE
    clashes text;
BEGIN
    SELECT string_agg(format('clinic %s: %s', "clinicId", numbers), '; ')
      INTO clashes
      FROM (
        SELECT "clinicId", string_agg(quote_literal("medicalRecordNumber"), ', ' ORDER BY "medicalRecordNumber") AS numbers
          FROM "Patient"
         GROUP BY "clinicId", upper(btrim("medicalRecordNumber"))
        HAVING count(*) > 1
      ) AS clash;
    IF clashes IS NOT NULL THEN
        RAISE EXCEPTION 'Patient record numbers that differ only in case or spaces: %', clashes
              USING HINT = 'Merge or renumber these patients, then migrate again.';
    END IF;
END $$;

UPDATE "Patient"
   SET "medicalRecordNumber" = upper(btrim("medicalRecordNumber"))
 WHERE "medicalRecordNumber" <> upper(btrim("medicalRecordNumber"));

-- Search finds a part of a name or number anywhere in it (ILIKE '%…%'): trigram
-- indexes serve that. pg_trgm is a trusted extension: the database's owner may
-- create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Patient_search_trgm_idx" ON "Patient" USING GIN ("medicalRecordNumber" gin_trgm_ops, "givenName" gin_trgm_ops, "familyName" gin_trgm_ops);
