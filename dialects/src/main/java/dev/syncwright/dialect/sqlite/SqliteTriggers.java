package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableDefinition;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Row triggers, one per kind. The tick is the clock value + 1, read inside the writing statement
 * (which holds SQLite's single write lock); only {@link SqliteTicks#safeWatermark} moves the clock.
 * Each trigger does exactly one tracking-row write (an upsert), except a key change, which is two items.
 */
final class SqliteTriggers {
    /** Milliseconds since the epoch; 'now' is stable within one statement. */
    static final String NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    private final SqliteNames names;

    SqliteTriggers(SqliteNames names) {
        this.names = names;
    }

    String insert(TableDefinition t) {
        return header(t, "ins", "INSERT", null) + incarnate(t, "NEW") + "\nEND";
    }

    /** UPDATE keeping the key: the tick goes to exactly the columns whose value changed ({@code IS NOT}). */
    String update(TableDefinition t) {
        List<ColumnDefinition> units = t.changeUnits();
        String sameKey = join(t.primaryKey(), c -> "OLD." + q(c) + " IS NEW." + q(c), " AND ");
        String changed = join(units, c -> "OLD." + q(c) + " IS NOT NEW." + q(c), " OR ");
        String versions = join(units, c -> "CASE WHEN OLD." + q(c) + " IS NOT NEW." + q(c) + " THEN c.tick + 1 END", ", ");
        String keep = IntStream.range(0, t.changeUnitCount()).mapToObj(SqlNames::changeUnitColumn)
                .map(v -> v + " = coalesce(excluded." + v + ", " + v + ")").collect(Collectors.joining(", "));
        return header(t, "upd", "UPDATE", sameKey + " AND (" + changed + ")") + """
                  INSERT INTO %1$s (%2$s, sw_tick, sw_cv, sw_dv, sw_at, %3$s)
                  SELECT %4$s, c.tick + 1, c.tick + 1, NULL, %5$s, %6$s FROM %7$s c WHERE true
                  ON CONFLICT (%2$s) DO UPDATE SET sw_tick = excluded.sw_tick, sw_at = excluded.sw_at, %8$s;
                END""".formatted(tracking(t), keys(t, ""), join(units, c -> SqlNames.changeUnitColumn(c.changeUnit()), ", "),
                keys(t, "NEW."), NOW_MS, versions, names.quote(SqliteNames.CLOCK), keep);
    }

    /** UPDATE of a key: a tombstone for the old item and a new incarnation for the new one. */
    String updateKey(TableDefinition t) {
        String keyChanged = join(t.primaryKey(), c -> "OLD." + q(c) + " IS NOT NEW." + q(c), " OR ");
        return header(t, "updkey", "UPDATE", "(" + keyChanged + ")") + tombstone(t, "OLD") + "\n" + incarnate(t, "NEW") + "\nEND";
    }

    /** DELETE: a tombstone; per-column versions are kept (ADR 013). */
    String delete(TableDefinition t) {
        return header(t, "del", "DELETE", null) + tombstone(t, "OLD") + "\nEND";
    }

    String backfill(TableDefinition t) {
        return "INSERT INTO " + tracking(t) + " (" + keys(t, "") + ", sw_tick, sw_cv, sw_dv, sw_at)\nSELECT " + keys(t, "b.")
                + ", c.tick + 1, c.tick + 1, NULL, " + NOW_MS + " FROM " + names.table(t.name()) + " b, "
                + names.quote(SqliteNames.CLOCK) + " c";
    }

    String triggerName(String kind, TableDefinition t) {
        return names.derived(kind + "_", t.name());
    }

    private String header(TableDefinition t, String kind, String event, String condition) {
        return "CREATE TRIGGER " + names.quote(triggerName(kind, t)) + " AFTER " + event + " ON " + names.table(t.name())
                // suppressed only while the provider writes this very table (ADR 042)
                + "\nWHEN (SELECT suppress FROM " + names.quote(SqliteNames.CONTEXT) + ") IS NOT "
                + names.literal(names.trackingTableName(t.name()).name())
                + (condition == null ? "" : " AND " + condition) + "\nBEGIN\n";
    }

    private String incarnate(TableDefinition t, String row) {
        String reset = IntStream.range(0, t.changeUnitCount()).mapToObj(i -> ", " + SqlNames.changeUnitColumn(i) + " = NULL")
                .collect(Collectors.joining());
        return """
                  INSERT INTO %1$s (%2$s, sw_tick, sw_cv, sw_dv, sw_at)
                  SELECT %3$s, c.tick + 1, c.tick + 1, NULL, %4$s FROM %5$s c WHERE true
                  ON CONFLICT (%2$s) DO UPDATE SET sw_tick = excluded.sw_tick, sw_cv = excluded.sw_cv, sw_dv = NULL, sw_at = excluded.sw_at%6$s;"""
                .formatted(tracking(t), keys(t, ""), keys(t, row + "."), NOW_MS, names.quote(SqliteNames.CLOCK), reset);
    }

    private String tombstone(TableDefinition t, String row) {
        return """
                  INSERT INTO %1$s (%2$s, sw_tick, sw_cv, sw_dv, sw_at)
                  SELECT %3$s, c.tick + 1, c.tick + 1, c.tick + 1, %4$s FROM %5$s c WHERE true
                  ON CONFLICT (%2$s) DO UPDATE SET sw_tick = excluded.sw_tick, sw_dv = excluded.sw_dv, sw_at = excluded.sw_at;"""
                .formatted(tracking(t), keys(t, ""), keys(t, row + "."), NOW_MS, names.quote(SqliteNames.CLOCK));
    }

    private String tracking(TableDefinition t) {
        return names.trackingTable(t.name());
    }

    String keys(TableDefinition t, String prefix) {
        return join(t.primaryKey(), c -> prefix + q(c), ", ");
    }

    private String q(ColumnDefinition c) {
        return names.quote(c.name());
    }

    private static String join(List<ColumnDefinition> cols, Function<ColumnDefinition, String> f, String sep) {
        return cols.stream().map(f).collect(Collectors.joining(sep));
    }
}
