package dev.syncwright.jdbc.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A replica's own changes that its server has not seen (ADR 043): versions of its own (key 0) with a
 * tick after what it had delivered, or still being stamped. {@code reinitialize} writes them into the
 * server it is moving to, as that server's own writes, before the replica starts afresh from it.
 */
public final class Unsynced {
    private static final long KEY_UNIT = 1L << Version.TICK_BITS;

    private Unsynced() {
    }

    /** One unsynced row: the units changed (every unit for an insert), or a deletion. */
    record Row(TableModel table, Object[] key, BitSet units, boolean deleted) {}

    /** The unsynced rows of every table, parents' tables first. */
    static List<Row> find(JdbcScope scope, long delivered) {
        List<Row> out = new ArrayList<>();
        try (Connection c = scope.connect()) {
            for (TableModel t : scope.tables) {
                String all = t.selectTracking.substring(0, t.selectTracking.indexOf(" WHERE "));
                try (PreparedStatement p = c.prepareStatement(all); ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        TrackedRow r = TrackedRow.read(rs, t, scope.codec, false);
                        if (r.dv != null) {
                            if (unsynced(r.dv, delivered)) {
                                out.add(new Row(t, r.key, new BitSet(), true));
                            }
                            continue;
                        }
                        BitSet units = new BitSet();
                        boolean inserted = unsynced(r.cv, delivered);
                        for (int u = 0; u < t.units.length; u++) {
                            if (t.units[u] != null && !t.generatedUnits.get(u)
                                    && (inserted || (r.unitVersions[u] != null && unsynced(r.unitVersions[u], delivered)))) {
                                units.set(u);
                            }
                        }
                        if (inserted || !units.isEmpty()) {
                            out.add(new Row(t, r.key, units, false));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure("Reading the unsynced changes of scope '" + scope.definition.name() + "' in", "database", e);
        }
        return out;
    }

    private static boolean unsynced(long version, long delivered) {
        return version < 0 || (version > delivered && version < KEY_UNIT);
    }

    /**
     * Writes the rows into {@code server} in one transaction, under its triggers (so that they are
     * its own changes and travel to its other replicas): deletions children first, then each row's
     * changed columns parents first (the whole row where the server lacks it). Returns how many rows.
     */
    public static int push(JdbcScope client, JdbcScope server, long delivered) {
        List<Row> rows = find(client, delivered);
        if (rows.isEmpty()) {
            return 0;
        }
        Connection lc = client.connect();
        Connection sc = server.connect();
        try (lc; sc) {
            sc.setAutoCommit(false);
            try {
                for (int i = rows.size() - 1; i >= 0; i--) {
                    Row r = rows.get(i);
                    if (r.deleted()) {
                        TableModel st = serverTable(server, r.table());
                        execute(sc, server, st.deleteBase, st, r.key(), null, null);
                    }
                }
                for (Row r : rows) {
                    if (!r.deleted()) {
                        write(lc, sc, client, server, r);
                    }
                }
                sc.commit();
            } catch (SQLException | RuntimeException e) {
                sc.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SqlFailure("Writing this replica's unsynced changes into the server of scope '" + server.definition.name()
                    + "' at", "database", e);
        }
        return rows.size();
    }

    private static void write(Connection lc, Connection sc, JdbcScope client, JdbcScope server, Row r) throws SQLException {
        Object[] values = r.table().readValues(lc, client.codec, r.key());
        TableModel st = serverTable(server, r.table());
        if (values == null) {
            return; // changed, then deleted where no trigger saw it: nothing left to keep
        }
        boolean there = st.readValues(sc, server.codec, r.key()) != null;
        if (there) {
            execute(sc, server, st.updateBase(r.units()), st, r.key(), r.units(), values);
        } else {
            try (PreparedStatement p = sc.prepareStatement(st.insertOmitting(new BitSet()))) {
                int col = 1;
                for (int i = 0; i < r.key().length; i++) {
                    server.codec.bind(p, col++, r.key()[i], st.key.get(i).type());
                }
                for (int u : st.insertBaseUnits) {
                    server.codec.bind(p, col++, values[u], st.units[u].type());
                }
                p.executeUpdate();
            } catch (SQLException e) {
                throw refused(st, r, e);
            }
        }
    }

    /** {@code sql} with the changed units' values (when given), then the key. */
    private static void execute(Connection sc, JdbcScope server, String sql, TableModel t, Object[] key, BitSet units, Object[] values)
            throws SQLException {
        try (PreparedStatement p = sc.prepareStatement(sql)) {
            int col = 1;
            if (units != null) {
                for (int u = units.nextSetBit(0); u >= 0; u = units.nextSetBit(u + 1)) {
                    server.codec.bind(p, col++, values[u], t.units[u].type());
                }
            }
            for (int i = 0; i < key.length; i++) {
                server.codec.bind(p, col++, key[i], t.key.get(i).type());
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw refused(t, new Row(t, key, units, units == null), e);
        }
    }

    private static SyncException refused(TableModel t, Row r, SQLException e) {
        return new SqlFailure("The server refused this replica's unsynced " + (r.deleted() ? "deletion of" : "row") + " "
                + ScopeStore.json(r.key()) + " of table", t.name(), e);
    }

    private static TableModel serverTable(JdbcScope server, TableModel clientTable) {
        for (TableModel t : server.tables) {
            if (t.def.name().name().equals(clientTable.def.name().name())) {
                return t;
            }
        }
        throw new SyncException("The server's scope '" + server.definition.name() + "' has no table " + clientTable.name()
                + "; this replica's unsynced changes to it cannot be kept");
    }
}
