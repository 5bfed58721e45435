package dev.syncwright.dialect.postgres;

import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_FUNCTION;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_INDEX;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_SCHEMA;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_SEQUENCE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_FUNCTION;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_SCHEMA;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_SEQUENCE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TABLE;

import dev.syncwright.core.Version;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.SyncTable;
import java.util.List;

/**
 * The shared objects in schema {@code syncwright}: scope table, table registry, conflict log, the tick
 * sequence and the two clock functions of ADR 011.
 */
final class PgSyncObjects {
    /**
     * Advisory-lock key space of the transaction floors: (FLOOR_KEY + (floor >> 31), floor & 0x7fffffff).
     * Ticks have 40 bits, so the first key spans FLOOR_KEY .. FLOOR_KEY + 512.
     */
    static final int FLOOR_KEY = 0x53570000;

    private final PgNames names;

    PgSyncObjects(PgNames names) {
        this.names = names;
    }

    List<SqlStatement> create() {
        String seq = names.sync("tick_seq");
        return List.of(
                SqlStatement.of(CREATE_SCHEMA, PgNames.SCHEMA, "CREATE SCHEMA " + names.quote(PgNames.SCHEMA)),
                SqlStatement.of(CREATE_SEQUENCE, "syncwright.tick_seq",
                        "CREATE SEQUENCE " + seq + " AS bigint MINVALUE 1 MAXVALUE " + Version.MAX_TICK + " CACHE 1"),
                SqlStatement.of(CREATE_TABLE, "syncwright.scopes", """
                        CREATE TABLE %s (
                          scope_name text PRIMARY KEY,
                          replica_id text NOT NULL,
                          knowledge bytea,
                          forgotten_knowledge bytea,
                          replica_key_map bytea,
                          definition text NOT NULL,
                          definition_version integer NOT NULL,
                          created_at timestamptz NOT NULL DEFAULT now(),
                          updated_at timestamptz NOT NULL DEFAULT now()
                        )""".formatted(names.syncTable(SyncTable.SCOPES))),
                SqlStatement.of(CREATE_TABLE, "syncwright.scope_tables", """
                        CREATE TABLE %s (
                          table_schema text NOT NULL,
                          table_name text NOT NULL,
                          scope_name text NOT NULL REFERENCES %s (scope_name) ON DELETE CASCADE,
                          PRIMARY KEY (table_schema, table_name)
                        )""".formatted(names.syncTable(SyncTable.SCOPE_TABLES), names.syncTable(SyncTable.SCOPES))),
                SqlStatement.of(CREATE_TABLE, "syncwright.conflicts", """
                        CREATE TABLE %s (
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
                        )""".formatted(names.syncTable(SyncTable.CONFLICTS))),
                SqlStatement.of(CREATE_TABLE, "syncwright.peers", peers()),
                SqlStatement.of(CREATE_TABLE, "syncwright.replica_principals", principals()),
                SqlStatement.of(CREATE_INDEX, "syncwright.conflicts_open", "CREATE INDEX " + names.quote("conflicts_open")
                        + " ON " + names.syncTable(SyncTable.CONFLICTS) + " (scope_name, resolved)"),
                SqlStatement.of(CREATE_FUNCTION, "syncwright.next_tick", nextTick(seq)),
                SqlStatement.of(CREATE_FUNCTION, "syncwright.safe_watermark", safeWatermark(seq)),
                SqlStatement.of(CREATE_FUNCTION, "syncwright.refuse_truncate", refuseTruncate()));
    }

    List<SqlStatement> drop() {
        return List.of(
                SqlStatement.of(DROP_FUNCTION, "syncwright.refuse_truncate", "DROP FUNCTION " + names.sync("refuse_truncate") + "()"),
                SqlStatement.of(DROP_FUNCTION, "syncwright.safe_watermark", "DROP FUNCTION " + names.sync("safe_watermark") + "()"),
                SqlStatement.of(DROP_FUNCTION, "syncwright.next_tick", "DROP FUNCTION " + names.sync("next_tick") + "()"),
                SqlStatement.of(DROP_TABLE, "syncwright.replica_principals", "DROP TABLE " + names.syncTable(SyncTable.PRINCIPALS)),
                SqlStatement.of(DROP_TABLE, "syncwright.peers", "DROP TABLE " + names.syncTable(SyncTable.PEERS)),
                SqlStatement.of(DROP_TABLE, "syncwright.conflicts", "DROP TABLE " + names.syncTable(SyncTable.CONFLICTS)),
                SqlStatement.of(DROP_TABLE, "syncwright.scope_tables", "DROP TABLE " + names.syncTable(SyncTable.SCOPE_TABLES)),
                SqlStatement.of(DROP_TABLE, "syncwright.scopes", "DROP TABLE " + names.syncTable(SyncTable.SCOPES)),
                SqlStatement.of(DROP_SEQUENCE, "syncwright.tick_seq", "DROP SEQUENCE " + names.sync("tick_seq")),
                // RESTRICT (the default): if someone put their own objects in our schema, fail loudly instead of dropping them
                SqlStatement.of(DROP_SCHEMA, PgNames.SCHEMA, "DROP SCHEMA " + names.quote(PgNames.SCHEMA)));
    }

    String principals() {
        return """
                CREATE TABLE %s (
                  scope_name text NOT NULL,
                  replica_id text NOT NULL,
                  principal text NOT NULL,
                  bound_at timestamptz NOT NULL DEFAULT now(),
                  PRIMARY KEY (scope_name, replica_id)
                )""".formatted(names.syncTable(SyncTable.PRINCIPALS));
    }

    String peers() {
        return """
                CREATE TABLE %s (
                  scope_name text NOT NULL,
                  peer_id text NOT NULL,
                  epoch bigint NOT NULL,
                  nonce text NOT NULL,
                  delivered bigint NOT NULL,
                  upstream boolean NOT NULL,
                  updated_at timestamptz NOT NULL DEFAULT now(),
                  PRIMARY KEY (scope_name, peer_id)
                )""".formatted(names.syncTable(SyncTable.PEERS));
    }

    /*
     * The commit-order argument (ADR 011). Ticks come from a sequence, one per statement, drawn after
     * the statement's rows are written (and locked): a later write of a row always gets a higher tick,
     * whenever its transaction started. Before its FIRST tick a transaction reads the sequence's
     * current value F and takes a shared, transaction-scoped advisory lock keyed by F: every tick it
     * will take is > F, and the lock is visible in pg_locks to every session while it is open, and
     * disappears only after its commit is visible (locks are released after the commit record and the
     * proc-array update), or with its rollback. A subtransaction rollback undoes lock and setting together.
     */
    private String nextTick(String seq) {
        String body = """
                DECLARE
                  floor_tick bigint;
                BEGIN
                  IF coalesce(current_setting('syncwright.tx_floor', true), '') = '' THEN
                    SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO floor_tick FROM %1$s;
                    PERFORM pg_catalog.pg_advisory_xact_lock_shared(%2$d + (floor_tick >> 31)::int, (floor_tick & 2147483647)::int);
                    PERFORM pg_catalog.set_config('syncwright.tx_floor', floor_tick::text, true);
                  END IF;
                  RETURN pg_catalog.nextval('%3$s');
                END
                """.formatted(seq, FLOOR_KEY, seq.replace("'", "''"));
        return function(names.sync("next_tick"), "bigint", body, true);
    }

    /*
     * safe = min(issued, lowest open floor). Read `issued` first: a transaction holding a tick <= issued
     * drew it before this read and registered its floor before drawing it, so the pg_locks read that
     * follows sees that floor unless the transaction has ended (then its rows are visible to any later
     * snapshot). Every tick drawn after the first read is > issued. So no open or future transaction
     * can produce a tick <= the result, and every committed one is readable.
     */
    private String safeWatermark(String seq) {
        String body = """
                DECLARE
                  issued bigint;
                  oldest_floor bigint;
                BEGIN
                  SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO issued FROM %1$s;
                  SELECT min(((l.classid::bigint - %2$d) << 31) | l.objid::bigint) INTO oldest_floor
                    FROM pg_catalog.pg_locks l
                   WHERE l.locktype = 'advisory' AND l.objsubid = 2
                     AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
                     AND l.classid BETWEEN %2$d AND %2$d + 512;
                  RETURN least(issued, coalesce(oldest_floor, issued));
                END
                """.formatted(seq, FLOOR_KEY);
        return function(names.sync("safe_watermark"), "bigint", body, true);
    }

    private String refuseTruncate() {
        String body = """
                BEGIN
                  RAISE EXCEPTION 'TRUNCATE of % would lose changes that Syncwright tracks; use DELETE, or deprovision the table first',
                    TG_TABLE_NAME USING ERRCODE = 'feature_not_supported';
                END
                """;
        return function(names.sync("refuse_truncate"), "trigger", body, false);
    }

    /**
     * A plpgsql function. SECURITY DEFINER with a pinned search_path: writers need no grants on the
     * syncwright schema, and a hostile search_path cannot redirect the function's operators.
     */
    static String function(String name, String returns, String body, boolean definer) {
        String tag = dev.syncwright.dialect.internal.Identifiers.dollarTag(body);
        return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS " + returns + " LANGUAGE plpgsql"
                + (definer ? " SECURITY DEFINER" : "") + " SET search_path = pg_catalog, pg_temp AS " + tag + "\n"
                + body + tag;
    }
}
