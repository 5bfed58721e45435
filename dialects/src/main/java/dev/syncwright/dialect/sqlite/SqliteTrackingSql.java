package dev.syncwright.dialect.sqlite;

import static dev.syncwright.dialect.SqlStatement.Kind.ALTER_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_INDEX;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_INDEX;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.INSERT;
import static dev.syncwright.dialect.SqlStatement.Kind.UPDATE;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TrackingSql;
import java.util.ArrayList;
import java.util.List;

final class SqliteTrackingSql implements TrackingSql {
    private final SqliteNames names;
    private final SqliteSyncObjects syncObjects;
    private final SqliteTriggers triggers;

    SqliteTrackingSql(SqliteNames names) {
        this.names = names;
        this.syncObjects = new SqliteSyncObjects(names);
        this.triggers = new SqliteTriggers(names);
    }

    @Override
    public List<SqlStatement> createSyncObjects() {
        return syncObjects.create();
    }

    @Override
    public List<SqlStatement> dropSyncObjects() {
        return syncObjects.drop();
    }

    /*
     * The provisioning transaction holds SQLite's single write lock from its first statement, so the
     * order only matters for speed: fill the table, then build the tick index once.
     */
    @Override
    public List<SqlStatement> provisionTable(TableDefinition t) {
        String shown = names.trackingTableName(t.name()).name();
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of(CREATE_TABLE, shown, createTable(t)));
        out.add(SqlStatement.of(INSERT, shown, triggers.backfill(t)));
        out.addAll(createTriggers(t));
        out.add(tickIndex(t, false));
        return out;
    }

    /**
     * The guard: an index over the first key column, collated by a collation only the provider
     * registers, on no row at all ({@code WHERE 0}), so it costs an insert nothing, while every
     * statement that would have to maintain it (INSERT, REPLACE, DELETE, an UPDATE of that column)
     * fails to prepare on any other connection. Dropping an index needs no collation.
     */
    @Override
    public List<SqlStatement> enterBulkLoad(TableDefinition t) {
        String insertTrigger = triggers.triggerName("ins", t);
        String ix = names.derived("ix_", t.name());
        String guard = names.derived("guard_", t.name());
        return List.of(SqlStatement.of(DROP_TRIGGER, insertTrigger, "DROP TRIGGER IF EXISTS " + names.quote(insertTrigger)),
                SqlStatement.of(DROP_INDEX, ix, "DROP INDEX IF EXISTS " + names.quote(ix)),
                SqlStatement.of(CREATE_INDEX, guard, "CREATE INDEX " + names.quote(guard) + " ON " + names.table(t.name()) + " ("
                        + names.quote(t.primaryKey().get(0).name()) + " COLLATE " + SqlNames.BULK_LOAD_GUARD + ") WHERE 0"));
    }

    @Override
    public List<SqlStatement> completeBulkLoad(TableDefinition t) {
        String insertTrigger = triggers.triggerName("ins", t);
        String guard = names.derived("guard_", t.name());
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of(DROP_INDEX, guard, "DROP INDEX IF EXISTS " + names.quote(guard)));
        out.add(SqlStatement.of(DROP_TRIGGER, insertTrigger, "DROP TRIGGER IF EXISTS " + names.quote(insertTrigger)));
        out.add(trigger("ins", t, triggers.insert(t)));
        out.add(tickIndex(t, true));
        return out;
    }

    private SqlStatement tickIndex(TableDefinition t, boolean ifMissing) {
        String ix = names.derived("ix_", t.name());
        return SqlStatement.of(CREATE_INDEX, ix, "CREATE INDEX " + (ifMissing ? "IF NOT EXISTS " : "") + names.quote(ix) + " ON "
                + names.trackingTable(t.name()) + " (sw_tick)");
    }

    @Override
    public List<SqlStatement> deprovisionTable(TableDefinition t) {
        List<SqlStatement> out = new ArrayList<>(dropTriggers(t));
        // the guard of a bulk load not completed (ADR 063) would refuse the application's inserts for good
        String guard = names.derived("guard_", t.name());
        out.add(SqlStatement.of(DROP_INDEX, guard, "DROP INDEX IF EXISTS " + names.quote(guard)));
        out.add(SqlStatement.of(DROP_TABLE, names.trackingTableName(t.name()).name(), "DROP TABLE " + names.trackingTable(t.name())));
        return out;
    }

    @Override
    public List<SqlStatement> alterTable(TableDefinition before, TableDefinition after) {
        List<SqlStatement> out = new ArrayList<>();
        for (int i = before.changeUnitCount(); i < after.changeUnitCount(); i++) {
            out.add(SqlStatement.of(ALTER_TABLE, names.trackingTableName(after.name()).name(), "ALTER TABLE "
                    + names.trackingTable(after.name()) + " ADD COLUMN " + SqlNames.changeUnitColumn(i) + " INTEGER"));
        }
        out.addAll(dropTriggers(before));
        out.addAll(createTriggers(after));
        return out;
    }

    /** WITHOUT ROWID: the tracking row is stored in its key's B-tree, no second index for the key. */
    private String createTable(TableDefinition t) {
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(names.trackingTable(t.name())).append(" (\n");
        for (ColumnDefinition k : t.primaryKey()) {
            b.append("  ").append(names.quote(k.name())).append(' ').append(k.nativeType()).append(" NOT NULL,\n");
        }
        b.append("  sw_tick INTEGER NOT NULL,\n  sw_cv INTEGER NOT NULL,\n  sw_dv INTEGER,\n  sw_at INTEGER NOT NULL");
        for (int i = 0; i < t.changeUnitCount(); i++) {
            b.append(",\n  ").append(SqlNames.changeUnitColumn(i)).append(" INTEGER");
        }
        return b.append(",\n  PRIMARY KEY (").append(triggers.keys(t, "")).append(")\n) WITHOUT ROWID").toString();
    }

    private List<SqlStatement> createTriggers(TableDefinition t) {
        List<SqlStatement> out = new ArrayList<>();
        out.add(trigger("ins", t, triggers.insert(t)));
        if (!t.changeUnits().isEmpty()) {
            out.add(trigger("upd", t, triggers.update(t)));
        }
        out.add(trigger("updkey", t, triggers.updateKey(t)));
        out.add(trigger("del", t, triggers.delete(t)));
        return out;
    }

    private List<SqlStatement> dropTriggers(TableDefinition t) {
        List<SqlStatement> out = new ArrayList<>();
        for (String kind : List.of("del", "updkey", "upd", "ins")) {
            if (kind.equals("upd") && t.changeUnits().isEmpty()) {
                continue;
            }
            String name = triggers.triggerName(kind, t);
            out.add(SqlStatement.of(DROP_TRIGGER, name, "DROP TRIGGER IF EXISTS " + names.quote(name)));
        }
        return out;
    }

    private SqlStatement trigger(String kind, TableDefinition t, String sql) {
        return SqlStatement.of(CREATE_TRIGGER, triggers.triggerName(kind, t), sql);
    }

    @Override
    public List<SqlStatement> repairTable(TableDefinition t) {
        String shown = names.trackingTableName(t.name()).name();
        String tick = "(SELECT tick + 1 FROM " + names.quote(SqliteNames.CLOCK) + ")";
        String match = t.primaryKey().stream().map(k -> "x." + names.quote(k.name()) + " = b." + names.quote(k.name()))
                .collect(java.util.stream.Collectors.joining(" AND "));
        String matchTr = t.primaryKey().stream().map(k -> "b." + names.quote(k.name()) + " = " + names.trackingTable(t.name()) + "."
                + names.quote(k.name())).collect(java.util.stream.Collectors.joining(" AND "));
        List<SqlStatement> out = new ArrayList<>(dropTriggers(t));
        out.addAll(createTriggers(t));
        out.add(SqlStatement.of(INSERT, shown, "INSERT INTO " + names.trackingTable(t.name()) + " (" + triggers.keys(t, "")
                + ", sw_tick, sw_cv, sw_dv, sw_at)\nSELECT " + triggers.keys(t, "b.") + ", " + tick + ", " + tick + ", NULL, "
                + changeTimeExpression() + " FROM " + names.table(t.name()) + " b\nWHERE NOT EXISTS (SELECT 1 FROM "
                + names.trackingTable(t.name()) + " x WHERE " + match + ")"));
        out.add(SqlStatement.of(UPDATE, shown, "UPDATE " + names.trackingTable(t.name()) + " SET sw_tick = " + tick + ", sw_dv = "
                + tick + ", sw_at = " + changeTimeExpression() + "\nWHERE sw_dv IS NULL AND NOT EXISTS (SELECT 1 FROM "
                + names.table(t.name()) + " b WHERE " + matchTr + ")"));
        return out;
    }

    /** The tick SQLite's triggers would write now: clock + 1 (ADR 011). */
    @Override
    public List<SqlStatement> stampUnits(TableDefinition t, List<Integer> units) {
        String tick = "(SELECT tick + 1 FROM " + names.quote(SqliteNames.CLOCK) + ")";
        StringBuilder sets = new StringBuilder();
        StringBuilder any = new StringBuilder();
        for (int u : units) {
            String col = "b." + names.quote(t.changeUnits().stream().filter(c -> c.changeUnit() == u).findFirst().orElseThrow().name());
            sets.append(SqlNames.changeUnitColumn(u)).append(" = CASE WHEN ").append(col).append(" IS NOT NULL THEN ").append(tick)
                    .append(" ELSE tr.").append(SqlNames.changeUnitColumn(u)).append(" END, ");
            any.append(any.length() == 0 ? "" : " OR ").append(col).append(" IS NOT NULL");
        }
        String join = t.primaryKey().stream().map(k -> "tr." + names.quote(k.name()) + " = b." + names.quote(k.name()))
                .collect(java.util.stream.Collectors.joining(" AND "));
        return List.of(SqlStatement.of(UPDATE, names.trackingTableName(t.name()).name(), "UPDATE " + names.trackingTable(t.name())
                + " AS tr SET " + sets + "sw_tick = " + tick + ", sw_at = " + changeTimeExpression() + "\nFROM " + names.table(t.name())
                + " AS b WHERE " + join + " AND tr.sw_dv IS NULL AND (" + any + ")"));
    }

    @Override
    public List<SqlStatement> upgradeSyncObjects(java.sql.Connection c) {
        String conflicts = names.syncTable(dev.syncwright.dialect.SyncTable.CONFLICTS);
        List<SqlStatement> out = new ArrayList<>();
        if (!dev.syncwright.dialect.Jdbc.columns(c, conflicts, "syncwright_conflicts").contains("message")) {
            out.add(SqlStatement.of(ALTER_TABLE, "syncwright_conflicts", "ALTER TABLE " + conflicts + " ADD COLUMN message TEXT"));
        }
        if (dev.syncwright.dialect.Jdbc.queryLong(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'syncwright_peers'",
                "syncwright_peers") == 0) {
            out.add(SqlStatement.of(CREATE_TABLE, "syncwright_peers", syncObjects.peers()));
        }
        if (dev.syncwright.dialect.Jdbc.queryLong(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'syncwright_replica_principals'",
                "syncwright_replica_principals") == 0) {
            out.add(SqlStatement.of(CREATE_TABLE, "syncwright_replica_principals", syncObjects.principals()));
        }
        return out;
    }

    @Override
    public String changeTimeExpression() {
        return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }
}
