-- ALTER_TABLE syncwright.public.Order "Lines" ü
ALTER TABLE "syncwright"."public.Order ""Lines"" ü" ADD COLUMN sw_v4 bigint;

-- CREATE_FUNCTION syncwright.public.Order "Lines" ü$ins
CREATE OR REPLACE FUNCTION "syncwright"."public.Order ""Lines"" ü$ins"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $sw$
#variable_conflict use_variable
DECLARE
  sw_t bigint;
BEGIN
  IF current_setting('syncwright.suppress', true) = 'public.Order "Lines" ü' AND pg_catalog.pg_trigger_depth() = 1 THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM sw_new) THEN
    RETURN NULL;
  END IF;
  sw_t := "syncwright"."next_tick"();
INSERT INTO "syncwright"."public.Order ""Lines"" ü" AS tr ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT n."order id", n."line", sw_t, sw_t, NULL, now() FROM sw_new n
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_cv = EXCLUDED.sw_cv, sw_dv = NULL, sw_at = EXCLUDED.sw_at, sw_v0 = NULL, sw_v1 = NULL, sw_v2 = NULL, sw_v3 = NULL, sw_v4 = NULL;
  RETURN NULL;
END
$sw$;

-- CREATE_FUNCTION syncwright.public.Order "Lines" ü$upd
CREATE OR REPLACE FUNCTION "syncwright"."public.Order ""Lines"" ü$upd"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $sw$
#variable_conflict use_variable
DECLARE
  sw_t bigint;
BEGIN
  IF current_setting('syncwright.suppress', true) = 'public.Order "Lines" ü' AND pg_catalog.pg_trigger_depth() = 1 THEN
    RETURN NULL;
  END IF;
  sw_t := "syncwright"."next_tick"();
INSERT INTO "syncwright"."public.Order ""Lines"" ü" AS tr ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT o."order id", o."line", sw_t, sw_t, sw_t, now() FROM sw_old o
  WHERE NOT EXISTS (SELECT 1 FROM sw_new n WHERE n."order id" = o."order id" AND n."line" = o."line")
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_dv = EXCLUDED.sw_dv, sw_at = EXCLUDED.sw_at;
INSERT INTO "syncwright"."public.Order ""Lines"" ü" AS tr ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT n."order id", n."line", sw_t, sw_t, NULL, now() FROM sw_new n
  WHERE NOT EXISTS (SELECT 1 FROM sw_old o WHERE n."order id" = o."order id" AND n."line" = o."line")
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_cv = EXCLUDED.sw_cv, sw_dv = NULL, sw_at = EXCLUDED.sw_at, sw_v0 = NULL, sw_v1 = NULL, sw_v2 = NULL, sw_v3 = NULL, sw_v4 = NULL;
  INSERT INTO "syncwright"."public.Order ""Lines"" ü" AS tr ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at, sw_v0, sw_v2, sw_v3, sw_v4)
  SELECT n."order id", n."line", sw_t, sw_t, NULL, now(), CASE WHEN o."select" IS DISTINCT FROM n."select" THEN sw_t END, CASE WHEN o."doc"::text IS DISTINCT FROM n."doc"::text THEN sw_t END, CASE WHEN o."it's" IS DISTINCT FROM n."it's" THEN sw_t END, CASE WHEN o."added" IS DISTINCT FROM n."added" THEN sw_t END
  FROM sw_old o JOIN sw_new n ON n."order id" = o."order id" AND n."line" = o."line"
  WHERE o."select" IS DISTINCT FROM n."select"
       OR o."doc"::text IS DISTINCT FROM n."doc"::text
       OR o."it's" IS DISTINCT FROM n."it's"
       OR o."added" IS DISTINCT FROM n."added"
  ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_at = EXCLUDED.sw_at, sw_v0 = coalesce(EXCLUDED.sw_v0, tr.sw_v0), sw_v1 = coalesce(EXCLUDED.sw_v1, tr.sw_v1), sw_v2 = coalesce(EXCLUDED.sw_v2, tr.sw_v2), sw_v3 = coalesce(EXCLUDED.sw_v3, tr.sw_v3), sw_v4 = coalesce(EXCLUDED.sw_v4, tr.sw_v4);
  RETURN NULL;
END
$sw$;

-- CREATE_FUNCTION syncwright.public.Order "Lines" ü$del
CREATE OR REPLACE FUNCTION "syncwright"."public.Order ""Lines"" ü$del"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $sw$
#variable_conflict use_variable
DECLARE
  sw_t bigint;
BEGIN
  IF current_setting('syncwright.suppress', true) = 'public.Order "Lines" ü' AND pg_catalog.pg_trigger_depth() = 1 THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM sw_old) THEN
    RETURN NULL;
  END IF;
  sw_t := "syncwright"."next_tick"();
UPDATE "syncwright"."public.Order ""Lines"" ü" AS tr SET sw_tick = sw_t, sw_dv = sw_t, sw_at = now() FROM sw_old o WHERE tr."order id" = o."order id" AND tr."line" = o."line";
INSERT INTO "syncwright"."public.Order ""Lines"" ü" AS tr ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT o."order id", o."line", sw_t, sw_t, sw_t, now() FROM sw_old o
WHERE NOT EXISTS (SELECT 1 FROM "syncwright"."public.Order ""Lines"" ü" x WHERE x."order id" = o."order id" AND x."line" = o."line");
  RETURN NULL;
END
$sw$;

-- DROP_TRIGGER public.Order "Lines" ü.syncwright_truncate
DROP TRIGGER IF EXISTS "syncwright_truncate" ON "public"."Order ""Lines"" ü";

-- DROP_TRIGGER public.Order "Lines" ü.syncwright_del
DROP TRIGGER IF EXISTS "syncwright_del" ON "public"."Order ""Lines"" ü";

-- DROP_TRIGGER public.Order "Lines" ü.syncwright_upd
DROP TRIGGER IF EXISTS "syncwright_upd" ON "public"."Order ""Lines"" ü";

-- DROP_TRIGGER public.Order "Lines" ü.syncwright_ins
DROP TRIGGER IF EXISTS "syncwright_ins" ON "public"."Order ""Lines"" ü";

-- DROP_TABLE syncwright.public.Order "Lines" ü
DROP TABLE "syncwright"."public.Order ""Lines"" ü";

-- DROP_FUNCTION syncwright.public.Order "Lines" ü$del
DROP FUNCTION "syncwright"."public.Order ""Lines"" ü$del"();

-- DROP_FUNCTION syncwright.public.Order "Lines" ü$upd
DROP FUNCTION "syncwright"."public.Order ""Lines"" ü$upd"();

-- DROP_FUNCTION syncwright.public.Order "Lines" ü$ins
DROP FUNCTION "syncwright"."public.Order ""Lines"" ü$ins"();
