package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableDefinition;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Bodies of the trigger functions: each statement of the user becomes one set-based write of the
 * tracking table over the transition tables, with ONE tick drawn after the rows were written.
 * Tracking rows are written with INSERT ... ON CONFLICT so that a row missing from the tracking table
 * (written while tracking was suppressed) is healed rather than skipped.
 *
 * <p>A partitioned table gets row-level triggers instead: row triggers of a partitioned table are
 * cloned to every partition, present and future, so rows written straight into a partition are
 * tracked too, which statement triggers of the parent would miss. The bodies are the same, over a
 * one-row relation made of NEW or OLD, with one tick per row.
 *
 * <p>Suppression (ADR 042) covers exactly the provider's own statements on this table: the setting
 * names this table's tracking table, and only a statement at trigger depth 1 (sent by the client,
 * not by another trigger or a foreign key's cascade) is skipped.
 */
final class PgTriggers {
    private static final String PROLOGUE = """
            #variable_conflict use_variable
            DECLARE
              sw_t bigint;
            BEGIN
              IF current_setting('syncwright.suppress', true) = %s AND pg_catalog.pg_trigger_depth() = 1 THEN
                RETURN NULL;
              END IF;
            """;

    private final PgNames names;

    PgTriggers(PgNames names) {
        this.names = names;
    }

    /** The value of {@code syncwright.suppress} that suppresses the provider's own writes of {@code t}. */
    String suppressKey(TableDefinition t) {
        return names.trackingTableName(t.name()).name();
    }

    private String prologue(TableDefinition t) {
        return PROLOGUE.formatted(names.literal(suppressKey(t)));
    }

    /** The new rows: the transition table, or NEW for a row trigger. */
    private static String newRows(TableDefinition t) {
        return t.partitioned() ? "(SELECT NEW.*)" : "sw_new";
    }

    private static String oldRows(TableDefinition t) {
        return t.partitioned() ? "(SELECT OLD.*)" : "sw_old";
    }

    /** Statement triggers fire for statements that touched no row; a row trigger always has its row. */
    private static String unlessEmpty(TableDefinition t, String rows) {
        return t.partitioned() ? "" : """
                  IF NOT EXISTS (SELECT 1 FROM %s) THEN
                    RETURN NULL;
                  END IF;
                """.formatted(rows);
    }

    /** INSERT: a new incarnation per row (a tombstone of the same key is overwritten: re-insert). */
    String insertBody(TableDefinition t) {
        return prologue(t) + unlessEmpty(t, "sw_new") + """
                  sw_t := %s();
                %s
                  RETURN NULL;
                END
                """.formatted(names.sync("next_tick"), incarnate(t, newRows(t) + " n", null));
    }

    /**
     * UPDATE: keys that left are tombstoned, keys that arrived are new incarnations (an UPDATE of a
     * key is a delete plus an insert), kept keys get the tick on exactly the columns whose value changed.
     */
    String updateBody(TableDefinition t) {
        String oldKeyGone = "NOT EXISTS (SELECT 1 FROM " + newRows(t) + " n WHERE " + keyJoin(t, "n", "o") + ")";
        String newKeyCame = "NOT EXISTS (SELECT 1 FROM " + oldRows(t) + " o WHERE " + keyJoin(t, "n", "o") + ")";
        StringBuilder b = new StringBuilder(prologue(t)).append("""
                  sw_t := %s();
                %s
                %s
                """.formatted(names.sync("next_tick"), tombstone(t, oldRows(t) + " o", oldKeyGone),
                incarnate(t, newRows(t) + " n", newKeyCame)));
        List<ColumnDefinition> units = t.changeUnits();
        if (!units.isEmpty()) {
            String changed = units.stream().map(c -> distinct(c)).collect(Collectors.joining("\n       OR "));
            String versions = units.stream().map(c -> "CASE WHEN " + distinct(c) + " THEN sw_t END")
                    .collect(Collectors.joining(", "));
            String keep = IntStream.range(0, t.changeUnitCount()).mapToObj(i -> SqlNames.changeUnitColumn(i))
                    .map(v -> v + " = coalesce(EXCLUDED." + v + ", tr." + v + ")").collect(Collectors.joining(", "));
            b.append("""
                      INSERT INTO %1$s AS tr (%2$s, sw_tick, sw_cv, sw_dv, sw_at, %3$s)
                      SELECT %4$s, sw_t, sw_t, NULL, now(), %5$s
                      FROM %9$s o JOIN %10$s n ON %6$s
                      WHERE %7$s
                      ON CONFLICT (%2$s) DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_at = EXCLUDED.sw_at, %8$s;
                    """.formatted(names.trackingTable(t.name()), keys(t, ""), unitColumns(units),
                    keys(t, "n."), versions, keyJoin(t, "n", "o"), changed, keep, oldRows(t), newRows(t)));
        }
        return b.append("""
                  RETURN NULL;
                END
                """).toString();
    }

    /**
     * DELETE: a tombstone per row; the per-column versions are kept (ADR 013). A join UPDATE of the
     * existing tracking rows is ~25% cheaper than an upsert; rows that had none (written while
     * suppressed) get one by the anti-join INSERT. No race: this transaction holds the base rows' locks.
     */
    String deleteBody(TableDefinition t) {
        return prologue(t) + unlessEmpty(t, "sw_old") + """
                  sw_t := %s();
                %s
                  RETURN NULL;
                END
                """.formatted(names.sync("next_tick"), tombstoneAll(t));
    }

    private String tombstoneAll(TableDefinition t) {
        String tr = names.trackingTable(t.name());
        return """
                  UPDATE %1$s AS tr SET sw_tick = sw_t, sw_dv = sw_t, sw_at = now() FROM %6$s o WHERE %2$s;
                  INSERT INTO %1$s AS tr (%3$s, sw_tick, sw_cv, sw_dv, sw_at)
                  SELECT %4$s, sw_t, sw_t, sw_t, now() FROM %6$s o
                  WHERE NOT EXISTS (SELECT 1 FROM %1$s x WHERE %5$s);"""
                .formatted(tr, keyJoin(t, "tr", "o"), keys(t, ""), keys(t, "o."), keyJoin(t, "x", "o"), oldRows(t));
    }

    /** One set-based backfill: every existing row gets the same single tick as its creation version. */
    String backfill(TableDefinition t) {
        return """
                WITH sw AS MATERIALIZED (SELECT %1$s() AS t)
                INSERT INTO %2$s (%3$s, sw_tick, sw_cv, sw_dv, sw_at)
                SELECT %4$s, sw.t, sw.t, NULL, now() FROM %5$s b CROSS JOIN sw""".formatted(names.sync("next_tick"),
                names.trackingTable(t.name()), keys(t, ""), keys(t, "b."), names.table(t.name()));
    }

    /** Base rows that have no tracking row: a local insert each, at one tick. */
    String healInserts(TableDefinition t) {
        return """
                WITH sw AS MATERIALIZED (SELECT %1$s() AS t)
                INSERT INTO %2$s (%3$s, sw_tick, sw_cv, sw_dv, sw_at)
                SELECT %4$s, sw.t, sw.t, NULL, now() FROM %5$s b CROSS JOIN sw
                WHERE NOT EXISTS (SELECT 1 FROM %2$s x WHERE %6$s)""".formatted(names.sync("next_tick"),
                names.trackingTable(t.name()), keys(t, ""), keys(t, "b."), names.table(t.name()), keyJoin(t, "x", "b"));
    }

    /** Live tracking rows whose base row is gone: a local delete each, at one tick. */
    String healDeletes(TableDefinition t) {
        return """
                WITH sw AS MATERIALIZED (SELECT %1$s() AS t)
                UPDATE %2$s AS tr SET sw_tick = sw.t, sw_dv = sw.t, sw_at = now() FROM sw
                WHERE tr.sw_dv IS NULL AND NOT EXISTS (SELECT 1 FROM %3$s b WHERE %4$s)""".formatted(names.sync("next_tick"),
                names.trackingTable(t.name()), names.table(t.name()), keyJoin(t, "b", "tr"));
    }

    /** One tick for the whole statement; only live rows whose value is not NULL get it. */
    String stampUnits(TableDefinition t, List<Integer> units) {
        String sets = units.stream().map(u -> SqlNames.changeUnitColumn(u) + " = CASE WHEN b." + names.quote(column(t, u))
                + " IS NOT NULL THEN sw.t ELSE tr." + SqlNames.changeUnitColumn(u) + " END").collect(Collectors.joining(", "));
        String any = units.stream().map(u -> "b." + names.quote(column(t, u)) + " IS NOT NULL").collect(Collectors.joining(" OR "));
        return """
                WITH sw AS MATERIALIZED (SELECT %1$s() AS t)
                UPDATE %2$s AS tr SET %3$s, sw_tick = sw.t, sw_at = now()
                FROM %4$s b, sw WHERE %5$s AND tr.sw_dv IS NULL AND (%6$s)""".formatted(names.sync("next_tick"),
                names.trackingTable(t.name()), sets, names.table(t.name()), keyJoin(t, "tr", "b"), any);
    }

    static String column(TableDefinition t, int unit) {
        return t.changeUnits().stream().filter(c -> c.changeUnit() == unit).findFirst().orElseThrow().name();
    }

    private String incarnate(TableDefinition t, String from, String where) {
        String reset = IntStream.range(0, t.changeUnitCount()).mapToObj(i -> ", " + SqlNames.changeUnitColumn(i) + " = NULL")
                .collect(Collectors.joining());
        return """
                  INSERT INTO %1$s AS tr (%2$s, sw_tick, sw_cv, sw_dv, sw_at)
                  SELECT %3$s, sw_t, sw_t, NULL, now() FROM %4$s%5$s
                  ON CONFLICT (%2$s) DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_cv = EXCLUDED.sw_cv, sw_dv = NULL, sw_at = EXCLUDED.sw_at%6$s;"""
                .formatted(names.trackingTable(t.name()), keys(t, ""), keys(t, "n."), from,
                        where == null ? "" : "\n  WHERE " + where, reset);
    }

    private String tombstone(TableDefinition t, String from, String where) {
        return """
                  INSERT INTO %1$s AS tr (%2$s, sw_tick, sw_cv, sw_dv, sw_at)
                  SELECT %3$s, sw_t, sw_t, sw_t, now() FROM %4$s%5$s
                  ON CONFLICT (%2$s) DO UPDATE SET sw_tick = EXCLUDED.sw_tick, sw_dv = EXCLUDED.sw_dv, sw_at = EXCLUDED.sw_at;"""
                .formatted(names.trackingTable(t.name()), keys(t, ""), keys(t, "o."), from,
                        where == null ? "" : "\n  WHERE " + where);
    }

    /**
     * IS DISTINCT FROM. json has no equality operator and other types synchronized by their text
     * form (arrays, geometric types, xml...) may lack one, or treat different texts as equal (citext):
     * they are compared as text, which is exactly what travels.
     */
    private String distinct(ColumnDefinition c) {
        String q = names.quote(c.name());
        boolean asText = c.nativeType().equals("json") || (c.type().kind() == PortableType.Kind.TEXT && !c.nativeType().equals("text"));
        return asText ? "o." + q + "::text IS DISTINCT FROM n." + q + "::text" : "o." + q + " IS DISTINCT FROM n." + q;
    }

    String keys(TableDefinition t, String prefix) {
        return join(t.primaryKey(), c -> prefix + names.quote(c.name()), ", ");
    }

    private String keyJoin(TableDefinition t, String a, String b) {
        return join(t.primaryKey(), c -> a + "." + names.quote(c.name()) + " = " + b + "." + names.quote(c.name()), " AND ");
    }

    private static String unitColumns(List<ColumnDefinition> units) {
        return units.stream().map(c -> SqlNames.changeUnitColumn(c.changeUnit())).collect(Collectors.joining(", "));
    }

    private static String join(List<ColumnDefinition> cols, Function<ColumnDefinition, String> f, String sep) {
        return cols.stream().map(f).collect(Collectors.joining(sep));
    }
}
