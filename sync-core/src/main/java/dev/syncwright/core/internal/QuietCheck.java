package dev.syncwright.core.internal;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.Probe;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import java.util.Optional;

/**
 * Before a sync: would it do anything at all (ADR 059)? A sync whose remote has nothing the local
 * replica lacks, whose local replica has nothing the remote lacks, and whose pair still shares the
 * epoch both remember, would exchange nothing but a new epoch. It ends after one call to the remote,
 * and writes nothing on either side. Anything else, including any doubt, runs the sync as always.
 */
public final class QuietCheck {
    private QuietCheck() {
    }

    /** The two replicas of a quiet sync. */
    public record Quiet(ReplicaId local, ReplicaId remote) {}

    /**
     * The replicas, when the sync of {@code local} with {@code remote} is quiet; empty when it may do anything.
     * @param upload   whether the sync uploads: the local replica's changes count
     * @param download whether it downloads: the remote's count
     */
    public static Optional<Quiet> quiet(SyncProvider local, SyncProvider remote, boolean upload, boolean download, int batchRows,
            long batchBytes) {
        if (!local.remembersPeers() || !remote.remembersPeers()) {
            return Optional.empty();
        }
        Optional<ReplicaId> up = local.upstream();
        Optional<PeerRecord> mine = up.flatMap(local::peer);
        if (mine.isEmpty()) {
            return Optional.empty(); // a first sync, or a replica that is nobody's client: the identity check decides
        }
        ReplicaState self = local.state();
        Optional<Probe> answer = remote.probe(self.replicaId(), mine.get(), self.knowledge());
        if (answer.isEmpty() || !answer.get().replicaId().equals(up.get())) {
            return Optional.empty(); // another replica than the upstream: the identity check refuses it, by name
        }
        Probe p = answer.get();
        if (download && !p.quiet()) {
            return Optional.empty();
        }
        if (!p.askersRecord().isPresent() || !p.askersRecord().get().sameEpoch(mine.get())) {
            return Optional.empty(); // a copy, a restored backup or a restored server: the identity check finds out which
        }
        if (!upload) {
            return Optional.of(new Quiet(self.replicaId(), p.replicaId()));
        }
        if (!p.knowledge().contains(self.forgotten())) {
            return Optional.empty(); // the remote needs a full enumeration
        }
        // what an upload would send: every batch must teach the remote nothing
        EnumerationRequest request = new EnumerationRequest(p.knowledge(), p.forgotten(), false, batchRows, batchBytes);
        try (ChangeEnumeration e = local.enumerateChanges(request)) {
            while (e.hasNext()) {
                ChangeBatch b = e.next();
                if (!b.teachesNothingTo(self.replicaId(), p.knowledge())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Quiet(self.replicaId(), p.replicaId()));
    }
}
