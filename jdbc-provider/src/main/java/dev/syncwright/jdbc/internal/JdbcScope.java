package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.ValueCodec;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.jdbc.ConflictRecord;
import dev.syncwright.tracking.ScopeDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A provisioned scope in one database: its tables, codec, scope row and the connections to reach them. */
public final class JdbcScope {
    final DataSource dataSource;
    final Dialect dialect;
    final ScopeDefinition definition;
    final List<TableModel> tables = new ArrayList<>();
    final ValueCodec codec;
    final ScopeStore store;
    /** Foreign keys that reference their own table or one applied after it (ADR 042). */
    private final java.util.Map<dev.syncwright.dialect.TableName, List<dev.syncwright.dialect.ForeignKey>> forwardKeys;

    public JdbcScope(DataSource dataSource, Dialect dialect, ScopeDefinition definition) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.definition = definition;
        int i = 0;
        for (TableDefinition t : definition.tables()) {
            tables.add(new TableModel(dialect, t, i++));
        }
        this.codec = dialect.codec();
        this.store = new ScopeStore(dialect, definition.name());
        this.forwardKeys = dev.syncwright.tracking.ForeignKeyOrder.forwardKeys(definition.tables());
    }

    /** The log capture of the scope (ADR 065) as its stored definition names it; empty for triggers: nothing is read. */
    private java.util.Optional<dev.syncwright.dialect.ChangeCapture> capture() {
        String mode = definition.capture();
        return mode == null ? java.util.Optional.empty()
                : java.util.Optional.of(dialect.changeCapture().filter(x -> x.mode().equals(mode)).orElseThrow(this::unknownCapture));
    }

    private SyncException unknownCapture() {
        return new SyncException("Scope '" + definition.name() + "' is captured by '" + definition.capture() + "', which "
                + dialect.id() + " does not offer");
    }

    /** Whether the scope is captured from the log (ADR 065) rather than by triggers. */
    boolean captured() {
        return capture().isPresent();
    }

    /**
     * Where the scope is captured from the log (ADR 065): writes the tracking rows of every change
     * committed before the call, and commits (the caller's open transaction first). Before a watermark
     * is taken or local rows are read: what was committed is then tracked, as with triggers.
     */
    void captureUpTo(Connection c) {
        java.util.Optional<dev.syncwright.dialect.ChangeCapture> k = capture();
        if (k.isPresent()) {
            k.get().drain(c, definition.name(), definition.tables());
        }
    }

    /**
     * Suppresses the tracking of the provider's own writes of {@code table} (null: none) in the
     * caller's transaction; under log capture, the writes of {@code writing} that follow are marked as
     * the provider's own, whether or not triggers would have tracked them (their values are read back).
     */
    void suppress(Connection c, dev.syncwright.dialect.TableName table, dev.syncwright.dialect.TableName writing) {
        dialect.suppressTracking(c, table);
        java.util.Optional<dev.syncwright.dialect.ChangeCapture> k = capture();
        if (k.isPresent()) {
            k.get().ownWrites(c, writing);
        }
    }

    java.util.Map<dev.syncwright.dialect.TableName, List<dev.syncwright.dialect.ForeignKey>> forwardKeys() {
        return forwardKeys;
    }

    TableModel table(ItemId id) {
        int index = KeyCodec.tableOf(id);
        if (index >= tables.size()) {
            throw new SyncException("Item " + id + " names table #" + index + ", but scope '" + definition.name() + "' has "
                    + tables.size() + " tables; the replicas' scope definitions differ");
        }
        return tables.get(index);
    }

    /** Refuses a change of a table this scope lacks or with a change unit beyond its table's columns. */
    public void requireFits(dev.syncwright.core.spi.ItemChange c) {
        TableModel t = table(c.itemId());
        for (int i = 0; i < c.unitCount(); i++) {
            if (c.unit(i) < 0 || c.unit(i) >= t.unitCount()) {
                throw new SyncException("Item " + c.itemId() + " of table " + t.name() + " has a value for change unit #" + c.unit(i)
                        + ", but the table has " + t.unitCount() + " tracked columns in scope '" + definition.name()
                        + "'; the replicas' scope definitions differ");
            }
        }
    }

    /** The name of the table of an item, as the scope names it. */
    public String tableName(ItemId id) {
        return table(id).name();
    }

    /** The fetch size that streams a result: Connector/J streams only with Integer.MIN_VALUE. */
    int streamingFetchSize(int rows) {
        return dialect.streamingFetchSize(rows);
    }

    Connection connect() {
        try {
            Connection c = dataSource.getConnection();
            try {
                dialect.codec().prepareSession(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw new SqlFailure("Connecting to the database of scope '" + definition.name() + "' at", "database", e);
        }
    }

    /**
     * The catalog fingerprint of the scope's tables (ADR 056), or empty where the dialect has none. A
     * failure to read it is no answer either: the full check then runs and says what is wrong.
     */
    public java.util.Optional<String> catalogFingerprint() {
        try (Connection c = connect()) {
            return dialect.schema().catalogFingerprint(c, definition.tables().stream().map(t -> t.name()).toList());
        } catch (SQLException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Work on a connection in a transaction of its own. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a connection of its own: committed when it returns,
     * rolled back when it throws (an SQL failure wrapped once, naming {@code what}), the connection
     * closed either way.
     */
    <T> T inTransaction(String what, Work<T> work) {
        Connection c = connect();
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            if (e instanceof SQLException s) {
                throw new SqlFailure(what, "scope '" + definition.name() + "'", s);
            }
            throw (RuntimeException) e;
        } finally {
            try {
                c.setAutoCommit(true);
                c.close();
            } catch (SQLException ignored) {
                // committed or rolled back already
            }
        }
    }

    /**
     * Reads nothing from each table and its tracking table, to tell a table the database user may
     * not read (MySQL hides it from its catalog: it looks missing) from one that is missing: the
     * first refused read fails, keeping the database's error; a missing table is left to the caller.
     */
    public void requireAccess() {
        try (Connection c = connect(); java.sql.Statement s = c.createStatement()) {
            for (TableModel t : tables) {
                for (String table : List.of(t.base, t.tracking)) {
                    try {
                        s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                    } catch (SQLException e) {
                        if (!dialect.missingTable(e)) {
                            throw new SqlFailure("Reading", table, e);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure("Connecting to the database of scope '" + definition.name() + "' at", "database", e);
        }
    }

    public List<ConflictRecord> conflicts(boolean openOnly) {
        try (Connection c = connect()) {
            return store.conflicts(c, openOnly);
        } catch (SQLException e) {
            throw new SqlFailure("Closing", "database", e);
        }
    }

    public ScopeDefinition definition() {
        return definition;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }
}
