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
import dev.syncwright.core.spi.Probe;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.http.internal.HttpCalls;
import dev.syncwright.http.internal.Protocol;
import dev.syncwright.http.internal.RemoteEnumeration;
import dev.syncwright.http.internal.WireReader;
import java.net.URI;
import java.nio.file.Path;
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
    /*
     * What this session learned of the server, so that a session asks once (ADR 056): its state, and
     * its record of the client replica. The server's knowledge only grows, and every use a session
     * makes of it tolerates an older value (a destination knowledge that is older sends more, which
     * the server skips; a delivered mark is never written older than what the client holds of the
     * server's versions: a restored server's reidentify relies on it, see holds()); an apply's answer brings the
     * knowledge up to date. The record is what the server answered or what this session wrote.
     */
    private volatile ReplicaState stated;
    private volatile ReplicaId client;
    private volatile Optional<PeerRecord> clientRecord;
    /** Whether a stream of this session carried changes (rather than knowledge alone). */
    private volatile boolean received;
    /** The server's own tick in the knowledge it stated when the session began: applies judge its local writes by it. */
    private volatile long watermark;
    /** Whether the server answered this session's probe quiet: with no call after it, the sync was quiet (ADR 059). */
    private volatile boolean quiet;
    /** False once the server said it has no {@code probe} (a server from before ADR 059). */
    private volatile boolean probes = true;

    private HttpSyncProvider(HttpCalls http) {
        this.http = http;
        newSession();
    }

    private void newSession() {
        client = null;
        clientRecord = null;
        stated = null;
        received = false;
        quiet = false;
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

    /** The scope this provider syncs. */
    public String scope() {
        return http.scope();
    }

    /**
     * Starts a new SQLite client at {@code target} (a file that must not exist) from the scope's
     * snapshot, when the server keeps one (ADR 066): downloaded, checked against the length and
     * SHA-256 the server announced, forced to the disk and adopted (a replica id of its own) before it
     * takes its name. Empty when the server keeps none: the first sync then downloads row by row.
     * Open it as any client ({@code SqliteClients}, {@code JdbcSyncProvider.openClient}) and sync: the
     * first sync downloads what changed since the snapshot, and is refused if this server is not the
     * one the snapshot came from. {@code timeout}: for the server to start answering (the file then
     * streams for as long as it takes).
     */
    public Optional<FetchedSnapshot> startFromSnapshot(Path target, Duration timeout) {
        return dev.syncwright.http.internal.SnapshotDownload.fetch(http, target, timeout);
    }

    /**
     * One request (ADR 059): the server's state and its record of the client, read as a session's
     * first request reads them, with whether there is anything to do. When there is, they serve
     * the session that follows as its {@code state} and {@code peer} answers would have.
     */
    @Override
    public Optional<Probe> probe(ReplicaId asker, PeerRecord askersRecord, Knowledge askersKnowledge) {
        if (client == null) {
            client = asker;
            http.session(http.session(), asker.toString());
        }
        if (!probes) {
            return Optional.empty();
        }
        Probe p;
        try {
            p = http.call("probe", w -> w.replicaId(asker).epoch(askersRecord).knowledge(askersKnowledge),
                    in -> new Probe(in.replicaId(), in.knowledge(), in.knowledge(), in.optionalPeerRecord(), in.bool()));
        } catch (dev.syncwright.http.internal.ServerRefusal e) {
            if (e.status() != 404 || !"NOT_FOUND".equals(e.code())) {
                throw e;
            }
            probes = false; // a server from before ADR 059: its syncs run as they did then
            return Optional.empty();
        }
        if (stated == null) {
            stated = new ReplicaState(p.replicaId(), p.knowledge(), p.forgotten());
            watermark = p.knowledge().minimumTick(0);
        }
        if (asker.equals(client)) {
            clientRecord = p.askersRecord();
        }
        quiet = p.quiet();
        return Optional.of(p);
    }

    /** The server's state as this session first read it, with the knowledge its applies returned since. */
    @Override
    public ReplicaState state() {
        ReplicaState s = stated;
        if (s == null) {
            s = http.call("state", w -> { }, in -> new ReplicaState(in.replicaId(), in.knowledge(), in.knowledge()));
            watermark = s.knowledge().minimumTick(0);
            stated = s;
        }
        return s;
    }

    @Override
    public ChangeEnumeration enumerateChanges(EnumerationRequest request) {
        return new RemoteEnumeration(http.stream("changes", w -> w.request(request)), () -> received = true);
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
        ReplicaState s = state();
        if (batch.teachesNothingTo(recipe.source(), s.knowledge())) {
            // an idle sync's upload: an empty batch whose knowledge the server holds already would apply nothing
            return new ApplyPlan(List.of(), s.knowledge(), null, List.of(), 0, 0, 0, 0);
        }
        long watermark = this.watermark;
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
                stated = new ReplicaState(s.replicaId(), plan.newKnowledge(), s.forgotten());
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
        Optional<PeerRecord> known = peer.equals(client) ? clientRecord : null;
        if (known != null) {
            return known;
        }
        Optional<PeerRecord> r = http.call("peer", w -> w.replicaId(peer), WireReader::optionalPeerRecord);
        if (peer.equals(client)) {
            clientRecord = r;
        }
        return r;
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
        boolean mine = peer.equals(client);
        if (mine && clientRecord != null && clientRecord.isPresent() && holds(clientRecord.get(), r)) {
            return;
        }
        http.call("remember", w -> w.replicaId(peer).peerRecord(r),
                WireReader::bool);
        if (mine) {
            clientRecord = Optional.of(r);
        }
    }

    /** The server compares and writes in one transaction (ADR 057); a refusal forgets the cached record. */
    @Override
    public boolean replacePeer(ReplicaId peer, Optional<PeerRecord> expected, PeerRecord r) {
        boolean mine = peer.equals(client);
        if (mine && clientRecord != null && clientRecord.isPresent() && expected.isPresent()
                && clientRecord.get().sameEpoch(expected.get()) && holds(clientRecord.get(), r)) {
            return true;
        }
        boolean replaced = http.call("replace", w -> {
            w.replicaId(peer).bool(expected.isPresent());
            expected.ifPresent(w::epoch);
            w.peerRecord(r);
        }, WireReader::bool);
        if (mine) {
            clientRecord = replaced ? Optional.of(r) : null;
        }
        return replaced;
    }

    /**
     * Whether the server's record {@code held} (read or written by this session) already says what
     * {@code wanted} says (ADR 056). The same record: nothing to write. Only a later delivered mark,
     * in a session whose streams carried no change: the mark moved over ticks the server spent on
     * its watermark alone, which stamp no version, so the older mark names the same changes. A mark
     * that lags over a version the client holds is not harmless: a restored server's reidentify
     * would restamp that version as a new change, which can win over the client's later edit.
     */
    private boolean holds(PeerRecord held, PeerRecord wanted) {
        return held.equals(wanted) || (!received && held.epoch() == wanted.epoch() && held.nonce().equals(wanted.nonce())
                && held.upstream() == wanted.upstream() && held.delivered() <= wanted.delivered());
    }

    @Override
    public void endSession(boolean success) {
        if (quiet && success && http.calls() == 1) {
            newSession(); // a quiet sync: the probe was all of it, and the server logs it as such (ADR 059)
            return;
        }
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
