package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import java.util.Optional;

/**
 * A store taking part in synchronization. The runtime calls, per one-way session: {@link #state()}
 * on the destination, {@link #enumerateChanges} on the source, and {@link #applyChanges} on the
 * destination once per batch. Providers do store work only; the runtime's {@link BatchApplier}
 * decides what to write.
 */
public interface SyncProvider extends AutoCloseable {
    /** The replica's id, knowledge and forgotten knowledge, as of now. */
    ReplicaState state();

    /**
     * Enumerates, in item-id order, every item or change unit whose version the destination's
     * knowledge does not contain, in batches closed by this replica's made-with knowledge.
     */
    ChangeEnumeration enumerateChanges(EnumerationRequest request);

    /**
     * Applies one batch atomically: within one transaction, let {@code applier} plan against the
     * local state (through an {@link ApplyContext}), write the plan's item writes, knowledge,
     * forgotten knowledge and conflict records, and commit. Either all of it lands or none.
     */
    ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier);

    /** The full current state of an item (a tombstone or every change unit), if this replica holds it. */
    Optional<FetchedItem> fetchItem(ItemId id);

    /**
     * True if an enumeration of this provider may run on a thread of its own while the runtime
     * applies earlier batches to the destination and calls {@link #fetchItem} (from another thread).
     * The runtime then reads one batch ahead, so the source's reads overlap the destination's writes.
     */
    default boolean supportsConcurrentEnumeration() {
        return false;
    }

    /**
     * Whether this replica remembers its peers ({@link #peer}, {@link #rememberPeer}): a database
     * replica does. When either side of a sync does not, the runtime cannot tell a copied or restored
     * replica from the original (ADR 043) and skips that check.
     */
    default boolean remembersPeers() {
        return false;
    }

    /** What this replica remembers of {@code peer}, if it ever synced with it. */
    default Optional<PeerRecord> peer(ReplicaId peer) {
        return Optional.empty();
    }

    /** The replica this one syncs with as its remote (its server), if it has one. */
    default Optional<ReplicaId> upstream() {
        return Optional.empty();
    }

    /**
     * The ids this replica had before an explicit new identity ({@code syncwright reidentify}, a
     * server restored from a backup): a client whose server was one of them accepts this replica as
     * its server under the new id.
     */
    default java.util.Set<ReplicaId> formerIds() {
        return java.util.Set.of();
    }

    /** Stores what this replica remembers of {@code peer}, durably, before returning. */
    default void rememberPeer(ReplicaId peer, PeerRecord record) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not remember peers");
    }

    /**
     * Stores {@code record} for {@code peer} only if this replica's record of it is still
     * {@code expected}: the same epoch and nonce, or no record when {@code expected} is empty. Returns
     * whether it stored it. The pair's epoch is the token that admits one session of a replica at a
     * time (ADR 057): two sessions that read the same record cannot both move it forward, however
     * many server instances they reach. A database replica compares and writes in one transaction;
     * this default reads, compares and then writes, which is atomic only for a replica that serves
     * one session at a time.
     */
    default boolean replacePeer(ReplicaId peer, Optional<PeerRecord> expected, PeerRecord record) {
        Optional<PeerRecord> now = peer(peer);
        boolean same = now.isPresent() ? expected.isPresent() && now.get().sameEpoch(expected.get()) : expected.isEmpty();
        if (same) {
            rememberPeer(peer, record);
        }
        return same;
    }

    /**
     * Answers, without writing, whether a sync with {@code asker} has anything to do on this side
     * (ADR 059): {@code askersRecord} is what the asker remembers of this replica, and
     * {@code askersKnowledge} its knowledge. A remote answers this first; when it is quiet and the
     * asker has nothing to send either, the sync ends there, one call instead of a session. Empty
     * (the default) when this replica cannot answer: the sync then runs as always. A database
     * replica answers after the check that its tracking is whole, as a session's start does.
     */
    default Optional<Probe> probe(ReplicaId asker, PeerRecord askersRecord, dev.syncwright.core.Knowledge askersKnowledge) {
        return Optional.empty();
    }

    /**
     * Gives this replica a new identity after its history was found stale or forked (a copy of a
     * file whose original synced since, a file restored from a backup): its own changes through
     * local tick {@code sharedThrough} stay those of its former identity (every copy shares them);
     * the later ones become the new identity's, so they travel again; its knowledge forgets the former
     * identity's versions above that tick, so the original's later changes reach it; it forgets its
     * peers. Nothing is lost; what was synced before is not sent again. Returns the new id.
     */
    default ReplicaId reidentify(long sharedThrough) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot take a new identity");
    }

    /** Called once when a session that used this provider ends, successfully or not. */
    default void endSession(boolean success) {}

    /**
     * Refuses, with a {@link dev.syncwright.core.SyncException} naming what is wrong, a change that
     * cannot belong to this replica: an item of a table it does not have, a change unit beyond its
     * columns. A server checks changes from an untrusted body with it before planning them (the
     * plan sizes arrays by the largest unit it sees). The default accepts everything.
     */
    default void requireFits(ItemChange change) {}

    @Override
    default void close() {}
}
