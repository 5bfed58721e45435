-- CREATE_SCHEMA syncwright
CREATE SCHEMA "syncwright";

-- CREATE_SEQUENCE syncwright.tick_seq
CREATE SEQUENCE "syncwright"."tick_seq" AS bigint MINVALUE 1 MAXVALUE 1099511627775 CACHE 1;

-- CREATE_TABLE syncwright.scopes
CREATE TABLE "syncwright"."scopes" (
  scope_name text PRIMARY KEY,
  replica_id text NOT NULL,
  knowledge bytea,
  forgotten_knowledge bytea,
  replica_key_map bytea,
  definition text NOT NULL,
  definition_version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- CREATE_TABLE syncwright.scope_tables
CREATE TABLE "syncwright"."scope_tables" (
  table_schema text NOT NULL,
  table_name text NOT NULL,
  scope_name text NOT NULL REFERENCES "syncwright"."scopes" (scope_name) ON DELETE CASCADE,
  PRIMARY KEY (table_schema, table_name)
);

-- CREATE_TABLE syncwright.conflicts
CREATE TABLE "syncwright"."conflicts" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scope_name text NOT NULL,
  table_name text NOT NULL,
  pk_json text NOT NULL,
  kind text NOT NULL,
  resolution text,
  local_json text,
  remote_json text,
  detected_at timestamptz NOT NULL DEFAULT now(),
  resolved boolean NOT NULL DEFAULT false,
  message text
);

-- CREATE_TABLE syncwright.peers
CREATE TABLE "syncwright"."peers" (
  scope_name text NOT NULL,
  peer_id text NOT NULL,
  epoch bigint NOT NULL,
  nonce text NOT NULL,
  delivered bigint NOT NULL,
  upstream boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope_name, peer_id)
);

-- CREATE_TABLE syncwright.replica_principals
CREATE TABLE "syncwright"."replica_principals" (
  scope_name text NOT NULL,
  replica_id text NOT NULL,
  principal text NOT NULL,
  bound_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope_name, replica_id)
);

-- CREATE_INDEX syncwright.conflicts_open
CREATE INDEX "conflicts_open" ON "syncwright"."conflicts" (scope_name, resolved);

-- CREATE_FUNCTION syncwright.next_tick
CREATE OR REPLACE FUNCTION "syncwright"."next_tick"() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $sw$
DECLARE
  floor_tick bigint;
BEGIN
  IF coalesce(current_setting('syncwright.tx_floor', true), '') = '' THEN
    SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO floor_tick FROM "syncwright"."tick_seq";
    PERFORM pg_catalog.pg_advisory_xact_lock_shared(1398210560 + (floor_tick >> 31)::int, (floor_tick & 2147483647)::int);
    PERFORM pg_catalog.set_config('syncwright.tx_floor', floor_tick::text, true);
  END IF;
  RETURN pg_catalog.nextval('"syncwright"."tick_seq"');
END
$sw$;

-- CREATE_FUNCTION syncwright.safe_watermark
CREATE OR REPLACE FUNCTION "syncwright"."safe_watermark"() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $sw$
DECLARE
  issued bigint;
  oldest_floor bigint;
BEGIN
  SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO issued FROM "syncwright"."tick_seq";
  SELECT min(((l.classid::bigint - 1398210560) << 31) | l.objid::bigint) INTO oldest_floor
    FROM pg_catalog.pg_locks l
   WHERE l.locktype = 'advisory' AND l.objsubid = 2
     AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
     AND l.classid BETWEEN 1398210560 AND 1398210560 + 512;
  RETURN least(issued, coalesce(oldest_floor, issued));
END
$sw$;

-- CREATE_FUNCTION syncwright.refuse_truncate
CREATE OR REPLACE FUNCTION "syncwright"."refuse_truncate"() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $sw$
BEGIN
  RAISE EXCEPTION 'TRUNCATE of % would lose changes that Syncwright tracks; use DELETE, or deprovision the table first',
    TG_TABLE_NAME USING ERRCODE = 'feature_not_supported';
END
$sw$;

-- DROP_FUNCTION syncwright.refuse_truncate
DROP FUNCTION "syncwright"."refuse_truncate"();

-- DROP_FUNCTION syncwright.safe_watermark
DROP FUNCTION "syncwright"."safe_watermark"();

-- DROP_FUNCTION syncwright.next_tick
DROP FUNCTION "syncwright"."next_tick"();

-- DROP_TABLE syncwright.replica_principals
DROP TABLE "syncwright"."replica_principals";

-- DROP_TABLE syncwright.peers
DROP TABLE "syncwright"."peers";

-- DROP_TABLE syncwright.conflicts
DROP TABLE "syncwright"."conflicts";

-- DROP_TABLE syncwright.scope_tables
DROP TABLE "syncwright"."scope_tables";

-- DROP_TABLE syncwright.scopes
DROP TABLE "syncwright"."scopes";

-- DROP_SEQUENCE syncwright.tick_seq
DROP SEQUENCE "syncwright"."tick_seq";

-- DROP_SCHEMA syncwright
DROP SCHEMA "syncwright";
