package dev.syncwright.jdbc;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.jdbc.internal.Identity;
import dev.syncwright.jdbc.internal.Reset;
import dev.syncwright.jdbc.internal.Unsynced;

/**
 * The recoveries a {@link dev.syncwright.core.ReplicaIdentityException} names (ADR 043).
 *
 * <ul>
 *   <li>{@link #reinitialize}: a client whose server is now another replica (the scope provisioned
 *       again, another database). Its unsynced changes are written into the new server first, then
 *       it starts afresh from it, as a new device would, and is verified equal.</li>
 *   <li>{@link #reidentify}: a server restored from a backup. It takes a new identity, so that its
 *       clock cannot hand out versions its clients hold for other changes; it stays their server,
 *       and each sends back what the backup lost on its next sync.</li>
 * </ul>
 */
public final class Recovery {
    private Recovery() {
    }

    /** What {@link #reinitialize} did: the client's ids, the rows it kept, the download, and the check that followed. */
    public record Reinitialized(ReplicaId formerId, ReplicaId newId, int keptRows, SyncResult download, Verification.Result check) {}

    /**
     * Makes {@code client} a new replica of {@code server}, keeping its unsynced changes: those are
     * written into the server (in one transaction, under its triggers, the client's values winning
     * for the columns it changed), then the client's rows and metadata are emptied and the scope is
     * downloaded. Should it stop in between, running it again completes it: the changes written are
     * written again unchanged, and a download resumes.
     */
    public static Reinitialized reinitialize(JdbcSyncProvider client, JdbcSyncProvider server) {
        ReplicaId former = client.state().replicaId();
        Identity identity = new Identity(client.scope());
        long delivered = identity.upstream().flatMap(identity::peer).map(PeerRecord::delivered).orElse(0L);
        int kept = Unsynced.push(client.scope(), server.scope(), delivered);
        ReplicaId fresh = Reset.wipe(client.scope());
        SyncResult download = SyncOrchestrator.between(client, server).direction(SyncDirection.DOWNLOAD).run();
        return new Reinitialized(former, fresh, kept, download, Verification.compare(client, server));
    }

    /**
     * Gives a replica restored from a backup a new identity. Its versions through the last tick it
     * knows a peer received stay its former id's (its clients hold the same ones); its later versions
     * (unsynced before the backup, or written since the restore: ticks its clients may hold for
     * changes the backup lost) become the new id's and travel again; its knowledge of its former id
     * stops at that tick, so its clients send back what the backup lost. Its clients accept it as
     * their server under the new id. Returns the new id.
     */
    public static ReplicaId reidentify(JdbcSyncProvider replica) {
        Identity identity = new Identity(replica.scope());
        return identity.reidentify(identity.deliveredToAny(), true);
    }
}
