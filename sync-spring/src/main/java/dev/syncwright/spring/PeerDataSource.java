package dev.syncwright.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The connection pool of the other replica ({@code syncwright.client.*} or {@code syncwright.remote.*}).
 * Deliberately not a {@link DataSource} bean, so the application's own DataSource stays the only one.
 */
public final class PeerDataSource implements AutoCloseable {
    private final HikariDataSource pool;

    PeerDataSource(String name, SyncwrightProperties.Peer peer) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("syncwright-" + name);
        config.setJdbcUrl(peer.getUrl());
        if (peer.getUsername() != null) {
            config.setUsername(peer.getUsername());
        }
        if (peer.getPassword() != null) {
            config.setPassword(peer.getPassword());
        }
        // a sync reads on one connection while it applies on another
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        if (peer.getUrl().startsWith("jdbc:sqlite:")) {
            // a client enforces its foreign keys like the server; wait for a lock rather than fail at once
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", "30000");
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
