package dev.syncwright.jdbc.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.ServerTypes;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ScopeDefinition;
import dev.syncwright.tracking.SyncScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Makes a client database match a server's scope: creates the tables it lacks (types chosen so every
 * value round-trips), adds columns the server gained since, and provisions tracking with the
 * server's change-unit indexes. Safe to run before every sync: when nothing differs it does nothing.
 */
public final class ClientBootstrap {
    private ClientBootstrap() {
    }

    /** @return true when it created or changed anything */
    public static boolean prepare(DataSource dataSource, Dialect local, ServerTypes server, ScopeDefinition serverScope) {
        Optional<ScopeDefinition> mine = Provisioner.of(dataSource, local).definition(serverScope.name());
        // a bulk load not completed (ADR 063) is completed by the re-provisioning below, on connections that pass its guard
        DataSource client = mine.filter(ScopeDefinition::bulkLoading).isPresent() ? LoadGuard.admitting(dataSource, local) : dataSource;
        Provisioner provisioner = Provisioner.of(client, local);
        if (mine.isPresent() && compatible(mine.get(), serverScope) && provisioner.trackingProblems(mine.get()).isEmpty()) {
            return false; // a client's tracking that lost its triggers (its table rebuilt) is repaired below, by provisioning
        }
        List<String> ddl = new ArrayList<>();
        SyncScope.Builder scope = SyncScope.named(serverScope.name());
        List<String> problems = new ArrayList<>();
        List<TableDefinition> missing = new ArrayList<>();
        List<TableDefinition> rebuilds = new ArrayList<>();
        try (Connection c = client.getConnection()) {
            for (TableDefinition t : serverScope.tables()) {
                Optional<TableName> existing = local.schema().resolve(c, t.name().name());
                if (existing.isEmpty()) {
                    missing.add(t);
                    continue;
                }
                TableDefinition have;
                try {
                    have = local.schema().read(c, existing.get());
                } catch (SchemaException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                Optional<TableDefinition> known = mine.flatMap(m -> m.tables().stream()
                        .filter(k -> k.name().name().equals(t.name().name())).findFirst());
                if (reshaped(known, have, t)) {
                    // a column the server dropped or whose type it changed: the table is made anew from the server's definition
                    rebuilds.add(t);
                    continue;
                }
                for (ColumnDefinition col : t.columns()) {
                    Optional<ColumnDefinition> mineCol = have.column(col.name());
                    if (mineCol.isPresent()) {
                        // an existing column must hold the server's values exactly (ADR 042)
                        String why = local.schema().cannotHold(mineCol.get(), col);
                        if (why != null) {
                            problems.add("Column " + existing.get() + "." + col.name() + " " + why);
                        }
                    } else if (col.inPrimaryKey()) {
                        problems.add("Table " + existing.get() + " lacks primary-key column '" + col.name()
                                + "' that the server has; the client cannot be adapted automatically");
                    } else {
                        ddl.add(ClientDdl.addColumn(local, server, t, col, existing.get()));
                    }
                }
            }
            for (TableDefinition t : missing) {
                problems.addAll(ClientDdl.roundTripProblems(server, local, t));
            }
            for (TableDefinition t : rebuilds) {
                problems.addAll(ClientDdl.roundTripProblems(server, local, t));
            }
            // nothing is written before every table and column is known to fit
            ClientDdl.refuseAll(problems);
            ddl.addAll(0, ClientDdl.createTables(local, server, missing, serverScope.tables(), null));
            if (!ddl.isEmpty()) {
                createAll(c, ddl, !local.capabilities().transactionalDdl());
            }
            for (TableDefinition t : rebuilds) {
                rebuild(c, local, server, serverScope, t);
            }
            // by TableName, not by typed name: a server table's name may hold a dot
            for (TableDefinition t : serverScope.tables()) {
                scope.table(local.schema().resolve(c, t.name().name()).orElseThrow(() -> new SyncException(
                        "Table " + t.name().name() + " of scope '" + serverScope.name() + "' is missing on the client")));
            }
        } catch (SQLException e) {
            throw new SqlFailure("Creating the client tables of scope '" + serverScope.name() + "' in", "database", e);
        }
        provisioner.provision(scope.build(), serverScope);
        return true;
    }

    /**
     * Runs the DDL in one transaction where the database has transactional DDL. The failure that stops
     * it is the one thrown: SQLite ends the transaction itself on some errors (SQLITE_FULL, the disk
     * is full), and the rollback and the return to auto-commit (a COMMIT in SQLite's driver) then fail
     * too, "cannot commit - no transaction is active", which must not hide why.
     */
    private static void createAll(Connection c, List<String> ddl, boolean autoCommit) throws SQLException {
        boolean auto = c.getAutoCommit();
        SQLException failure = null;
        c.setAutoCommit(autoCommit);
        try (Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            failure = e;
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException cleanup) {
                if (failure == null) {
                    throw cleanup;
                }
                failure.addSuppressed(cleanup);
            }
        }
    }

    /**
     * True when the server dropped a column this client tracked, or changed the type of one: the
     * client's table is then re-created from the server's definition with its rows kept.
     */
    private static boolean reshaped(Optional<TableDefinition> known, TableDefinition have, TableDefinition server) {
        if (known.isEmpty()) {
            return false;
        }
        for (ColumnDefinition k : known.get().columns()) {
            Optional<ColumnDefinition> s = server.column(k.name());
            if (s.isEmpty() ? have.column(k.name()).isPresent() : !s.get().type().equals(k.type())) {
                return true;
            }
        }
        return false;
    }

    /** Re-creates a table from the server's definition, keeping the rows of the columns both have. */
    private static void rebuild(Connection c, Dialect local, ServerTypes server, ScopeDefinition scope, TableDefinition t) {
        TableName table = local.schema().resolve(c, t.name().name()).orElseThrow();
        TableName scratch = new TableName(table.schema(), "syncwright_rebuild_" + table.name());
        TableDefinition have = local.schema().read(c, table);
        List<String> kept = t.columns().stream().map(ColumnDefinition::name).filter(n -> have.column(n).isPresent()).toList();
        try {
            local.rebuildTable(c, table, scratch, ClientDdl.createTable(local, server, t, scratch, scope.tables()), kept);
        } catch (UnsupportedOperationException e) {
            throw new SyncException("Table " + table + " on the client no longer matches the server's (a column dropped or "
                    + "of another type there), and " + local.product().name() + " clients are not rebuilt automatically; "
                    + "change the client's table the same way, then sync again");
        }
    }

    /** Same tables in the same order, same columns with the same change units. */
    static boolean compatible(ScopeDefinition mine, ScopeDefinition server) {
        if (mine.outdated() || mine.tables().size() != server.tables().size()) {
            return false;
        }
        for (int i = 0; i < mine.tables().size(); i++) {
            TableDefinition a = mine.tables().get(i);
            TableDefinition b = server.tables().get(i);
            if (!a.name().name().equals(b.name().name()) || a.changeUnitCount() != b.changeUnitCount()
                    || a.columns().size() != b.columns().size()) {
                return false;
            }
            for (ColumnDefinition c : b.columns()) {
                Optional<ColumnDefinition> m = a.column(c.name());
                if (m.isEmpty() || m.get().changeUnit() != c.changeUnit() || m.get().keyPosition() != c.keyPosition()
                        || !m.get().type().equals(c.type())) {
                    return false;
                }
            }
        }
        return true;
    }
}
