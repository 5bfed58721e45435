package dev.syncwright.http;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.Probe;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.ServerScope;
import dev.syncwright.jdbc.ServedScopes;
import dev.syncwright.jdbc.SnapshotPublisher;
import dev.syncwright.jdbc.Snapshots;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The scopes of one database, served as they are: each request opens a {@link JdbcSyncProvider}
 * on the pool ({@link ServedScopes}: one query confirms the scope's definition is the one whose
 * model this server keeps), so any number of server instances can serve one database.
 * {@code served}: the scopes this server offers (empty: every provisioned scope).
 */
public final class JdbcScopes implements ScopeResolver {
    private final DataSource dataSource;
    private final ServedScopes models;
    private final Set<String> served;
    private final SnapshotPublisher snapshots;

    private JdbcScopes(DataSource dataSource, ServedScopes models, Set<String> served, SnapshotPublisher snapshots) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.models = models;
        this.served = Set.copyOf(served);
        this.snapshots = snapshots;
    }

    public static JdbcScopes of(DataSource dataSource, String... scopes) {
        return new JdbcScopes(dataSource, ServedScopes.of(dataSource), Set.of(scopes), null);
    }

    /** The same scopes, new clients offered the snapshots {@code publisher} keeps (ADR 066); closing it stays the caller's. */
    public JdbcScopes withSnapshots(SnapshotPublisher publisher) {
        return new JdbcScopes(dataSource, models, served, Objects.requireNonNull(publisher, "publisher"));
    }

    @Override
    public Optional<Snapshots.Published> snapshot(String scope, Principal principal) {
        if (snapshots == null || (!served.isEmpty() && !served.contains(scope))) {
            return Optional.empty();
        }
        return snapshots.current(scope);
    }

    @Override
    public Optional<SyncProvider> open(String scope, Principal principal) {
        return open(scope, principal, true);
    }

    @Override
    public Optional<SyncProvider> open(String scope, Principal principal, boolean verifyTracking) {
        if (!served.isEmpty() && !served.contains(scope)) {
            return Optional.empty();
        }
        return models.open(scope, verifyTracking).map(p -> p);
    }

    @Override
    public Optional<Probe> probe(String scope, Principal principal, ReplicaId asker, PeerRecord askersRecord, Knowledge askersKnowledge) {
        if (!served.isEmpty() && !served.contains(scope)) {
            return Optional.empty();
        }
        return models.probe(scope, asker, askersRecord, askersKnowledge);
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
    public Optional<String> bind(SyncProvider provider, ReplicaId replica, Principal principal) {
        return provider instanceof JdbcSyncProvider p ? p.bindReplica(replica, principal.name()) : Optional.empty();
    }

    @Override
    public void restate(SyncProvider provider, long watermark) {
        if (provider instanceof JdbcSyncProvider p) {
            p.restate(watermark);
        }
    }
}
