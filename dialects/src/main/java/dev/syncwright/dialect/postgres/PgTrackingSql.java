package dev.syncwright.dialect.postgres;

import static dev.syncwright.dialect.SqlStatement.Kind.ALTER_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_FUNCTION;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_INDEX;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_FUNCTION;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.INSERT;
import static dev.syncwright.dialect.SqlStatement.Kind.UPDATE;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TrackingSql;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.Jdbc;
import java.util.ArrayList;
import java.util.List;

final class PgTrackingSql implements TrackingSql {
    /** Trigger names are per table in PostgreSQL, so fixed names cannot collide. */
    static final String INS = "syncwright_ins";
    static final String UPD = "syncwright_upd";
    static final String DEL = "syncwright_del";
    static final String TRUNCATE = "syncwright_truncate";

    private final PgNames names;
    private final PgSyncObjects syncObjects;
    private final PgTriggers triggers;

    PgTrackingSql(PgNames names) {
        this.names = names;
        this.syncObjects = new PgSyncObjects(names);
        this.triggers = new PgTriggers(names);
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
     * Order: tracking table without key, functions, triggers (CREATE TRIGGER takes SHARE ROW EXCLUSIVE
     * on the user table, so from here until commit nobody else writes it and the backfill cannot miss or
     * double a row), backfill, then the primary key and tick index built once over the filled table,
     * which is much faster than maintaining them row by row.
     */
    @Override
    public List<SqlStatement> provisionTable(TableDefinition t) {
        String tr = names.trackingTable(t.name());
        String shown = names.trackingTableName(t.name()).toString();
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of(CREATE_TABLE, shown, createTable(t)));
        out.addAll(functions(t));
        out.addAll(triggers(t));
        String base = names.table(t.name());
        out.add(SqlStatement.of(CREATE_TRIGGER, t.name() + "." + TRUNCATE, "CREATE TRIGGER " + names.quote(TRUNCATE)
                + " BEFORE TRUNCATE ON " + base + " FOR EACH STATEMENT EXECUTE FUNCTION " + names.sync("refuse_truncate") + "()"));
        out.add(SqlStatement.of(INSERT, shown, triggers.backfill(t)));
        out.add(SqlStatement.of(ALTER_TABLE, shown, "ALTER TABLE " + tr + " ADD CONSTRAINT "
                + names.quote(names.derived(t.name(), "$pk")) + " PRIMARY KEY (" + triggers.keys(t, "") + ")"));
        out.add(SqlStatement.of(CREATE_INDEX, names.derived(t.name(), "$tick"), "CREATE INDEX "
                + names.quote(names.derived(t.name(), "$tick")) + " ON " + tr + " (sw_tick)"));
        return out;
    }

    @Override
    public List<SqlStatement> deprovisionTable(TableDefinition t) {
        String base = names.table(t.name());
        List<SqlStatement> out = new ArrayList<>();
        for (String trig : List.of(TRUNCATE, DEL, UPD, INS)) {
            out.add(SqlStatement.of(DROP_TRIGGER, t.name() + "." + trig, "DROP TRIGGER IF EXISTS " + names.quote(trig) + " ON " + base));
        }
        out.add(SqlStatement.of(DROP_TABLE, names.trackingTableName(t.name()).toString(),
                "DROP TABLE " + names.trackingTable(t.name())));
        for (String suffix : List.of("$del", "$upd", "$ins")) {
            out.add(SqlStatement.of(DROP_FUNCTION, PgNames.SCHEMA + "." + names.derived(t.name(), suffix),
                    "DROP FUNCTION " + names.sync(names.derived(t.name(), suffix)) + "()"));
        }
        return out;
    }

    /** ADD COLUMN of a nullable bigint is a catalog-only change; the functions are replaced in place. */
    @Override
    public List<SqlStatement> alterTable(TableDefinition before, TableDefinition after) {
        List<SqlStatement> out = new ArrayList<>();
        for (int i = before.changeUnitCount(); i < after.changeUnitCount(); i++) {
            out.add(SqlStatement.of(ALTER_TABLE, names.trackingTableName(after.name()).toString(), "ALTER TABLE "
                    + names.trackingTable(after.name()) + " ADD COLUMN " + SqlNames.changeUnitColumn(i) + " bigint"));
        }
        out.addAll(functions(after));
        if (before.partitioned() != after.partitioned()) {
            // statement triggers become row triggers (or back): same functions, other trigger definitions
            out.addAll(deprovisionTable(before).subList(1, 4));
            out.addAll(triggers(after));
        }
        return out;
    }

    private List<SqlStatement> triggers(TableDefinition t) {
        String base = names.table(t.name());
        boolean rows = t.partitioned();
        return List.of(trigger(t, INS, "AFTER INSERT ON " + base + (rows ? "" : " REFERENCING NEW TABLE AS sw_new"), "$ins"),
                trigger(t, UPD, "AFTER UPDATE ON " + base + (rows ? "" : " REFERENCING OLD TABLE AS sw_old NEW TABLE AS sw_new"), "$upd"),
                trigger(t, DEL, "AFTER DELETE ON " + base + (rows ? "" : " REFERENCING OLD TABLE AS sw_old"), "$del"));
    }

    private String createTable(TableDefinition t) {
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(names.trackingTable(t.name())).append(" (\n");
        for (ColumnDefinition k : t.primaryKey()) {
            b.append("  ").append(names.quote(k.name())).append(' ').append(k.nativeType()).append(" NOT NULL,\n");
        }
        b.append("  sw_tick bigint NOT NULL,\n  sw_cv bigint NOT NULL,\n  sw_dv bigint,\n  sw_at timestamptz NOT NULL");
        for (int i = 0; i < t.changeUnitCount(); i++) {
            b.append(",\n  ").append(SqlNames.changeUnitColumn(i)).append(" bigint");
        }
        return b.append("\n)").toString();
    }

    private List<SqlStatement> functions(TableDefinition t) {
        return List.of(function(t, "$ins", triggers.insertBody(t)), function(t, "$upd", triggers.updateBody(t)),
                function(t, "$del", triggers.deleteBody(t)));
    }

    private SqlStatement function(TableDefinition t, String suffix, String body) {
        String fn = names.derived(t.name(), suffix);
        return SqlStatement.of(CREATE_FUNCTION, PgNames.SCHEMA + "." + fn,
                PgSyncObjects.function(names.sync(fn), "trigger", body, true));
    }

    private SqlStatement trigger(TableDefinition t, String name, String when, String fnSuffix) {
        return SqlStatement.of(CREATE_TRIGGER, t.name() + "." + name, "CREATE TRIGGER " + names.quote(name) + " " + when
                + (t.partitioned() ? " FOR EACH ROW" : " FOR EACH STATEMENT") + " EXECUTE FUNCTION "
                + names.sync(names.derived(t.name(), fnSuffix)) + "()");
    }

    @Override
    public List<SqlStatement> repairTable(TableDefinition t) {
        String base = names.table(t.name());
        String shown = names.trackingTableName(t.name()).toString();
        List<SqlStatement> out = new ArrayList<>();
        for (String trig : List.of(TRUNCATE, DEL, UPD, INS)) {
            out.add(SqlStatement.of(DROP_TRIGGER, t.name() + "." + trig, "DROP TRIGGER IF EXISTS " + names.quote(trig) + " ON " + base));
        }
        out.addAll(functions(t));
        out.addAll(triggers(t));
        out.add(SqlStatement.of(CREATE_TRIGGER, t.name() + "." + TRUNCATE, "CREATE TRIGGER " + names.quote(TRUNCATE)
                + " BEFORE TRUNCATE ON " + base + " FOR EACH STATEMENT EXECUTE FUNCTION " + names.sync("refuse_truncate") + "()"));
        out.add(SqlStatement.of(INSERT, shown, triggers.healInserts(t)));
        out.add(SqlStatement.of(UPDATE, shown, triggers.healDeletes(t)));
        return out;
    }

    @Override
    public List<SqlStatement> stampUnits(TableDefinition t, List<Integer> units) {
        return List.of(SqlStatement.of(UPDATE, names.trackingTableName(t.name()).toString(), triggers.stampUnits(t, units)));
    }

    @Override
    public List<SqlStatement> upgradeSyncObjects(java.sql.Connection c) {
        String conflicts = names.syncTable(SyncTable.CONFLICTS);
        List<SqlStatement> out = new ArrayList<>();
        if (!Jdbc.columns(c, conflicts, "syncwright.conflicts").contains("message")) {
            out.add(SqlStatement.of(ALTER_TABLE, "syncwright.conflicts", "ALTER TABLE " + conflicts + " ADD COLUMN message text"));
        }
        if (!Jdbc.query(c, "SELECT to_regclass('syncwright.peers') IS NOT NULL", "syncwright.peers", rs -> rs.getBoolean(1)).get(0)) {
            out.add(SqlStatement.of(CREATE_TABLE, "syncwright.peers", syncObjects.peers()));
        }
        if (!Jdbc.query(c, "SELECT to_regclass('syncwright.replica_principals') IS NOT NULL", "syncwright.replica_principals",
                rs -> rs.getBoolean(1)).get(0)) {
            out.add(SqlStatement.of(CREATE_TABLE, "syncwright.replica_principals", syncObjects.principals()));
        }
        return out;
    }

    @Override
    public String changeTimeExpression() {
        return "now()";
    }
}
