package dev.syncwright.http;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.Probe;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.jdbc.ServerScope;
import java.util.Optional;

/**
 * The scopes a server serves: a provider for one request of a session, opened afresh for each
 * request (the server keeps no session state), or empty for a scope it does not serve.
 */
public interface ScopeResolver {
    Optional<SyncProvider> open(String scope, Principal principal);

    /**
     * As {@link #open(String, Principal)}; {@code verifyTracking} is false when this session has
     * already had a {@code state} answered by this server (which read the scope's definition and
     * checked that tracking is whole, as the start of every session does), so the provider need do
     * neither again.
     */
    default Optional<SyncProvider> open(String scope, Principal principal, boolean verifyTracking) {
        return open(scope, principal);
    }

    /**
     * A session's first {@code probe} answered without opening a provider, where the resolver can
     * make it cheaper (ADR 060: one database statement); empty (the default): the server opens a
     * provider as for any request and asks it.
     */
    default Optional<Probe> probe(String scope, Principal principal, ReplicaId asker, PeerRecord askersRecord, Knowledge askersKnowledge) {
        return Optional.empty();
    }

    /**
     * Binds client replica {@code replica} to {@code principal} unless it is bound already (ADR 064):
     * asked before a request writes as that replica (its identity record, or an upload of its changes).
     * @return the other principal the replica is bound to, and the request is refused; empty (the
     *         default, for resolvers that bind nothing): it may write
     */
    default Optional<String> bind(SyncProvider provider, ReplicaId replica, Principal principal) {
        return Optional.empty();
    }

    /**
     * Sets the watermark the replica stated when the session began, before an apply. Providers that
     * have none (or need none) ignore it.
     */
    default void restate(SyncProvider provider, long watermark) {
    }

    /**
     * The scope as a new client needs it to create its tables ({@code definition}); empty when the
     * provider cannot describe it (the client must then be set up another way).
     */
    default Optional<ServerScope> describe(SyncProvider provider) {
        return Optional.empty();
    }

    /**
     * The snapshot a new client of {@code scope} may start from (ADR 066): a ready SQLite file; empty
     * (the default) when there is none, and the client downloads the scope row by row.
     */
    default Optional<dev.syncwright.jdbc.Snapshots.Published> snapshot(String scope, Principal principal) {
        return Optional.empty();
    }

    /** Whether requests can be served now (the readiness endpoint): e.g. the database answers. */
    default boolean ready() {
        return true;
    }
}
