package dev.syncwright.spring;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.jdbc.ConflictRecord;
import dev.syncwright.jdbc.JdbcSyncProvider;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs syncs with the settings of the {@code syncwright.*} properties. The server replica is always
 * the remote side of a sync, so {@code server-wins} means what it says.
 *
 * <ul>
 *   <li>{@code syncwright.role=server}: {@link #provider()} is the application's DataSource (the
 *       server). {@link #sync(SyncProvider)} syncs a client given in code with it; {@link #sync()}
 *       syncs the client replica at {@code syncwright.client.url}, if one is configured.</li>
 *   <li>{@code syncwright.role=client}: {@link #provider()} is the application's DataSource (a
 *       client); {@link #sync()} syncs it with the server at {@code syncwright.remote.url}.</li>
 * </ul>
 *
 * One sync at a time: calls queue on this object.
 */
public class SyncService {
    private final SyncwrightProperties.Role role;
    private final JdbcSyncProvider provider;
    private final @Nullable JdbcSyncProvider peer;
    private final SyncDirection direction;
    private final ConflictPolicy policy;
    private final Integer batchSizeRows;

    public SyncService(SyncwrightProperties properties, JdbcSyncProvider provider, @Nullable JdbcSyncProvider peer) {
        this.role = properties.getRole();
        this.provider = Objects.requireNonNull(provider, "provider");
        this.peer = peer;
        this.direction = direction(properties.getDirection());
        this.policy = ConflictPolicy.named(properties.getConflictPolicy());
        this.batchSizeRows = properties.getBatchSizeRows();
    }

    /** The replica over the application's DataSource. */
    public JdbcSyncProvider provider() {
        return provider;
    }

    /** The other replica {@link #sync()} uses: the configured client (server role) or the server (client role). */
    public Optional<JdbcSyncProvider> peer() {
        return Optional.ofNullable(peer);
    }

    public SyncwrightProperties.Role role() {
        return role;
    }

    /** The conflict policy from {@code syncwright.conflict-policy}. */
    public ConflictPolicy conflictPolicy() {
        return policy;
    }

    /** Syncs the configured peer: client replica ↔ this server (server role), or this client ↔ the remote server (client role). */
    public synchronized SyncResult sync() {
        if (peer == null) {
            throw new IllegalStateException("Nothing to sync with: set syncwright.client.url to keep a client replica, "
                    + "or call sync(clientProvider) with a client of scope '" + provider.definition().name() + "'");
        }
        return role == SyncwrightProperties.Role.CLIENT ? run(provider, peer) : run(peer, provider);
    }

    /** Server role: syncs a client replica (e.g. {@code JdbcSyncProvider.openClient(sqlite, provider())}) with this server. */
    public synchronized SyncResult sync(SyncProvider client) {
        Objects.requireNonNull(client, "client");
        if (role != SyncwrightProperties.Role.SERVER) {
            throw new IllegalStateException("sync(client) needs syncwright.role=server; this application is a client, use sync()");
        }
        return run(client, provider);
    }

    /** The conflict log of the application's replica ({@code openOnly}: deferred conflicts not yet settled). */
    public List<ConflictRecord> conflicts(boolean openOnly) {
        return provider.conflicts(openOnly);
    }

    private SyncResult run(SyncProvider client, SyncProvider server) {
        SyncOrchestrator o = SyncOrchestrator.between(client, server).direction(direction).conflicts(policy);
        if (batchSizeRows != null) {
            o.batchSizeRows(batchSizeRows);
        }
        return o.run();
    }

    static SyncDirection direction(SyncwrightProperties.Direction d) {
        return switch (d) {
            case BOTH -> SyncDirection.UPLOAD_AND_DOWNLOAD;
            case UPLOAD -> SyncDirection.UPLOAD;
            case DOWNLOAD -> SyncDirection.DOWNLOAD;
        };
    }

    @Override
    public String toString() {
        return "SyncService[" + role + ", " + provider + ", peer " + peer + "]";
    }
}
