package dev.syncwright.http.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
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
import dev.syncwright.http.Exchange;
import dev.syncwright.http.ScopeResolver;
import dev.syncwright.http.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operations of the protocol on one provider, one request each (docs/protocol.md). */
public final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    private final Target target;
    private final ScopeResolver scopes;
    private final long maxBodyBytes;
    private final Sessions sessions;
    private final Sessions.Tally tally;
    private final boolean relays;

    /**
     * What a request works on: its scope's provider, opened when an operation first needs one (a
     * session's first probe may be answered without, ADR 060).
     */
    public interface Target {
        /** The provider, opened on the first call and the same on every later one; {@link Unavailable} when the scope cannot be served. */
        SyncProvider provider();

        /** A session's first probe answered without a provider, or empty. */
        Optional<Probe> probe(ReplicaId asker, PeerRecord askersRecord, Knowledge askersKnowledge);

        /**
         * Before the request writes as client replica {@code replica}: refused ({@link Unavailable}, 403)
         * when another principal's requests write as it (ADR 064).
         */
        void admit(ReplicaId replica);
    }

    /** The scope of a request cannot be served: answered with this status and code. */
    public static final class Unavailable extends RuntimeException {
        private final int status;
        private final String code;

        public Unavailable(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /**
     * @param tally  the session this request belongs to, or null (untracked)
     * @param relays whether clients may upload other replicas' changes ({@link Claims})
     */
    public Operations(Target target, ScopeResolver scopes, long maxBodyBytes, Sessions sessions, Sessions.Tally tally,
            boolean relays) {
        this.relays = relays;
        this.target = target;
        this.scopes = scopes;
        this.maxBodyBytes = maxBodyBytes;
        this.sessions = sessions;
        this.tally = tally;
    }

    /** Runs {@code op}: refusals of the body are 400, the provider's refusals 409, anything else 500. */
    public void run(String op, InputStream body, Exchange ex) {
        WireReader in = new WireReader(body, maxBodyBytes);
        try {
            switch (op) {
                case "state" -> state(ex);
                case "changes" -> changes(in, ex);
                case "apply" -> apply(in, ex);
                case "fetch" -> fetch(in, ex);
                case "peer" -> peer(in, ex);
                case "remember" -> remember(in, ex);
                case "replace" -> replace(in, ex);
                case "probe" -> probe(in, ex);
                case "upstream" -> upstream(ex);
                case "former" -> former(ex);
                case "end" -> end(in, ex);
                case "definition" -> definition(in, ex);
                default -> Errors.send(ex, 404, "NOT_FOUND", "No such operation: " + op);
            }
        } catch (Unavailable e) {
            Errors.send(ex, e.status, e.code, e.getMessage());
        } catch (WireFormatException e) {
            Errors.send(ex, 400, "BAD_REQUEST", e.getMessage());
        } catch (SyncException e) {
            // the replica refused (tracking not whole, a scope of an older format, damaged metadata): the client can act on it
            Errors.send(ex, 409, "REFUSED", e.getMessage());
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Operation {} failed", op, e);
            Errors.send(ex, 500, "SERVER_ERROR", "The server failed (" + e.getClass().getSimpleName() + "); it logged the cause");
        }
    }

    private void state(Exchange ex) {
        ReplicaState s = target.provider().state();
        if (tally != null) {
            tally.stateServed = true;
        }
        respond(ex, w -> w.replicaId(s.replicaId()).knowledge(s.knowledge()).knowledge(s.forgotten()));
    }

    private void changes(WireReader in, Exchange ex) {
        EnumerationRequest request = in.request();
        requireEnd(in);
        try (ChangeEnumeration e = target.provider().enumerateChanges(request); OutputStream out = compressed(ex)) {
            WireWriter w = new WireWriter(out);
            w.bool(e.estimatedChanges().isPresent()).int64(e.estimatedChanges().orElse(0));
            try {
                while (e.hasNext()) {
                    ChangeBatch b = e.next();
                    w.int32(Protocol.FRAME_BATCH).batch(b);
                    if (tally != null) {
                        tally.batchesDown.incrementAndGet();
                        tally.rowsDown.addAndGet(b.changes().size());
                    }
                    w.flush();
                    out.flush(); // each batch reaches the client as soon as it is read: memory stays one batch
                }
                w.int32(Protocol.FRAME_END);
            } catch (RuntimeException failure) {
                // the response has begun: the failure travels as the stream's last frame
                LOG.warn("Enumeration failed after the stream began", failure);
                w.int32(Protocol.FRAME_ERROR).text(String.valueOf(failure.getMessage()));
            }
            w.flush();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private void apply(WireReader in, Exchange ex) {
        ReplicaId source = in.replicaId();
        ReplicaId destination = in.replicaId();
        boolean destinationIsRemote = in.bool();
        String policy = in.text();
        long stated = in.int64();
        ChangeBatch batch = in.batch();
        int n = in.count("source rows", 8);
        Map<ItemId, FetchedItem> rows = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int keys = in.count("replica ids", 4);
            List<ReplicaId> ids = new ArrayList<>(keys);
            for (int k = 0; k < keys; k++) {
                ids.add(in.replicaId());
            }
            FetchedItem f = new FetchedItem(keyMap(ids), in.change());
            WireReader.requireKeys(f.change(), ids.size(), "its key map");
            rows.put(f.change().itemId(), f);
        }
        requireEnd(in);
        SyncProvider provider = target.provider();
        target.admit(source);
        try {
            batch.changes().forEach(provider::requireFits);
            rows.values().forEach(f -> provider.requireFits(f.change()));
        } catch (SyncException e) {
            throw new WireFormatException(e.getMessage(), e);
        }
        ReplicaState self = provider.state();
        if (!self.replicaId().equals(destination)) {
            throw new WireFormatException("This batch is for replica " + destination + ", but this server is replica " + self.replicaId());
        }
        Claims.require(batch, source, self, provider::formerIds, relays);
        BatchApplier.Recipe recipe = new BatchApplier.Recipe(source, destination, destinationIsRemote, Policies.parse(policy), null, false);
        Set<ItemId> needed = new LinkedHashSet<>();
        BatchApplier inner = BatchApplier.of(batch, recipe, id -> {
            FetchedItem f = rows.get(id);
            if (f == null) {
                needed.add(id);
            }
            return Optional.ofNullable(f);
        });
        scopes.restate(provider, stated);
        ApplyPlan plan;
        try {
            plan = provider.applyChanges(batch, ctx -> {
                ApplyPlan p = inner.plan(ctx);
                if (!needed.isEmpty()) {
                    throw new NeedsRows(); // rolls the batch back: it is applied again with the rows
                }
                return p;
            });
        } catch (NeedsRows e) {
            respond(ex, w -> {
                w.int32(Protocol.NEEDS_ROWS).int32(needed.size());
                needed.forEach(w::itemId);
            });
            return;
        }
        if (tally != null) {
            tally.batchesUp.incrementAndGet();
            tally.rowsUp.addAndGet(plan.received());
            tally.conflicts.addAndGet(plan.conflicts().size());
        }
        respond(ex, w -> {
            w.int32(Protocol.APPLIED).int32(plan.received()).int32(plan.applied()).int32(plan.skipped()).int32(plan.deferred());
            w.knowledge(plan.newKnowledge());
            w.int32(plan.conflicts().size());
            for (Conflict c : plan.conflicts()) {
                w.conflict(c);
            }
        });
    }

    private void fetch(WireReader in, Exchange ex) {
        ItemId id = in.itemId();
        requireEnd(in);
        Optional<FetchedItem> f = target.provider().fetchItem(id);
        respond(ex, w -> {
            w.bool(f.isPresent());
            if (f.isPresent()) {
                List<ReplicaId> ids = f.get().keys().replicaIds();
                w.int32(ids.size());
                ids.forEach(w::replicaId);
                w.change(f.get().change());
            }
        });
    }

    private void peer(WireReader in, Exchange ex) {
        ReplicaId peer = in.replicaId();
        requireEnd(in);
        Optional<PeerRecord> r = target.provider().peer(peer);
        respond(ex, w -> w.optionalPeerRecord(r));
    }

    private void remember(WireReader in, Exchange ex) {
        ReplicaId peer = in.replicaId();
        PeerRecord r = in.peerRecord();
        requireEnd(in);
        target.admit(peer);
        target.provider().rememberPeer(peer, r);
        respond(ex, w -> w.bool(true));
    }

    /**
     * Is there anything to do (ADR 059)? Answered as a session's first request is (the tracking check,
     * then the state), with the server's record of the asker, and nothing written. After a quiet
     * answer the client may send nothing more: the session is then logged as quiet when it expires.
     */
    private void probe(WireReader in, Exchange ex) {
        ReplicaId asker = in.replicaId();
        PeerRecord record = in.epoch();
        Knowledge knowledge = in.knowledge();
        requireEnd(in);
        Probe p = target.probe(asker, record, knowledge).or(() -> target.provider().probe(asker, record, knowledge))
                .orElseThrow(() -> new SyncException("This replica cannot answer a probe"));
        if (tally != null) {
            tally.stateServed = true;
            if (p.quiet()) {
                sessions.quiet(tally); // a client with nothing to send either sends nothing more, not even `end`
            }
        }
        respond(ex, w -> {
            w.replicaId(p.replicaId()).knowledge(p.knowledge()).knowledge(p.forgotten()).optionalPeerRecord(p.askersRecord())
                    .bool(p.quiet());
        });
    }

    /** A compare-and-set of a peer record (ADR 057): written only over the expected epoch and nonce. */
    private void replace(WireReader in, Exchange ex) {
        ReplicaId peer = in.replicaId();
        Optional<PeerRecord> expected = in.bool() ? Optional.of(in.epoch()) : Optional.empty();
        PeerRecord r = in.peerRecord();
        requireEnd(in);
        target.admit(peer);
        boolean replaced = target.provider().replacePeer(peer, expected, r);
        respond(ex, w -> w.bool(replaced));
    }

    private void upstream(Exchange ex) {
        Optional<ReplicaId> up = target.provider().upstream();
        respond(ex, w -> {
            w.bool(up.isPresent());
            up.ifPresent(w::replicaId);
        });
    }

    private void former(Exchange ex) {
        Set<ReplicaId> ids = target.provider().formerIds();
        respond(ex, w -> {
            w.int32(ids.size());
            ids.forEach(w::replicaId);
        });
    }

    /** The scope as a new client needs it to create its tables: its definition and what the server's columns hold, as JSON. */
    private void definition(WireReader in, Exchange ex) {
        requireEnd(in);
        Optional<dev.syncwright.jdbc.ServerScope> d = scopes.describe(target.provider());
        if (d.isEmpty()) {
            Errors.send(ex, 404, "NOT_FOUND", "This server cannot describe its scope; set the client up another way");
            return;
        }
        String json = ScopeJson.write(d.get());
        respond(ex, w -> w.text(json));
    }

    /** The client says its session ended: the session's log line, and its replica may start another at once. */
    private void end(WireReader in, Exchange ex) {
        boolean success = in.bool();
        requireEnd(in);
        if (tally != null) {
            sessions.end(tally, success);
        }
        respond(ex, w -> w.bool(true));
    }

    static ReplicaKeyMap keyMap(List<ReplicaId> ids) {
        try {
            return ReplicaKeyMap.of(ids);
        } catch (RuntimeException e) {
            throw new WireFormatException("Not a replica key map: " + e.getMessage(), e);
        }
    }

    private static void requireEnd(WireReader in) {
        if (!in.atEnd()) {
            throw new WireFormatException("The body goes on after its last field");
        }
    }

    private interface Body {
        void write(WireWriter w);
    }

    private static void respond(Exchange ex, Body body) {
        try (OutputStream out = compressed(ex)) {
            WireWriter w = new WireWriter(out);
            body.write(w);
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 200 answer in the best coding the request accepts; each flush sends what was written. */
    private static OutputStream compressed(Exchange ex) throws IOException {
        String coding = Codings.answerIn(ex.header("Accept-Encoding"));
        return Codings.compress(coding, ex.respond(200, Protocol.CONTENT_TYPE, "Content-Encoding", coding), true);
    }

    /** Thrown inside the batch's transaction when the applier needs source rows the request did not carry. */
    private static final class NeedsRows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsRows() {
            super("source rows needed", null, false, false);
        }
    }
}
