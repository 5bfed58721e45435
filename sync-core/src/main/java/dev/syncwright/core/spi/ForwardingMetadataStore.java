package dev.syncwright.core.spi;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictLogEntry;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A metadata store that forwards every call to another: extend it to decorate one (a store whose
 * data must be saved just before the metadata commits, caching, metrics) by overriding only what
 * the decoration changes.
 */
public abstract class ForwardingMetadataStore implements MetadataStore {
    protected final MetadataStore delegate;

    protected ForwardingMetadataStore(MetadataStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public ReplicaId replicaId() {
        return delegate.replicaId();
    }

    @Override
    public long tickCount() {
        return delegate.tickCount();
    }

    @Override
    public long nextTick() {
        return delegate.nextTick();
    }

    @Override
    public Knowledge knowledge() {
        return delegate.knowledge();
    }

    @Override
    public void saveKnowledge(Knowledge knowledge) {
        delegate.saveKnowledge(knowledge);
    }

    @Override
    public Knowledge forgottenKnowledge() {
        return delegate.forgottenKnowledge();
    }

    @Override
    public void saveForgottenKnowledge(Knowledge forgotten) {
        delegate.saveForgottenKnowledge(forgotten);
    }

    @Override
    public ItemMetadata item(ItemId id) {
        return delegate.item(id);
    }

    @Override
    public void putItem(ItemMetadata metadata) {
        delegate.putItem(metadata);
    }

    @Override
    public void removeItem(ItemId id) {
        delegate.removeItem(id);
    }

    @Override
    public Iterator<ItemMetadata> items(ItemId from, ItemId toExclusive) {
        return delegate.items(from, toExclusive);
    }

    @Override
    public Iterator<ItemMetadata> itemsChangedAfter(long tick) {
        return delegate.itemsChangedAfter(tick);
    }

    @Override
    public ItemMetadata findByCustomField(int field, Object value) {
        return delegate.findByCustomField(field, value);
    }

    @Override
    public void logConflict(Conflict conflict) {
        delegate.logConflict(conflict);
    }

    @Override
    public void resolveConflicts(ItemId id) {
        delegate.resolveConflicts(id);
    }

    @Override
    public List<ConflictLogEntry> conflictLog() {
        return delegate.conflictLog();
    }

    @Override
    public void begin() {
        delegate.begin();
    }

    @Override
    public void commit() {
        delegate.commit();
    }

    @Override
    public void rollback() {
        delegate.rollback();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
