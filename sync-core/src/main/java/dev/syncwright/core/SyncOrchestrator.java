package dev.syncwright.core;

import dev.syncwright.core.internal.SyncSession;
import dev.syncwright.core.spi.SyncProvider;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs a sync between a local and a remote replica: one or two one-way sessions, each enumerating
 * from the source by the destination's knowledge and applying batch by batch.
 *
 * <pre>{@code
 * SyncResult r = SyncOrchestrator.between(clientProvider, serverProvider)
 *     .direction(SyncDirection.UPLOAD_AND_DOWNLOAD)
 *     .conflicts(ConflictPolicy.SERVER_WINS)
 *     .run();
 * }</pre>
 */
public final class SyncOrchestrator {
    private final SyncProvider local;
    private final SyncProvider remote;
    private SyncDirection direction = SyncDirection.UPLOAD_AND_DOWNLOAD;
    private ConflictPolicy policy = ConflictPolicy.SERVER_WINS;
    private int batchSizeRows = 1000;
    private long batchSizeBytes = 8L << 20;
    private SyncProgressListener progress = p -> {};
    private SyncCancellation cancellation = new SyncCancellation();

    private SyncOrchestrator(SyncProvider local, SyncProvider remote) {
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /** A sync between a local replica (a client, say) and a remote one (the server). */
    public static SyncOrchestrator between(SyncProvider local, SyncProvider remote) {
        return new SyncOrchestrator(local, remote);
    }

    public SyncOrchestrator direction(SyncDirection d) {
        this.direction = Objects.requireNonNull(d, "direction");
        return this;
    }

    public SyncOrchestrator conflicts(ConflictPolicy p) {
        this.policy = Objects.requireNonNull(p, "conflict policy");
        return this;
    }

    /** At most this many item changes per batch (and per transaction on the destination); at least 1. */
    public SyncOrchestrator batchSizeRows(int rows) {
        if (rows < 1) {
            throw new SyncException("batchSizeRows must be at least 1, not " + rows);
        }
        this.batchSizeRows = rows;
        return this;
    }

    /** A soft cap on the bytes of one batch; at least 1 KiB. */
    public SyncOrchestrator batchSizeBytes(long bytes) {
        if (bytes < 1024) {
            throw new SyncException("batchSizeBytes must be at least 1024, not " + bytes);
        }
        this.batchSizeBytes = bytes;
        return this;
    }

    public SyncOrchestrator onProgress(SyncProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public SyncOrchestrator cancellation(SyncCancellation c) {
        this.cancellation = Objects.requireNonNull(c, "cancellation");
        return this;
    }

    public SyncResult run() {
        long start = System.nanoTime();
        SessionStatistics up = null;
        SessionStatistics down = null;
        boolean ok = false;
        try {
            switch (direction) {
                case UPLOAD -> up = upload();
                case DOWNLOAD -> down = download();
                case UPLOAD_AND_DOWNLOAD -> {
                    up = upload();
                    down = cancellation.isCancelled() ? null : download();
                }
                case DOWNLOAD_AND_UPLOAD -> {
                    down = download();
                    up = cancellation.isCancelled() ? null : upload();
                }
            }
            ok = true;
        } finally {
            local.endSession(ok);
            remote.endSession(ok);
        }
        return new SyncResult(up, down, Duration.ofNanos(System.nanoTime() - start), cancellation.isCancelled());
    }

    private SessionStatistics upload() {
        return new SyncSession(local, remote, true, SessionStatistics.Direction.UPLOAD, policy, batchSizeRows, batchSizeBytes, progress, cancellation).run();
    }

    private SessionStatistics download() {
        return new SyncSession(remote, local, false, SessionStatistics.Direction.DOWNLOAD, policy, batchSizeRows, batchSizeBytes, progress, cancellation).run();
    }
}
