package dev.syncwright.dialect.postgres;

import static dev.syncwright.dialect.SqlStatement.Kind.ALTER_PUBLICATION;
import static dev.syncwright.dialect.SqlStatement.Kind.ALTER_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_PUBLICATION;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_SLOT;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DELETE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_PUBLICATION;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_SLOT;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.INSERT;
import static dev.syncwright.dialect.SqlStatement.Kind.MESSAGE;


import dev.syncwright.dialect.ChangeCapture;
import dev.syncwright.dialect.Jdbc;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Logical capture (ADR 065): a publication of the scope's tables, a {@code pgoutput} slot read
 * through the SQL interface by {@link PgCaptureDrain}, the scope's state in
 * {@code syncwright.capture}, no row triggers (the TRUNCATE guard stays). Slot and publication are
 * named {@code syncwright_<16 hex of md5(database/scope)>}: slots are the cluster's, and several
 * databases of one server may hold a scope of the same name.
 */
final class PgCapture implements ChangeCapture {
    /** Prefix of the transactional message that marks the provider's own writes of a table. */
    static final String OWN = "syncwright.own";
    /** Prefix of the message of the transaction that dropped a table's row triggers: captured after it. */
    static final String START = "syncwright.start";

    private final PgNames names;
    private final PgTriggers triggers;

    PgCapture(PgNames names) {
        this.names = names;
        this.triggers = new PgTriggers(names);
    }

    @Override
    public String mode() {
        return "logical";
    }

    String stateTable() {
        return names.sync("capture");
    }

    static String objectName(Connection c, String scope) {
        return Jdbc.query(c, "SELECT 'syncwright_' || left(md5(current_database() || '/' || ?), 16)", "capture name",
                rs -> rs.getString(1), scope).get(0);
    }

    @Override
    public void enable(Connection c, String scope, List<TableDefinition> tables) {
        long version = Jdbc.queryLong(c, "SELECT current_setting('server_version_num')::int", "server_version_num");
        if (version < 140000) {
            throw new SchemaException("--capture logical needs PostgreSQL 14 or later (pgoutput's logical messages); this server "
                    + "is " + Jdbc.query(c, "SHOW server_version", "server_version", rs -> rs.getString(1)).get(0));
        }
        String walLevel = Jdbc.query(c, "SHOW wal_level", "wal_level", rs -> rs.getString(1)).get(0);
        if (!walLevel.equals("logical")) {
            throw new SchemaException("--capture logical needs the server setting wal_level = logical; this server has wal_level = "
                    + walLevel + " (set it in postgresql.conf and restart the server)");
        }
        PgCaptureDrain.lock(c, scope, true);
        try {
            enableLocked(c, scope, tables);
        } finally {
            PgCaptureDrain.lock(c, scope, false);
        }
    }

    private void enableLocked(Connection c, String scope, List<TableDefinition> tables) {
        String name = objectName(c, scope);
        boolean[] captured = {false}; // captured before: a slot missing now lost changes
        inTransaction(c, "Preparing logical capture of scope '" + scope + "'", () -> {
            boolean published = Jdbc.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_publication WHERE pubname = ?", name, name) > 0;
            boolean stated = Jdbc.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_class WHERE oid = to_regclass('syncwright.capture')",
                    "syncwright.capture") > 0;
            captured[0] = stated && Jdbc.queryLong(c, "SELECT count(*) FROM " + stateTable() + " WHERE scope_name = ?",
                    "syncwright.capture", scope) > 0;
            prepare(name, scope, tables, published).forEach(st -> Jdbc.execute(c, st));
        });
        Status s = status(c, scope);
        if (s.walStatus().equals("lost")) {
            Jdbc.execute(c, dropSlot(name));
        }
        if (s.lost()) {
            // a new slot reads from now: what was written since the last capture is unknown, every row is stamped anew
            Jdbc.execute(c, createSlot(name));
        }
        inTransaction(c, "Switching scope '" + scope + "' to logical capture", () -> {
            List<SqlStatement> switchOver = switchOver(scope, tables);
            switchOver.subList(0, switchOver.size() - 1).forEach(st -> Jdbc.execute(c, st));
            if (s.lost() && captured[0]) {
                restamp(c, scope, tables);
            }
            Jdbc.execute(c, switchOver.get(switchOver.size() - 1)); // last: the mark, after the stamps
        });
    }

    /** The state table and row, the old rows in the log (REPLICA IDENTITY FULL), the publication. */
    List<SqlStatement> prepare(String name, String scope, List<TableDefinition> tables, boolean published) {
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of(CREATE_TABLE, "syncwright.capture", "CREATE TABLE IF NOT EXISTS " + stateTable()
                + " (scope_name text PRIMARY KEY, slot_name text NOT NULL, publication text NOT NULL, upto_lsn pg_lsn, "
                + "started text[] NOT NULL DEFAULT '{}')"));
        out.add(SqlStatement.of(INSERT, "syncwright.capture", "INSERT INTO " + stateTable() + " (scope_name, slot_name, publication) "
                + "VALUES (" + names.literal(scope) + ", " + names.literal(name) + ", " + names.literal(name) + ") "
                + "ON CONFLICT (scope_name) DO NOTHING"));
        for (TableDefinition t : tables) {
            // the old row of every UPDATE and DELETE: per-column change detection compares it with the new one
            out.add(SqlStatement.of(ALTER_TABLE, t.name().toString(), "ALTER TABLE " + names.table(t.name()) + " REPLICA IDENTITY FULL"));
        }
        String list = tables.stream().map(t -> names.table(t.name())).collect(Collectors.joining(", "));
        out.add(published ? SqlStatement.of(ALTER_PUBLICATION, name, "ALTER PUBLICATION " + names.quote(name) + " SET TABLE " + list)
                : SqlStatement.of(CREATE_PUBLICATION, name, "CREATE PUBLICATION " + names.quote(name) + " FOR TABLE " + list
                + " WITH (publish = 'insert, update, delete', publish_via_partition_root = true)"));
        return out;
    }

    SqlStatement createSlot(String name) {
        return SqlStatement.of(CREATE_SLOT, name, "SELECT pg_catalog.pg_create_logical_replication_slot(" + names.literal(name)
                + ", 'pgoutput')");
    }

    SqlStatement dropSlot(String name) {
        return SqlStatement.of(DROP_SLOT, name, "SELECT pg_catalog.pg_drop_replication_slot(" + names.literal(name) + ")");
    }

    /**
     * The row triggers go (the TRUNCATE guard stays), and the transaction that drops them marks the
     * point of the log after which each table is captured: what committed before was tracked by them.
     */
    List<SqlStatement> switchOver(String scope, List<TableDefinition> tables) {
        List<SqlStatement> out = new ArrayList<>();
        List<String> start = new ArrayList<>();
        for (TableDefinition t : tables) {
            for (String trig : List.of(PgTrackingSql.INS, PgTrackingSql.UPD, PgTrackingSql.DEL)) {
                out.add(SqlStatement.of(DROP_TRIGGER, t.name() + "." + trig, "DROP TRIGGER IF EXISTS " + names.quote(trig) + " ON "
                        + names.table(t.name())));
            }
            start.add(triggers.suppressKey(t));
        }
        out.add(SqlStatement.of(MESSAGE, START, "SELECT pg_catalog.pg_logical_emit_message(true, " + names.literal(START) + ", "
                + names.literal(scope + "\n" + String.join("\n", start)) + ")"));
        return out;
    }

    /** What {@link #disable} runs (the slot first, where there is one; the state table last, when no scope is left). */
    List<SqlStatement> drop(String name, String scope, boolean slot, boolean lastScope) {
        List<SqlStatement> out = new ArrayList<>();
        if (slot) {
            out.add(dropSlot(name));
        }
        out.add(SqlStatement.of(DROP_PUBLICATION, name, "DROP PUBLICATION IF EXISTS " + names.quote(name)));
        out.add(SqlStatement.of(DELETE, "syncwright.capture", "DELETE FROM " + stateTable() + " WHERE scope_name = "
                + names.literal(scope)));
        if (lastScope) {
            out.add(SqlStatement.of(DROP_TABLE, "syncwright.capture", "DROP TABLE " + stateTable()));
        }
        return out;
    }

    /** After a lost slot: every live row a local change of every column, rows gone tombstoned, new rows created. */
    private void restamp(Connection c, String scope, List<TableDefinition> tables) {
        for (TableDefinition t : tables) {
            String units = t.changeUnits().stream().map(col -> ", " + dev.syncwright.dialect.SqlNames.changeUnitColumn(col.changeUnit())
                    + " = sw.t").collect(Collectors.joining());
            Jdbc.execute(c, "WITH sw AS MATERIALIZED (SELECT " + names.sync("next_tick") + "() AS t) UPDATE "
                    + names.trackingTable(t.name()) + " AS tr SET sw_tick = sw.t, sw_at = now()" + units
                    + " FROM sw WHERE tr.sw_dv IS NULL", t.name().toString());
            Jdbc.execute(c, triggers.healInserts(t), t.name().toString());
            Jdbc.execute(c, triggers.healDeletes(t), t.name().toString());
        }
        Jdbc.update(c, "UPDATE " + stateTable() + " SET upto_lsn = NULL, started = '{}' WHERE scope_name = ?", "syncwright.capture",
                scope);
    }

    @Override
    public void disable(Connection c, String scope) {
        if (!enabled(c, scope)) {
            return;
        }
        String name = objectName(c, scope);
        dropSlot(c, scope); // not in a transaction: a slot is no transactional object
        inTransaction(c, "Ending logical capture of scope '" + scope + "'", () -> {
            boolean last = Jdbc.queryLong(c, "SELECT count(*) FROM " + stateTable() + " WHERE scope_name <> ?", "syncwright.capture",
                    scope) == 0;
            drop(name, scope, false, last).forEach(st -> Jdbc.execute(c, st));
        });
    }

    @Override
    public void dropSlot(Connection c, String scope) {
        if (!status(c, scope).walStatus().equals("missing")) {
            Jdbc.execute(c, dropSlot(objectName(c, scope)));
        }
    }

    @Override
    public boolean enabled(Connection c, String scope) {
        return Jdbc.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_class WHERE oid = to_regclass('syncwright.capture')",
                "syncwright.capture") > 0
                && Jdbc.queryLong(c, "SELECT count(*) FROM " + stateTable() + " WHERE scope_name = ?", "syncwright.capture", scope) > 0;
    }

    @Override
    public long drain(Connection c, String scope, List<TableDefinition> tables) {
        return new PgCaptureDrain(names, this, triggers, c, scope, tables).run();
    }

    @Override
    public void ownWrites(Connection c, TableName table) {
        Jdbc.query(c, "SELECT pg_catalog.pg_logical_emit_message(true, ?, ?)", "syncwright.own", rs -> null, OWN,
                table == null ? "" : names.trackingTableName(table).name());
    }

    @Override
    public Status status(Connection c, String scope) {
        String name = objectName(c, scope);
        List<Status> rows = Jdbc.query(c, "SELECT coalesce(wal_status, 'lost'), "
                + "coalesce(pg_catalog.pg_current_wal_lsn() - confirmed_flush_lsn, -1)::bigint, "
                + "coalesce(pg_catalog.pg_current_wal_lsn() - restart_lsn, 0)::bigint "
                + "FROM pg_catalog.pg_replication_slots WHERE slot_name = ?", "replication slot " + name,
                rs -> new Status(name, rs.getLong(2), rs.getString(1), rs.getLong(3)), name);
        return rows.isEmpty() ? new Status(name, -1, "missing", 0) : rows.get(0);
    }

    /** Work in a transaction of its own on {@code c}, committed, or rolled back when it throws. */
    static void inTransaction(Connection c, String what, Runnable work) {
        try {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.commit();
            }
            c.setAutoCommit(false);
            try {
                work.run();
                c.commit();
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new SqlFailure(what, "database", e);
        }
    }
}
