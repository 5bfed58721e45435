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
        REMOTE_STALE
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
