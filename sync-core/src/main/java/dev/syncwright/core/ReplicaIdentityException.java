package dev.syncwright.core;

/**
 * A sync refused because one side is not the replica the other remembers (ADR 043): the remote is
 * another replica than this one's server (re-provisioned, another database), or was restored from a
 * backup. The message names both replicas and the command that recovers.
 */
public final class ReplicaIdentityException extends SyncException {
    private static final long serialVersionUID = 1L;

    /** What was found. */
    public enum Kind {
        /** The remote is another replica than the one this replica syncs with as its server. */
        OTHER_REMOTE,
        /** The remote remembers an older state of the pair than this replica: restored from a backup, or a copy. */
        REMOTE_STALE,
        /**
         * Another session of the same replica id moved the pair's epoch while this one checked it: the
         * replica syncing twice at once, or a copy of it syncing at the same time (ADR 057). Nothing was
         * exchanged; the next sync runs the check again.
         */
        CONCURRENT_SESSION
    }

    private final Kind kind;

    public ReplicaIdentityException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
