package dev.syncwright.core.internal;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaIdentityException;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.SyncProvider;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Before a sync: is each side the replica the other remembers (ADR 043)? Both remember their pair's
 * epoch; every sync moves it forward, the remote first. A copied or restored local replica shows an
 * older epoch than the remote (or none it knows), takes a new identity and syncs on, nothing lost. A
 * remote that shows an older epoch, or is another replica than the local one's server, is refused.
 */
public final class IdentityCheck {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.lang.System.Logger LOG = System.getLogger(IdentityCheck.class.getName());

    private IdentityCheck() {
    }

    /** Runs the check and moves the pair's epoch forward; returns whether the local replica took a new identity. */
    public static boolean before(SyncProvider local, SyncProvider remote) {
        if (!local.remembersPeers() || !remote.remembersPeers()) {
            return false;
        }
        ReplicaId l = local.state().replicaId();
        ReplicaId r = remote.state().replicaId();
        Optional<ReplicaId> up = local.upstream();
        if (up.isPresent() && !up.get().equals(r) && remote.formerIds().contains(up.get())) {
            // the server took a new identity (restored from a backup, then `syncwright reidentify`): the same
            // server, and this replica's knowledge of its former id is what lets it send back what the backup lost
            LOG.log(System.Logger.Level.INFO, "Replica {0}, the server of {1}, continues as replica {2}", up.get(), l, r);
        } else if (up.isPresent() && !up.get().equals(r)) {
            throw new ReplicaIdentityException(ReplicaIdentityException.Kind.OTHER_REMOTE, "This replica (" + l + ") syncs with replica "
                    + up.get() + " as its server, but the remote is replica " + r + ": the server's scope was provisioned again, or "
                    + "this is another database. Syncing would take one for the other (deleted rows could come back, edits be "
                    + "overwritten). If the remote is the server now, run `syncwright reinitialize`: it keeps this replica's "
                    + "unsynced changes, takes the remote's rows and sends those changes again.");
        }
        Optional<PeerRecord> mine = local.peer(r);
        Optional<PeerRecord> theirs = remote.peer(l);
        boolean reidentified = false;
        if (theirs.isPresent() && (mine.isEmpty() || mine.get().epoch() < theirs.get().epoch()
                || (mine.get().epoch() == theirs.get().epoch() && !mine.get().sameEpoch(theirs.get())))) {
            // the remote remembers a later state of this pair than this replica does: this replica is a copy
            // of a file whose original synced since, or a restored backup
            long shared = mine.map(PeerRecord::delivered).orElse(0L);
            ReplicaId fresh = local.reidentify(shared);
            LOG.log(System.Logger.Level.WARNING, "Replica {0} is a copy or a restored backup of a replica that synced with {1} "
                    + "since; it continues as replica {2}, its changes after local tick {3} sent again", l, r, fresh, shared);
            l = fresh;
            mine = Optional.empty();
            theirs = Optional.empty();
            reidentified = true;
        } else if (mine.isPresent() && (theirs.isEmpty() || mine.get().epoch() > theirs.get().epoch())) {
            throw new ReplicaIdentityException(ReplicaIdentityException.Kind.REMOTE_STALE, "The remote replica " + r
                    + (theirs.isEmpty() ? " does not remember this replica (" + l + ")" : " remembers an older state of its syncs with "
                    + "this replica (" + l + ": epoch " + theirs.get().epoch() + ", here " + mine.get().epoch() + ")")
                    + ": it was restored from a backup, or is a copy of the database this replica synced with. Its clock may hand "
                    + "out versions that its peers already hold for other changes. Give it a new identity first with "
                    + "`syncwright reidentify --db <remote> --scope <scope>`; this replica then sends it what it lost.");
        }
        String nonce = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        long epoch = Math.max(mine.map(PeerRecord::epoch).orElse(0L), theirs.map(PeerRecord::epoch).orElse(0L)) + 1;
        // the remote first: should this process die in between, the local replica is the one that looks stale
        // next time, and a new identity is the recovery that loses nothing. Only over the record read above
        // (ADR 057): two sessions of one replica id (a copy syncing at the same moment, through another server
        // instance) that both passed the check cannot both move the epoch, so they never both send changes
        // under one id
        if (!remote.replacePeer(l, theirs, new PeerRecord(epoch, nonce, theirs.map(PeerRecord::delivered).orElse(0L), false))) {
            throw new ReplicaIdentityException(ReplicaIdentityException.Kind.CONCURRENT_SESSION, "Another session of replica "
                    + l + " with replica " + r + " moved their epoch while this session checked it: the same replica syncing "
                    + "twice at once, or a copy of this database syncing at the same time. Nothing was exchanged. Sync again "
                    + "once the other session has ended (a copy then continues under a new identity, nothing lost).");
        }
        local.rememberPeer(r, new PeerRecord(epoch, nonce, mine.map(PeerRecord::delivered).orElse(0L),
                up.isPresent() || mine.isEmpty() || mine.get().upstream()));
        return reidentified;
    }

    /** After a completed one-way session: the source's changes the destination now knows, in the source's memory of it. */
    public static void delivered(SyncProvider source, SyncProvider destination) {
        if (!source.remembersPeers() || !destination.remembersPeers()) {
            return;
        }
        var src = source.state();
        var dst = destination.state();
        int key = dst.knowledge().keys().keyOf(src.replicaId());
        long through = key < 0 ? 0 : dst.knowledge().minimumTick(key);
        // over the record as read: a record another session moved meanwhile keeps its own epoch (ADR 057)
        source.peer(dst.replicaId()).ifPresent(p -> source.replacePeer(dst.replicaId(), Optional.of(p), p.withDelivered(through)));
    }
}
