package dev.syncwright.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.jdbc.SqliteClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** Connecting to the two databases of a command that has a local and a remote side (sync, verify, reinitialize). */
final class Pools {
    /** Seconds, as for the other commands: without it a silent firewall would make the command hang. */
    static final int LOGIN_TIMEOUT = 15;

    private Pools() {
    }

    /** Connects once up front, so that "cannot connect" is told apart from a failing statement. */
    static void probe(String side, JdbcUrl url, String user, String password, Secrets secrets) {
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT);
        // the driver gets the URL without its user:password@ part, which goes in the properties (JdbcUrl)
        try (Connection c = DriverManager.getConnection(url.driverUrl(), Connect.credentials(user, password))) {
            c.getMetaData();
        } catch (SQLException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot connect to the " + side + " database " + secrets.mask(url.given())
                    + ": " + DatabaseCommand.rootMessage(e), e);
        }
    }

    /**
     * A small pool: a sync reads on one connection while it applies on another, verify reads both
     * sides at once. A SQLite database is opened by {@link SqliteClients} (foreign keys, busy timeout);
     * {@code newWalFile}: the file is new and created in WAL mode, else it keeps its journal mode (ADR 041).
     */
    static HikariDataSource pool(String side, JdbcUrl url, String user, String password, boolean newWalFile, Secrets secrets) {
        HikariConfig config;
        if (SqliteClients.isSqliteUrl(url.driverUrl())) {
            // an existing file keeps the journal mode its application chose; a new one is created in WAL (ADR 041)
            SqliteClients.Builder client = SqliteClients.url(url.driverUrl()).poolName("syncwright-" + side);
            config = (newWalFile ? client : client.keepExistingJournalMode()).config();
        } else {
            config = new HikariConfig();
            config.setPoolName("syncwright-" + side);
            config.setJdbcUrl(url.driverUrl());
            config.setDataSourceProperties(Connect.credentials(user, password));
            config.setMaximumPoolSize(SqliteClients.DEFAULT_POOL_SIZE);
            config.setMinimumIdle(1);
        }
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(LOGIN_TIMEOUT * 2L));
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot connect to the " + side + " database " + secrets.mask(url.given())
                    + ": " + DatabaseCommand.rootMessage(e), e);
        }
    }

    static void close(HikariDataSource pool) {
        if (pool != null) {
            try {
                pool.close();
            } catch (RuntimeException ignored) {
                // closing at the end; the result is already decided
            }
        }
    }
}
