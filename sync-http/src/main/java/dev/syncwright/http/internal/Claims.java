package dev.syncwright.http.internal;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.http.WireFormatException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What an uploading client may claim (ADR 058). A batch's knowledge becomes the server's, and from
 * there every client's: a claim of versions no one sent would make every replica skip the real
 * changes when they come, silently. So a client may claim its own versions, the versions of the
 * server's former ids (a restored server's clients send back what the backup lost, ADR 043), and of
 * any other replica only what the server itself holds. The server's own versions are never
 * claimable beyond what it holds, even where relays are allowed: no one holds a tick the server has
 * not issued.
 */
final class Claims {
    private Claims() {
    }

    /**
     * Refuses {@code batch} from {@code source} if it claims versions the server cannot hold from it.
     * @param formerIds the server's former ids, asked only when a claim needs them
     * @param relays    whether clients may bring other replicas' changes (a mesh of trusted peers)
     */
    static void require(ChangeBatch batch, ReplicaId source, ReplicaState self, Supplier<Set<ReplicaId>> formerIds, boolean relays) {
        Knowledge held = self.knowledge();
        Knowledge claimed = batch.madeWith().project(batch.rangeStart(), batch.rangeEndExclusive());
        ReplicaKeyMap keys = claimed.keys();
        Set<ReplicaId> former = null;
        for (int k = 0; k < keys.size(); k++) {
            ReplicaId x = keys.replicaId(k);
            if (!bounded(x, source, self, relays)) {
                continue;
            }
            if (!held.contains(only(claimed, k))) {
                former = former != null ? former : formerIds.get();
                if (!former.contains(x)) {
                    throw new WireFormatException("The batch claims versions of replica " + x + " that this server does not hold"
                            + refusal(x, source, self));
                }
            }
        }
        // per key of the batch, once: whether its versions are bounded, and its key in the server's knowledge
        boolean[] checked = new boolean[keys.size()];
        int[] heldKey = new int[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            checked[k] = bounded(keys.replicaId(k), source, self, relays);
            heldKey[k] = held.keys().keyOf(keys.replicaId(k));
        }
        for (ItemChange c : batch.changes()) {
            int units = c.isTombstone() ? 0 : c.unitCount();
            for (int i = -2; i < units; i++) { // -2: the creation, -1: the deletion, then each unit
                Version v = i == -2 ? c.creationVersion() : i == -1 ? c.deletionVersion() : c.version(i);
                if (v == null || !checked[v.replicaKey()]) {
                    continue;
                }
                int key = heldKey[v.replicaKey()];
                boolean holds = key >= 0 && (i < 0 ? held.contains(c.itemId(), Version.of(key, v.tick()))
                        : held.contains(c.itemId(), c.unit(i), Version.of(key, v.tick())));
                if (!holds) {
                    ReplicaId x = keys.replicaId(v.replicaKey());
                    former = former != null ? former : formerIds.get();
                    if (!former.contains(x)) {
                        throw new WireFormatException("The batch carries a change of item " + c.itemId() + " made by replica " + x
                                + " that this server does not hold" + refusal(x, source, self));
                    }
                }
            }
        }
    }

    /** Whether claims of {@code x} are bounded by what the server holds. */
    private static boolean bounded(ReplicaId x, ReplicaId source, ReplicaState self, boolean relays) {
        return x.equals(self.replicaId()) || (!relays && !x.equals(source));
    }

    private static String refusal(ReplicaId x, ReplicaId source, ReplicaState self) {
        return x.equals(self.replicaId())
                ? ": a version of this server's own that it never issued. The client's knowledge is forged or damaged, or it synced with "
                        + "a copy of this server's database; nothing was applied."
                : ": client " + source + " may send its own changes, and changes of other replicas only where the server allows "
                        + "relays (`--allow-relays`, `syncwright.server.allow-relays`); nothing was applied.";
    }

    /** {@code k} alone of {@code knowledge}: every other replica's entries dropped. */
    private static Knowledge only(Knowledge knowledge, int k) {
        Knowledge out = knowledge;
        for (int other = 0; other < knowledge.keys().size(); other++) {
            if (other != k) {
                out = out.withTickAtMost(other, 0);
            }
        }
        return out;
    }
}
