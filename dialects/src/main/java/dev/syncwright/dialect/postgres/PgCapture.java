package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ChangeCapture;
import dev.syncwright.dialect.Jdbc;
import dev.syncwright.dialect.SqlFailure;
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
        String walLevel = Jdbc.query(c, "SHOW wal_level", "wal_level", rs -> rs.getString(1)).get(0);
        if (!walLevel.equals("logical")) {
            throw new SyncException("--capture logical needs the server setting wal_level = logical; this server has wal_level = "
                    + walLevel + " (set it in postgresql.conf and restart the server)");
        }
        String name = objectName(c, scope);
        boolean[] captured = {false}; // captured before: a slot missing now lost changes
        inTransaction(c, "Preparing logical capture of scope '" + scope + "'", () -> {
            Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS " + stateTable() + " (scope_name text PRIMARY KEY, slot_name text NOT NULL, "
                    + "publication text NOT NULL, upto_lsn pg_lsn, started text[] NOT NULL DEFAULT '{}')", "syncwright.capture");
            captured[0] = Jdbc.update(c, "INSERT INTO " + stateTable() + " (scope_name, slot_name, publication) VALUES (?, ?, ?) "
                    + "ON CONFLICT (scope_name) DO NOTHING", "syncwright.capture", scope, name, name) == 0;
            for (TableDefinition t : tables) {
                // the old row of every UPDATE and DELETE: per-column change detection compares it with the new one
                Jdbc.execute(c, "ALTER TABLE " + names.table(t.name()) + " REPLICA IDENTITY FULL", t.name().toString());
            }
            String list = tables.stream().map(t -> names.table(t.name())).collect(Collectors.joining(", "));
            boolean exists = Jdbc.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_publication WHERE pubname = ?", name, name) > 0;
            Jdbc.execute(c, exists ? "ALTER PUBLICATION " + names.quote(name) + " SET TABLE " + list
                    : "CREATE PUBLICATION " + names.quote(name) + " FOR TABLE " + list
                    + " WITH (publish = 'insert, update, delete', publish_via_partition_root = true)", "publication " + name);
        });
        Status s = status(c, scope);
        if (s.walStatus().equals("lost")) {
            Jdbc.execute(c, "SELECT pg_catalog.pg_drop_replication_slot(" + names.literal(name) + ")", "replication slot " + name);
        }
        if (s.lost()) {
            // a new slot reads from now: what was written since the last capture is unknown, every row is stamped anew
            Jdbc.execute(c, "SELECT pg_catalog.pg_create_logical_replication_slot(" + names.literal(name) + ", 'pgoutput')",
                    "replication slot " + name);
        }
        inTransaction(c, "Switching scope '" + scope + "' to logical capture", () -> {
            List<String> start = new ArrayList<>();
            for (TableDefinition t : tables) {
                for (String trig : List.of(PgTrackingSql.INS, PgTrackingSql.UPD, PgTrackingSql.DEL)) {
                    Jdbc.execute(c, "DROP TRIGGER IF EXISTS " + names.quote(trig) + " ON " + names.table(t.name()), t.name() + "." + trig);
                }
                start.add(triggers.suppressKey(t));
            }
            if (s.lost() && captured[0]) {
                restamp(c, scope, tables);
            }
            Jdbc.query(c, "SELECT pg_catalog.pg_logical_emit_message(true, ?, ?)", "capture start", rs -> null, START,
                    scope + "\n" + String.join("\n", start));
        });
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
        if (!status(c, scope).walStatus().equals("missing")) {
            Jdbc.execute(c, "SELECT pg_catalog.pg_drop_replication_slot(" + names.literal(name) + ")", "replication slot " + name);
        }
        inTransaction(c, "Ending logical capture of scope '" + scope + "'", () -> {
            Jdbc.execute(c, "DROP PUBLICATION IF EXISTS " + names.quote(name), "publication " + name);
            Jdbc.update(c, "DELETE FROM " + stateTable() + " WHERE scope_name = ?", "syncwright.capture", scope);
            if (Jdbc.queryLong(c, "SELECT count(*) FROM " + stateTable(), "syncwright.capture") == 0) {
                Jdbc.execute(c, "DROP TABLE " + stateTable(), "syncwright.capture");
            }
        });
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
