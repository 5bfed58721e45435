package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider that forwards every call to another: extend it to decorate one (metrics, logging,
 * access checks, fault injection in tests) by overriding only what the decoration changes.
 */
public abstract class ForwardingSyncProvider implements SyncProvider {
    protected final SyncProvider delegate;

    protected ForwardingSyncProvider(SyncProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public ReplicaState state() {
        return delegate.state();
    }

    @Override
    public ChangeEnumeration enumerateChanges(EnumerationRequest request) {
        return delegate.enumerateChanges(request);
    }

    @Override
    public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
        return delegate.applyChanges(batch, applier);
    }

    @Override
    public Optional<FetchedItem> fetchItem(ItemId id) {
        return delegate.fetchItem(id);
    }

    /** Forwarded: override with false if the decorated enumeration must not run on another thread. */
    @Override
    public boolean supportsConcurrentEnumeration() {
        return delegate.supportsConcurrentEnumeration();
    }

    @Override
    public boolean remembersPeers() {
        return delegate.remembersPeers();
    }

    @Override
    public Optional<PeerRecord> peer(dev.syncwright.core.ReplicaId peer) {
        return delegate.peer(peer);
    }

    @Override
    public Optional<dev.syncwright.core.ReplicaId> upstream() {
        return delegate.upstream();
    }

    @Override
    public java.util.Set<dev.syncwright.core.ReplicaId> formerIds() {
        return delegate.formerIds();
    }

    @Override
    public void rememberPeer(dev.syncwright.core.ReplicaId peer, PeerRecord record) {
        delegate.rememberPeer(peer, record);
    }

    @Override
    public boolean replacePeer(dev.syncwright.core.ReplicaId peer, Optional<PeerRecord> expected, PeerRecord record) {
        return delegate.replacePeer(peer, expected, record);
    }

    @Override
    public Optional<Probe> probe(dev.syncwright.core.ReplicaId asker, PeerRecord askersRecord, dev.syncwright.core.Knowledge knowledge) {
        return delegate.probe(asker, askersRecord, knowledge);
    }

    @Override
    public dev.syncwright.core.ReplicaId reidentify(long sharedThrough) {
        return delegate.reidentify(sharedThrough);
    }

    @Override
    public void endSession(boolean success) {
        delegate.endSession(success);
    }

    @Override
    public void requireFits(ItemChange change) {
        delegate.requireFits(change);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
