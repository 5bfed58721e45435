package dev.syncwright.core.spi;

import dev.syncwright.core.ReplicaId;
import java.util.Objects;
import java.util.Optional;

/**
 * A replica's answer to a peer asking whether a sync between them has anything to do (ADR 059),
 * read without writing anything.
 *
 * @param replicaId    the answering replica
 * @param knowledge    its knowledge, as {@link SyncProvider#state()} gives it
 * @param forgotten    its forgotten knowledge
 * @param askersRecord what it remembers of the asking replica ({@link SyncProvider#peer})
 * @param quiet        true when it has nothing the asker lacks, its tracking is whole, and it
 *                     remembers the pair's epoch as the asker does: a sync that would only move
 *                     that epoch forward can be left out
 */
public record Probe(ReplicaId replicaId, dev.syncwright.core.Knowledge knowledge, dev.syncwright.core.Knowledge forgotten,
        Optional<PeerRecord> askersRecord, boolean quiet) {
    public Probe {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(forgotten, "forgotten");
        Objects.requireNonNull(askersRecord, "askersRecord");
    }

    /** The answer of a replica that knows {@code state} and remembers the asker as {@code held}. */
    public static Probe of(ReplicaState state, Optional<PeerRecord> held, PeerRecord askersRecord, dev.syncwright.core.Knowledge askersKnowledge) {
        boolean quiet = held.isPresent() && held.get().sameEpoch(askersRecord) && askersKnowledge.contains(state.knowledge());
        return new Probe(state.replicaId(), state.knowledge(), state.forgotten(), held, quiet);
    }
}
