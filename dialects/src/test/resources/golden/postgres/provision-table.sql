-- CREATE_TABLE syncwright.public.Order "Lines" ü
CREATE TABLE "syncwright"."public.Order ""Lines"" ü" (
  "order id" integer NOT NULL,
  "line" integer NOT NULL,
  sw_tick bigint NOT NULL,
  sw_cv bigint NOT NULL,
  sw_dv bigint,
  sw_at timestamptz NOT NULL,
  sw_v0 bigint,
  sw_v1 bigint,
  sw_v2 bigint,
  sw_v3 bigint
);

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
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_cv = EXCLUDED.sw_cv, sw_dv = NULL, sw_at = EXCLUDED.sw_at, sw_v0 = NULL, sw_v1 = NULL, sw_v2 = NULL, sw_v3 = NULL;
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
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_cv = EXCLUDED.sw_cv, sw_dv = NULL, sw_at = EXCLUDED.sw_at, sw_v0 = NULL, sw_v1 = NULL, sw_v2 = NULL, sw_v3 = NULL;
  INSERT INTO "syncwright"."public.Order ""Lines"" ü" AS tr ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at, sw_v0, sw_v2, sw_v3)
  SELECT n."order id", n."line", sw_t, sw_t, NULL, now(), CASE WHEN o."select" IS DISTINCT FROM n."select" THEN sw_t END, CASE WHEN o."doc"::text IS DISTINCT FROM n."doc"::text THEN sw_t END, CASE WHEN o."it's" IS DISTINCT FROM n."it's" THEN sw_t END
  FROM sw_old o JOIN sw_new n ON n."order id" = o."order id" AND n."line" = o."line"
  WHERE o."select" IS DISTINCT FROM n."select"
       OR o."doc"::text IS DISTINCT FROM n."doc"::text
       OR o."it's" IS DISTINCT FROM n."it's"
  ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_at = EXCLUDED.sw_at, sw_v0 = coalesce(EXCLUDED.sw_v0, tr.sw_v0), sw_v1 = coalesce(EXCLUDED.sw_v1, tr.sw_v1), sw_v2 = coalesce(EXCLUDED.sw_v2, tr.sw_v2), sw_v3 = coalesce(EXCLUDED.sw_v3, tr.sw_v3);
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

-- CREATE_TRIGGER public.Order "Lines" ü.syncwright_ins
CREATE TRIGGER "syncwright_ins" AFTER INSERT ON "public"."Order ""Lines"" ü" REFERENCING NEW TABLE AS sw_new FOR EACH STATEMENT EXECUTE FUNCTION "syncwright"."public.Order ""Lines"" ü$ins"();

-- CREATE_TRIGGER public.Order "Lines" ü.syncwright_upd
CREATE TRIGGER "syncwright_upd" AFTER UPDATE ON "public"."Order ""Lines"" ü" REFERENCING OLD TABLE AS sw_old NEW TABLE AS sw_new FOR EACH STATEMENT EXECUTE FUNCTION "syncwright"."public.Order ""Lines"" ü$upd"();

-- CREATE_TRIGGER public.Order "Lines" ü.syncwright_del
CREATE TRIGGER "syncwright_del" AFTER DELETE ON "public"."Order ""Lines"" ü" REFERENCING OLD TABLE AS sw_old FOR EACH STATEMENT EXECUTE FUNCTION "syncwright"."public.Order ""Lines"" ü$del"();

-- CREATE_TRIGGER public.Order "Lines" ü.syncwright_truncate
CREATE TRIGGER "syncwright_truncate" BEFORE TRUNCATE ON "public"."Order ""Lines"" ü" FOR EACH STATEMENT EXECUTE FUNCTION "syncwright"."refuse_truncate"();

-- INSERT syncwright.public.Order "Lines" ü
WITH sw AS MATERIALIZED (SELECT "syncwright"."next_tick"() AS t)
INSERT INTO "syncwright"."public.Order ""Lines"" ü" ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT b."order id", b."line", sw.t, sw.t, NULL, now() FROM "public"."Order ""Lines"" ü" b CROSS JOIN sw;

-- ALTER_TABLE syncwright.public.Order "Lines" ü
ALTER TABLE "syncwright"."public.Order ""Lines"" ü" ADD CONSTRAINT "public.Order ""Lines"" ü$pk" PRIMARY KEY ("order id", "line");

-- CREATE_INDEX public.Order "Lines" ü$tick
CREATE INDEX "public.Order ""Lines"" ü$tick" ON "syncwright"."public.Order ""Lines"" ü" (sw_tick);
