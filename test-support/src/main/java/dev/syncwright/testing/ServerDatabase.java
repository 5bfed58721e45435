package dev.syncwright.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/** A database (PostgreSQL) or schema (MariaDB / MySQL) created on a {@link Server} for one caller. */
final class ServerDatabase implements TestDatabase {

    private final Server server;
    private final String name;
    private final String jdbcUrl;
    private final DataSource dataSource;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServerDatabase(Server server, String name) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = JdbcUrls.withDatabase(server.adminUrl(), name);
        this.dataSource = new SimpleDataSource(jdbcUrl);
    }

    static ServerDatabase create(Server server, String nameHint) {
        String name = DatabaseNames.newName(nameHint);
        String sql = server.engine() == Engine.POSTGRESQL
                // template0 + C locale: works whatever the server's locale, sorts the same everywhere
                ? "CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
                : "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4";
        try (Connection c = server.connectAdmin(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + server.source()
                    + ": " + e.getMessage(), e);
        }
        ServerDatabase db = new ServerDatabase(server, name);
        Cleanup.opened(db);
        return db;
    }

    @Override
    public String kind() {
        return server.kind();
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String user() {
        return JdbcUrls.parameter(jdbcUrl, "user");
    }

    @Override
    public String password() {
        return JdbcUrls.parameter(jdbcUrl, "password");
    }

    @Override
    public Connection connect() throws SQLException {
        if (closed.get()) {
            throw new SQLException("test database " + name + " has been dropped");
        }
        return DriverManager.getConnection(jdbcUrl);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Connection c = server.connectAdmin(); Statement st = c.createStatement()) {
            if (server.engine() == Engine.POSTGRESQL) {
                dropPostgres(c, st);
            } else {
                dropMysql(c, st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name + " on " + server.source()
                    + ": " + e.getMessage(), e);
        } finally {
            Cleanup.closed(this);
        }
    }

    private void dropPostgres(Connection c, Statement st) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() >= 13) {
            // a logical replication slot left in the database (a test of log capture) would refuse the drop
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = ? AND NOT active")) {
                ps.setString(1, name);
                ps.executeQuery().close();
            }
            st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
        st.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
    }

    /** MySQL has no WITH (FORCE): sessions still using the schema are killed first, so the drop cannot wait on their locks. */
    private void dropMysql(Connection c, Statement st) throws SQLException {
        List<Long> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(rs.getLong(1));
                }
            }
        }
        for (long id : sessions) {
            try {
                st.execute("KILL CONNECTION " + id);
            } catch (SQLException alreadyGone) {
                // the session ended by itself in between
            }
        }
        st.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }

    @Override
    public String toString() {
        return kind() + " database " + name + " (" + JdbcUrls.mask(jdbcUrl) + ")";
    }
}
