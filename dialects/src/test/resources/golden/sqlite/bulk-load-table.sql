-- DROP_TRIGGER syncwright_ins_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_ins_Order ""Lines"" ü";

-- DROP_INDEX syncwright_ix_Order "Lines" ü
DROP INDEX IF EXISTS "syncwright_ix_Order ""Lines"" ü";

-- CREATE_INDEX syncwright_guard_Order "Lines" ü
CREATE INDEX "syncwright_guard_Order ""Lines"" ü" ON "Order ""Lines"" ü" ("order id" COLLATE syncwright_first_download_running) WHERE 0;

-- DROP_INDEX syncwright_guard_Order "Lines" ü
DROP INDEX IF EXISTS "syncwright_guard_Order ""Lines"" ü";

-- DROP_TRIGGER syncwright_ins_Order "Lines" ü
DROP TRIGGER IF EXISTS "syncwright_ins_Order ""Lines"" ü";

-- CREATE_TRIGGER syncwright_ins_Order "Lines" ü
CREATE TRIGGER "syncwright_ins_Order ""Lines"" ü" AFTER INSERT ON "Order ""Lines"" ü"
WHEN (SELECT suppress FROM "syncwright_context") IS NOT 'syncwright_tr_Order "Lines" ü'
BEGIN
INSERT INTO "syncwright_tr_Order ""Lines"" ü" ("order id", "line", sw_tick, sw_cv, sw_dv, sw_at)
SELECT NEW."order id", NEW."line", c.tick + 1, c.tick + 1, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM "syncwright_clock" c WHERE true
ON CONFLICT ("order id", "line") DO UPDATE SET sw_tick = excluded.sw_tick, sw_cv = excluded.sw_cv, sw_dv = NULL, sw_at = excluded.sw_at, sw_v0 = NULL, sw_v1 = NULL, sw_v2 = NULL, sw_v3 = NULL;
END;

-- CREATE_INDEX syncwright_ix_Order "Lines" ü
CREATE INDEX IF NOT EXISTS "syncwright_ix_Order ""Lines"" ü" ON "syncwright_tr_Order ""Lines"" ü" (sw_tick);
