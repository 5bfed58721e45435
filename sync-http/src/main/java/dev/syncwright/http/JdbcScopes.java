package dev.syncwright.http;

import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.ServerScope;
import dev.syncwright.tracking.Provisioner;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The scopes of one database, served as they are: each request opens a {@link JdbcSyncProvider}
 * on the pool (reading the scope's definition once), so any number of server instances can serve
 * one database. {@code served}: the scopes this server offers (empty: every provisioned scope).
 */
public final class JdbcScopes implements ScopeResolver {
    private final DataSource dataSource;
    private final Set<String> served;

    private JdbcScopes(DataSource dataSource, Set<String> served) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.served = Set.copyOf(served);
    }

    public static JdbcScopes of(DataSource dataSource, String... scopes) {
        return new JdbcScopes(dataSource, Set.of(scopes));
    }

    @Override
    public Optional<SyncProvider> open(String scope, Principal principal) {
        if (!served.isEmpty() && !served.contains(scope)) {
            return Optional.empty();
        }
        if (Provisioner.of(dataSource).definition(scope).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JdbcSyncProvider.open(dataSource, scope));
    }

    /** The database answers within 2 s. */
    @Override
    public boolean ready() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<ServerScope> describe(SyncProvider provider) {
        return provider instanceof JdbcSyncProvider p ? Optional.of(ServerScope.of(p)) : Optional.empty();
    }

    @Override
    public void restate(SyncProvider provider, long watermark) {
        if (provider instanceof JdbcSyncProvider p) {
            p.restate(watermark);
        }
    }
}
