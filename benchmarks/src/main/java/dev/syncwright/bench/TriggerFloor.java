package dev.syncwright.bench;

import java.util.List;
import java.util.function.Function;

/**
 * The floor under Syncwright's triggers (issue 14 item 5): two copies of the bulk table whose triggers
 * have Syncwright's shape per dialect but not its work. {@link #EMPTY} carries triggers that do nothing
 * (the cost of the trigger mechanism: per-row invocation on SQLite and MariaDB, transition tables on
 * PostgreSQL); {@link #SIDE} carries triggers that append one key per changed row to an unindexed
 * {@link #LOG} table (the cost of writing a second row at all, without versions, upserts or indexes);
 * {@link #KEYED} carries triggers that upsert one row per key into {@link #KEYS}, keyed by the base
 * table's key (what any design with one tracking row per base row pays, without Syncwright's versions,
 * tick, tick index and suppression check).
 */
final class TriggerFloor {
    static final String EMPTY = "floor_empty";
    static final String SIDE = "floor_side";
    static final String LOG = "floor_log";
    static final String KEYED = "floor_keyed";
    static final String KEYS = "floor_keys";

    private TriggerFloor() {
    }

    /** Statements that create the side table and the triggers of both copies (the copies themselves exist). */
    static List<String> ddl(String kind) {
        return switch (kind) {
            case "postgresql" -> postgres();
            // SQLite needs a statement in a trigger body; MariaDB accepts an empty BEGIN END
            case "sqlite" -> rowTriggers("SELECT 1 WHERE 0;", TriggerFloor::sqliteUpsert);
            default -> rowTriggers("", TriggerFloor::mariaUpsert);
        };
    }

    /**
     * Statement-level AFTER triggers with transition tables, as PgTrackingSql declares them for an
     * unpartitioned table: PostgreSQL materializes the transition tables whether the function reads them or not.
     */
    private static List<String> postgres() {
        return List.of(
                "CREATE TABLE " + LOG + " (id BIGINT NOT NULL)",
                "CREATE OR REPLACE FUNCTION floor_nothing() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$",
                "CREATE OR REPLACE FUNCTION floor_log_new() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$BEGIN INSERT INTO " + LOG + " SELECT id FROM sw_new; RETURN NULL; END$$",
                "CREATE OR REPLACE FUNCTION floor_log_old() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$BEGIN INSERT INTO " + LOG + " SELECT id FROM sw_old; RETURN NULL; END$$",
                pg(EMPTY, "i", "INSERT", "NEW TABLE AS sw_new", "floor_nothing"),
                pg(EMPTY, "u", "UPDATE", "OLD TABLE AS sw_old NEW TABLE AS sw_new", "floor_nothing"),
                pg(EMPTY, "d", "DELETE", "OLD TABLE AS sw_old", "floor_nothing"),
                pg(SIDE, "i", "INSERT", "NEW TABLE AS sw_new", "floor_log_new"),
                pg(SIDE, "u", "UPDATE", "OLD TABLE AS sw_old NEW TABLE AS sw_new", "floor_log_new"),
                pg(SIDE, "d", "DELETE", "OLD TABLE AS sw_old", "floor_log_old"),
                "CREATE TABLE " + KEYS + " (id BIGINT NOT NULL PRIMARY KEY, n BIGINT NOT NULL)",
                "CREATE OR REPLACE FUNCTION floor_keys_new() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO " + KEYS
                        + " AS k SELECT id, 1 FROM sw_new ON CONFLICT (id) DO UPDATE SET n = k.n + 1; RETURN NULL; END$$",
                "CREATE OR REPLACE FUNCTION floor_keys_old() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO " + KEYS
                        + " AS k SELECT id, 1 FROM sw_old ON CONFLICT (id) DO UPDATE SET n = k.n + 1; RETURN NULL; END$$",
                pg(KEYED, "i", "INSERT", "NEW TABLE AS sw_new", "floor_keys_new"),
                pg(KEYED, "u", "UPDATE", "OLD TABLE AS sw_old NEW TABLE AS sw_new", "floor_keys_new"),
                pg(KEYED, "d", "DELETE", "OLD TABLE AS sw_old", "floor_keys_old"));
    }

    private static String pg(String table, String suffix, String event, String transitions, String function) {
        return "CREATE TRIGGER " + table + "_" + suffix + " AFTER " + event + " ON " + table + " REFERENCING " + transitions
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()";
    }

    /**
     * Row triggers, as SqliteTriggers (without the WHEN suppression clause) and MySqlTrackingSql
     * (without the suppression IF) declare them. On MariaDB the side table is InnoDB without a key:
     * rows append to its hidden row-id clustered index.
     */
    private static List<String> rowTriggers(String nothing, Function<String, String> upsert) {
        return List.of(
                "CREATE TABLE " + LOG + " (id BIGINT NOT NULL)",
                row(EMPTY, "i", "INSERT", nothing),
                row(EMPTY, "u", "UPDATE", nothing),
                row(EMPTY, "d", "DELETE", nothing),
                row(SIDE, "i", "INSERT", "INSERT INTO " + LOG + " VALUES (NEW.id);"),
                row(SIDE, "u", "UPDATE", "INSERT INTO " + LOG + " VALUES (NEW.id);"),
                row(SIDE, "d", "DELETE", "INSERT INTO " + LOG + " VALUES (OLD.id);"),
                "CREATE TABLE " + KEYS + " (id BIGINT NOT NULL PRIMARY KEY, n BIGINT NOT NULL)",
                row(KEYED, "i", "INSERT", upsert.apply("NEW")),
                row(KEYED, "u", "UPDATE", upsert.apply("NEW")),
                row(KEYED, "d", "DELETE", upsert.apply("OLD")));
    }

    private static String sqliteUpsert(String row) {
        // WHERE true: SQLite's parser needs it between INSERT ... SELECT and ON CONFLICT
        return "INSERT INTO " + KEYS + " SELECT " + row + ".id, 1 WHERE true ON CONFLICT (id) DO UPDATE SET n = n + 1;";
    }

    private static String mariaUpsert(String row) {
        return "INSERT INTO " + KEYS + " VALUES (" + row + ".id, 1) ON DUPLICATE KEY UPDATE n = n + 1;";
    }

    private static String row(String table, String suffix, String event, String body) {
        return "CREATE TRIGGER " + table + "_" + suffix + " AFTER " + event + " ON " + table + " FOR EACH ROW BEGIN " + body + " END";
    }
}
