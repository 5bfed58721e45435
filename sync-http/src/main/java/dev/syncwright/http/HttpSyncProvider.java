package dev.syncwright.http;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.FetchedItem;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.http.internal.HttpCalls;
import dev.syncwright.http.internal.Protocol;
import dev.syncwright.http.internal.RemoteEnumeration;
import dev.syncwright.http.internal.WireReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A replica served over HTTP (docs/protocol.md), with the same SPI as a database replica: a client
 * syncs with {@code SyncOrchestrator.between(localProvider, HttpSyncProvider.connect(...))} exactly
 * as with a JDBC remote. Each call is one request; the server keeps no session. Calls are retried
 * with exponential backoff and jitter on connection failures, 5xx, 429 and 503 (honouring
 * {@code Retry-After}); an apply is safe to retry, because a batch already applied is known to the
 * server's knowledge and applies nothing twice.
 *
 * <p>Conflicts of an upload are met on the server, so the policy must be one that can travel (not
 * {@code ConflictPolicy.custom}), and a row hook of the caller's runs only where rows are written:
 * on a download, in this process; an upload with one is refused.
 */
public final class HttpSyncProvider implements SyncProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpSyncProvider.class);
    private final HttpCalls http;
    private volatile ReplicaState stated;
    private volatile ReplicaId client;

    private HttpSyncProvider(HttpCalls http) {
        this.http = http;
        newSession();
    }

    private void newSession() {
        client = null;
        http.session(java.util.UUID.randomUUID().toString(), null);
    }

    /**
     * The scope {@code scope} of the server at {@code baseUri} (e.g. {@code https://sync.example.com}),
     * with a bearer token from {@code token} (null: none), giving up on a call after {@code timeout}.
     */
    public static HttpSyncProvider connect(URI baseUri, String scope, Supplier<String> token, Duration timeout) {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(scope, "scope");
        if (!scope.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new SyncException("Scope name '" + scope + "' cannot be used in a URL (letters, digits, '_', '.', '-')");
        }
        return new HttpSyncProvider(new HttpCalls(baseUri, scope, token, timeout));
    }

    /**
     * The server's description of its scope, from which a new client creates its tables:
     * {@code JdbcSyncProvider.openClient(localDataSource, remote.describeScope())}.
     */
    public dev.syncwright.jdbc.ServerScope describeScope() {
        return http.call("definition", w -> { }, in -> dev.syncwright.http.internal.ScopeJson.read(http.scope(), in.text()));
    }

    @Override
    public ReplicaState state() {
        ReplicaState s = http.call("state", w -> { }, in -> new ReplicaState(in.replicaId(), in.knowledge(), in.knowledge()));
        stated = s;
        return s;
    }

    @Override
    public ChangeEnumeration enumerateChanges(EnumerationRequest request) {
        return new RemoteEnumeration(http.stream("changes", w -> w.request(request)));
    }

    @Override
    public boolean supportsConcurrentEnumeration() {
        return true; // the stream is read on its own thread while this process applies
    }

    @Override
    public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
        BatchApplier.Recipe recipe = applier.recipe();
        if (recipe == null || recipe.rowHook()) {
            throw new SyncException(recipe == null ? "This applier cannot be described to a server over HTTP"
                    : "A row hook (SyncInterceptor.rowApplying) runs where rows are written; an upload over HTTP writes them on "
                    + "the server: register it there, or use the other hooks here");
        }
        String policy = dev.syncwright.http.internal.Policies.name(recipe.policy());
        ReplicaState s = stated != null ? stated : state();
        long watermark = s.knowledge().minimumTick(0);
        List<FetchedItem> rows = new ArrayList<>();
        Set<ItemId> sent = new HashSet<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            Object answer = http.call("apply", w -> {
                w.replicaId(recipe.source()).replicaId(recipe.destination()).bool(recipe.destinationIsRemote()).text(policy);
                w.int64(watermark).batch(batch).int32(rows.size());
                for (FetchedItem f : rows) {
                    List<ReplicaId> ids = f.keys().replicaIds();
                    w.int32(ids.size());
                    ids.forEach(w::replicaId);
                    w.change(f.change());
                }
            }, HttpSyncProvider::readApply);
            if (answer instanceof ApplyPlan plan) {
                return plan;
            }
            @SuppressWarnings("unchecked")
            List<ItemId> needed = (List<ItemId>) answer;
            for (ItemId id : needed) {
                if (sent.add(id)) {
                    recipe.sourceRows().apply(id).ifPresent(rows::add);
                }
            }
        }
        throw new SyncException("The server kept asking for source rows of a batch; giving up on it (the next sync sends it again)");
    }

    private static Object readApply(WireReader in) {
        int kind = in.int32();
        if (kind == Protocol.NEEDS_ROWS) {
            int n = in.count("item ids", 4);
            List<ItemId> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.itemId());
            }
            return ids;
        }
        int received = in.int32();
        int applied = in.int32();
        int skipped = in.int32();
        int deferred = in.int32();
        Knowledge knowledge = in.knowledge();
        int n = in.count("conflicts", 8);
        List<Conflict> conflicts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            conflicts.add(in.conflict());
        }
        return new ApplyPlan(List.of(), knowledge, null, conflicts, received, applied, skipped, deferred);
    }

    @Override
    public Optional<FetchedItem> fetchItem(ItemId id) {
        return http.call("fetch", w -> w.itemId(id), in -> {
            if (!in.bool()) {
                return Optional.empty();
            }
            int n = in.count("replica ids", 4);
            List<ReplicaId> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.replicaId());
            }
            return Optional.of(new FetchedItem(dev.syncwright.core.ReplicaKeyMap.of(ids), in.change()));
        });
    }

    @Override
    public boolean remembersPeers() {
        return true;
    }

    @Override
    public Optional<PeerRecord> peer(ReplicaId peer) {
        if (client == null) {
            // a session first asks the remote what it knows of the local replica (IdentityCheck): that is the client syncing
            client = peer;
            http.session(http.session(), peer.toString());
        }
        return http.call("peer", w -> w.replicaId(peer), in -> in.bool()
                ? Optional.of(new PeerRecord(in.int64(), in.text(), in.int64(), in.bool())) : Optional.empty());
    }

    @Override
    public Optional<ReplicaId> upstream() {
        return http.call("upstream", w -> { }, in -> in.bool() ? Optional.of(in.replicaId()) : Optional.empty());
    }

    @Override
    public Set<ReplicaId> formerIds() {
        return http.call("former", w -> { }, in -> {
            int n = in.count("replica ids", 4);
            Set<ReplicaId> out = new HashSet<>();
            for (int i = 0; i < n; i++) {
                out.add(in.replicaId());
            }
            return out;
        });
    }

    @Override
    public void rememberPeer(ReplicaId peer, PeerRecord r) {
        http.call("remember", w -> w.replicaId(peer).int64(r.epoch()).text(r.nonce()).int64(r.delivered()).bool(r.upstream()),
                WireReader::bool);
    }

    @Override
    public void endSession(boolean success) {
        stated = null;
        try {
            http.callOnce("end", w -> w.bool(success), WireReader::bool);
        } catch (SyncException e) {
            // only the server's log line and its admission of this replica's next session depend on it; both expire on their own
            LOG.debug("Ending the session failed: {}", e.getMessage());
        } finally {
            newSession();
        }
    }
}
