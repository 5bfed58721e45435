package dev.syncwright.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.jdbc.SqliteClients;
import javax.sql.DataSource;

/**
 * The connection pool of the other replica ({@code syncwright.client.*} or {@code syncwright.remote.*}).
 * Deliberately not a {@link DataSource} bean, so the application's own DataSource stays the only one.
 */
public final class PeerDataSource implements AutoCloseable {
    private final HikariDataSource pool;

    PeerDataSource(String name, SyncwrightProperties.Peer peer) {
        HikariConfig config;
        if (SqliteClients.isSqliteUrl(peer.getUrl())) {
            // a SQLite client is opened as everywhere else: WAL, busy timeout, foreign keys (ADR 053)
            config = SqliteClients.url(peer.getUrl()).poolName("syncwright-" + name).minimumIdle(0).config();
        } else {
            config = new HikariConfig();
            config.setPoolName("syncwright-" + name);
            config.setJdbcUrl(peer.getUrl());
            // a sync reads on one connection while it applies on another
            config.setMaximumPoolSize(SqliteClients.DEFAULT_POOL_SIZE);
            config.setMinimumIdle(0);
        }
        if (peer.getUsername() != null) {
            config.setUsername(peer.getUsername());
        }
        if (peer.getPassword() != null) {
            config.setPassword(peer.getPassword());
        }
        this.pool = new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PeerDataSource[" + pool.getPoolName() + "]";
    }
}
