package dev.syncwright.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
     * sides at once. A SQLite database enforces its foreign keys like the server and waits for a lock
     * rather than failing at once; {@code newWalFile}: it is created in WAL mode (ADR 041).
     */
    static HikariDataSource pool(String side, JdbcUrl url, String user, String password, boolean newWalFile, Secrets secrets) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("syncwright-" + side);
        config.setJdbcUrl(url.driverUrl());
        config.setDataSourceProperties(Connect.credentials(user, password));
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(LOGIN_TIMEOUT * 2L));
        if (Connect.sqlitePath(url.driverUrl()) != null) {
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", "30000");
            if (newWalFile) {
                // each batch then commits without waiting for the disk, and crash-safe (ADR 041);
                // an existing file keeps the journal mode its application chose
                config.addDataSourceProperty("journal_mode", "WAL");
            }
        }
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
