-- CREATE_TABLE syncwright.capture
CREATE TABLE IF NOT EXISTS "syncwright"."capture" (scope_name text PRIMARY KEY, slot_name text NOT NULL, publication text NOT NULL, upto_lsn pg_lsn, started text[] NOT NULL DEFAULT '{}');

-- INSERT syncwright.capture
INSERT INTO "syncwright"."capture" (scope_name, slot_name, publication) VALUES ('sales', 'syncwright_0123456789abcdef', 'syncwright_0123456789abcdef') ON CONFLICT (scope_name) DO NOTHING;

-- ALTER_TABLE public.Order "Lines" ü
ALTER TABLE "public"."Order ""Lines"" ü" REPLICA IDENTITY FULL;

-- CREATE_PUBLICATION syncwright_0123456789abcdef
CREATE PUBLICATION "syncwright_0123456789abcdef" FOR TABLE "public"."Order ""Lines"" ü" WITH (publish = 'insert, update, delete', publish_via_partition_root = true);

-- CREATE_SLOT syncwright_0123456789abcdef
SELECT pg_catalog.pg_create_logical_replication_slot('syncwright_0123456789abcdef', 'pgoutput');

-- DROP_TRIGGER public.Order "Lines" ü.syncwright_ins
DROP TRIGGER IF EXISTS "syncwright_ins" ON "public"."Order ""Lines"" ü";

-- DROP_TRIGGER public.Order "Lines" ü.syncwright_upd
DROP TRIGGER IF EXISTS "syncwright_upd" ON "public"."Order ""Lines"" ü";

-- DROP_TRIGGER public.Order "Lines" ü.syncwright_del
DROP TRIGGER IF EXISTS "syncwright_del" ON "public"."Order ""Lines"" ü";

-- MESSAGE syncwright.start
SELECT pg_catalog.pg_logical_emit_message(true, 'syncwright.start', 'sales
public.Order "Lines" ü');

-- DROP_SLOT syncwright_0123456789abcdef
SELECT pg_catalog.pg_drop_replication_slot('syncwright_0123456789abcdef');

-- DROP_PUBLICATION syncwright_0123456789abcdef
DROP PUBLICATION IF EXISTS "syncwright_0123456789abcdef";

-- DELETE syncwright.capture
DELETE FROM "syncwright"."capture" WHERE scope_name = 'sales';

-- DROP_TABLE syncwright.capture
DROP TABLE "syncwright"."capture";
