-- ALTER_TABLE syncwright_tr_Order "Lines" ü
ALTER TABLE "syncwright_tr_Order ""Lines"" ü" ADD COLUMN sw_v4 INTEGER;

-- DROP_TRIGGER syncwright_del_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_del_Order ""Lines"" ü";

-- DROP_TRIGGER syncwright_updkey_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_updkey_Order ""Lines"" ü";

-- DROP_TRIGGER syncwright_upd_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_upd_Order ""Lines"" ü";

-- DROP_TRIGGER syncwright_ins_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_ins_Order ""Lines"" ü";

-- CREATE_TRIGGER syncwright_ins_Order "Lines" ü
CREATE TRIGGER "syncwright_ins_Order ""Lines"" ü" AFTER INSERT ON "Order ""Lines"" ü"
WHEN (SELECT suppress FROM "syncwright_context") IS NOT 'syncwright_tr_Order "Lines" ü'
BEGIN
INSERT INTO "syncwright_tr_Order ""Lines"" ü" ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT NEW."order id", NEW."line", c.tick + 1, c.tick + 1, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM "syncwright_clock" c WHERE true
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = excluded.sw_tick, sw_cv = excluded.sw_cv, sw_dv = NULL, sw_at = excluded.sw_at, sw_v0 = NULL, sw_v1 = NULL, sw_v2 = NULL, sw_v3 = NULL, sw_v4 = NULL;
END;

-- CREATE_TRIGGER syncwright_upd_Order "Lines" ü
CREATE TRIGGER "syncwright_upd_Order ""Lines"" ü" AFTER UPDATE ON "Order ""Lines"" ü"
WHEN (SELECT suppress FROM "syncwright_context") IS NOT 'syncwright_tr_Order "Lines" ü' AND OLD."order id" IS NEW."order id" AND OLD."line" IS NEW."line" AND (OLD."select" IS NOT NEW."select" OR OLD."doc" IS NOT NEW."doc" OR OLD."it's" IS NOT NEW."it's" OR OLD."added" IS NOT NEW."added")
BEGIN
  INSERT INTO "syncwright_tr_Order ""Lines"" ü" ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at, sw_v0, sw_v2, sw_v3, sw_v4)
  SELECT NEW."order id", NEW."line", c.tick + 1, c.tick + 1, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), CASE WHEN OLD."select" IS NOT NEW."select" THEN c.tick + 1 END, CASE WHEN OLD."doc" IS NOT NEW."doc" THEN c.tick + 1 END, CASE WHEN OLD."it's" IS NOT NEW."it's" THEN c.tick + 1 END, CASE WHEN OLD."added" IS NOT NEW."added" THEN c.tick + 1 END FROM "syncwright_clock" c WHERE true
  ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = excluded.sw_tick, sw_at = excluded.sw_at, sw_v0 = coalesce(excluded.sw_v0, sw_v0), sw_v1 = coalesce(excluded.sw_v1, sw_v1), sw_v2 = coalesce(excluded.sw_v2, sw_v2), sw_v3 = coalesce(excluded.sw_v3, sw_v3), sw_v4 = coalesce(excluded.sw_v4, sw_v4);
END;

-- CREATE_TRIGGER syncwright_updkey_Order "Lines" ü
CREATE TRIGGER "syncwright_updkey_Order ""Lines"" ü" AFTER UPDATE ON "Order ""Lines"" ü"
WHEN (SELECT suppress FROM "syncwright_context") IS NOT 'syncwright_tr_Order "Lines" ü' AND (OLD."order id" IS NOT NEW."order id" OR OLD."line" IS NOT NEW."line")
BEGIN
INSERT INTO "syncwright_tr_Order ""Lines"" ü" ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT OLD."order id", OLD."line", c.tick + 1, c.tick + 1, c.tick + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM "syncwright_clock" c WHERE true
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = excluded.sw_tick, sw_dv = excluded.sw_dv, sw_at = excluded.sw_at;
INSERT INTO "syncwright_tr_Order ""Lines"" ü" ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT NEW."order id", NEW."line", c.tick + 1, c.tick + 1, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM "syncwright_clock" c WHERE true
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = excluded.sw_tick, sw_cv = excluded.sw_cv, sw_dv = NULL, sw_at = excluded.sw_at, sw_v0 = NULL, sw_v1 = NULL, sw_v2 = NULL, sw_v3 = NULL, sw_v4 = NULL;
END;

-- CREATE_TRIGGER syncwright_del_Order "Lines" ü
CREATE TRIGGER "syncwright_del_Order ""Lines"" ü" AFTER DELETE ON "Order ""Lines"" ü"
WHEN (SELECT suppress FROM "syncwright_context") IS NOT 'syncwright_tr_Order "Lines" ü'
BEGIN
INSERT INTO "syncwright_tr_Order ""Lines"" ü" ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT OLD."order id", OLD."line", c.tick + 1, c.tick + 1, c.tick + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM "syncwright_clock" c WHERE true
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = excluded.sw_tick, sw_dv = excluded.sw_dv, sw_at = excluded.sw_at;
END;

-- DROP_TRIGGER syncwright_del_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_del_Order ""Lines"" ü";

-- DROP_TRIGGER syncwright_updkey_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_updkey_Order ""Lines"" ü";

-- DROP_TRIGGER syncwright_upd_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_upd_Order ""Lines"" ü";

-- DROP_TRIGGER syncwright_ins_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_ins_Order ""Lines"" ü";

-- DROP_INDEX syncwright_guard_Order "Lines" ü
DROP INDEX IF EXISTS "syncwright_guard_Order ""Lines"" ü";

-- DROP_TABLE syncwright_tr_Order "Lines" ü
DROP TABLE "syncwright_tr_Order ""Lines"" ü";
