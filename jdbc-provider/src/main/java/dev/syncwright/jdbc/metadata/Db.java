package dev.syncwright.jdbc.metadata;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's one connection and its transaction state. Every {@link SQLException} is wrapped
 * here, once, in a {@link SqlFailure} naming the action and the table. One pinned connection, not
 * one per call: a transaction must see its own writes, and SQLite has a single writer anyway.
 *
 * <p>Prepared statements are kept for the connection's life (the {@link #CACHED} most recently
 * used): the store issues a handful of statements again and again, and preparing one (parsing and
 * planning it) costs several times as much as running it on SQLite. A statement whose execution
 * failed is closed rather than kept, so no driver state outlives an error.
 */
final class Db implements AutoCloseable {
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static final Binder NONE = ps -> {};
    static final int CACHED = 64;

    final Dialect dialect;
    private final Connection connection;
    private boolean inTransaction;
    private boolean closed;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CACHED) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    Db(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    <T> T query(String action, String table, String sql, Binder binder, Reader<T> reader) {
        PreparedStatement ps = null;
        try {
            ps = prepare(sql);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException | RuntimeException e) {
            forget(sql, ps);
            throw e instanceof SQLException x ? new SqlFailure(action, table, x) : (RuntimeException) e;
        }
    }

    int update(String action, String table, String sql, Binder binder) {
        PreparedStatement ps = null;
        try {
            ps = prepare(sql);
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            forget(sql, ps);
            throw e instanceof SQLException x ? new SqlFailure(action, table, x) : (RuntimeException) e;
        }
    }

    void execute(String action, String table, String sql) {
        open();
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SqlFailure(action, table, e);
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        open();
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private void forget(String sql, PreparedStatement ps) {
        if (ps != null && statements.remove(sql, ps)) {
            closeQuietly(ps);
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            // a statement that cannot close holds nothing we need; the connection's close releases it
        }
    }

    private void open() {
        if (closed) {
            throw new SyncException("The JDBC metadata store is closed");
        }
    }

    boolean inTransaction() {
        return inTransaction;
    }

    void begin(String what) {
        open();
        if (inTransaction) {
            throw new SyncException("JDBC metadata store " + what + ": a transaction is already open");
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new SqlFailure("Starting a transaction on", what, e);
        }
        inTransaction = true;
    }

    void commit(String what) {
        if (!inTransaction) {
            return;
        }
        try {
            connection.commit();
            inTransaction = false;
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            SqlFailure f = new SqlFailure("Committing the transaction of", what, e);
            try {
                rollback(what);
            } catch (RuntimeException r) {
                f.addSuppressed(r);
            }
            throw f;
        }
    }

    void rollback(String what) {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new SqlFailure("Rolling back the transaction of", what, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        statements.values().forEach(Db::closeQuietly);
        statements.clear();
        try {
            if (inTransaction) {
                inTransaction = false;
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // closing the connection rolls back as well; the close below reports real trouble
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new SqlFailure("Closing the connection of", "the JDBC metadata store", e);
            }
        }
    }
}
