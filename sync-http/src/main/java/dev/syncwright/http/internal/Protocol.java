package dev.syncwright.http.internal;

/** The constants of the sync protocol (docs/protocol.md). */
public final class Protocol {
    /** Bumped when a body or an endpoint changes incompatibly; both sides name theirs in every request and error. */
    public static final int VERSION = 1;
    public static final String VERSION_HEADER = "Syncwright-Protocol";
    /** The client's name for one sync (one orchestrator run), and the client replica it syncs: for admission and the session log. */
    public static final String SESSION_HEADER = "Syncwright-Session";
    public static final String REPLICA_HEADER = "Syncwright-Replica";
    public static final String CLIENT_HEADER = "Syncwright-Client";
    public static final String BASE = "/syncwright/v1/";
    public static final String HEALTH = "/syncwright/health";
    public static final String READY = "/syncwright/ready";
    public static final String CONTENT_TYPE = "application/vnd.syncwright.v1";
    /** The one GET: a scope's snapshot, a SQLite file (ADR 066), with its digest and the server it came from. */
    public static final String SNAPSHOT = "snapshot";
    public static final String SNAPSHOT_TYPE = "application/vnd.sqlite3";
    public static final String SNAPSHOT_SHA256_HEADER = "Syncwright-Snapshot-Sha256";
    /** The snapshot's CRC-32C, decimal: what the client checks the file it received with. */
    public static final String SNAPSHOT_CRC32C_HEADER = "Syncwright-Snapshot-Crc32c";
    public static final String SNAPSHOT_SERVER_HEADER = "Syncwright-Snapshot-Server";
    public static final String ERROR_TYPE = "application/json";

    /** Frames of a change stream: a batch follows, the stream ended well, the source failed. */
    public static final byte FRAME_BATCH = 1;
    public static final byte FRAME_END = 0;
    public static final byte FRAME_ERROR = 2;

    /** The answer of an apply: its plan, or the source rows it needs first. */
    public static final byte APPLIED = 0;
    public static final byte NEEDS_ROWS = 1;

    private Protocol() {
    }
}
