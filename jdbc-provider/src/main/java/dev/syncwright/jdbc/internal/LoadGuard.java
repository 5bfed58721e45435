package dev.syncwright.jdbc.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SqlNames;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The provider's side of the guard of a bulk load (ADR 063): the guard is an index collated by
 * {@link SqlNames#BULK_LOAD_GUARD}, which a connection must know to insert into or delete from a table
 * being loaded. The provider teaches it to a connection for one transaction and makes it forget it
 * before the connection goes back to a pool the application shares, so that the application's writes
 * that no trigger would see are refused instead of lost. Registering a collation is a driver's call,
 * not SQL: only a database whose dialect has {@code Capabilities.bulkLoad} gets here, and its driver
 * is SQLite's.
 */
public final class LoadGuard {
    private LoadGuard() {
    }

    /** Teaches {@code c} the guard's collation (an ordinary binary order; the guard's index holds no row). */
    public static void admit(Connection c) {
        try {
            org.sqlite.Collation.create(c.unwrap(org.sqlite.SQLiteConnection.class), SqlNames.BULK_LOAD_GUARD, new org.sqlite.Collation() {
                @Override
                protected int xCompare(String a, String b) {
                    return a.compareTo(b);
                }
            });
        } catch (SQLException e) {
            throw new SyncException("Cannot prepare a connection for the bulk load of a new client: " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code c} forget what {@link #admit} taught it, before it is closed (returned to its pool);
     * where that fails, the physical connection is closed, so that no pool hands it to the application.
     */
    public static void dismiss(Connection c) {
        try {
            org.sqlite.Collation.destroy(c.unwrap(org.sqlite.SQLiteConnection.class), SqlNames.BULK_LOAD_GUARD);
        } catch (SQLException | RuntimeException e) {
            try {
                c.unwrap(org.sqlite.SQLiteConnection.class).close();
            } catch (SQLException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
        }
    }

    /**
     * {@code dataSource} whose connections know the guard until they are closed, where {@code dialect}
     * bulk loads; else itself. For the provisioning transactions that begin and end a bulk load.
     */
    public static DataSource admitting(DataSource dataSource, Dialect dialect) {
        return dialect.capabilities().bulkLoad() ? new Admitting(dataSource) : dataSource;
    }

    private record Admitting(DataSource dataSource) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return admitted(dataSource.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return admitted(dataSource.getConnection(user, password));
        }

        /** The connection, admitted, whose close() dismisses it first. */
        private static Connection admitted(Connection c) {
            admit(c);
            return (Connection) Proxy.newProxyInstance(LoadGuard.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            dismiss(c);
                            c.close();
                            return null;
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return dataSource.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            dataSource.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            dataSource.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return dataSource.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return dataSource.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return dataSource.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return dataSource.isWrapperFor(type);
        }
    }
}
