package dev.syncwright.core;

import dev.syncwright.core.SyncInterceptor.SessionEvent;
import dev.syncwright.core.internal.IdentityCheck;
import dev.syncwright.core.internal.Interceptors;
import dev.syncwright.core.internal.QuietCheck;
import dev.syncwright.core.internal.SyncSession;
import dev.syncwright.core.spi.SyncProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final List<SyncInterceptor> interceptors = new ArrayList<>();

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

    /** Adds hooks into the sessions this sync runs (see {@link SyncInterceptor}); called in the order added. */
    public SyncOrchestrator intercept(SyncInterceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return this;
    }

    public SyncOrchestrator cancellation(SyncCancellation c) {
        this.cancellation = Objects.requireNonNull(c, "cancellation");
        return this;
    }

    public SyncResult run() {
        long start = System.nanoTime();
        // a direction that does not run stays notRun (never null, see SyncResult)
        SessionStatistics up = SessionStatistics.notRun(SessionStatistics.Direction.UPLOAD);
        SessionStatistics down = SessionStatistics.notRun(SessionStatistics.Direction.DOWNLOAD);
        boolean ok = false;
        try {
            boolean uploads = direction != SyncDirection.DOWNLOAD;
            boolean downloads = direction != SyncDirection.UPLOAD;
            var quiet = QuietCheck.quiet(local, remote, uploads, downloads, batchSizeRows, batchSizeBytes);
            if (quiet.isPresent()) {
                // nothing to exchange either way (ADR 059): each direction ran and found nothing, with no write anywhere
                up = uploads ? quietSession(new SessionEvent(SessionStatistics.Direction.UPLOAD, quiet.get().local(), quiet.get().remote())) : up;
                down = downloads ? quietSession(new SessionEvent(SessionStatistics.Direction.DOWNLOAD, quiet.get().remote(),
                        quiet.get().local())) : down;
                ok = true;
                return new SyncResult(up, down, Duration.ofNanos(System.nanoTime() - start), false);
            }
            IdentityCheck.before(local, remote);
            switch (direction) {
                case UPLOAD -> up = upload();
                case DOWNLOAD -> down = download();
                case UPLOAD_AND_DOWNLOAD -> {
                    up = upload();
                    down = cancellation.isCancelled() ? down : download();
                }
                case DOWNLOAD_AND_UPLOAD -> {
                    down = download();
                    up = cancellation.isCancelled() ? up : upload();
                }
            }
            ok = true;
        } finally {
            local.endSession(ok);
            remote.endSession(ok);
        }
        return new SyncResult(up, down, Duration.ofNanos(System.nanoTime() - start), cancellation.isCancelled());
    }

    /** A session that found nothing to do, as the hooks see any session. */
    private SessionStatistics quietSession(SessionEvent event) {
        SessionStatistics s = new SessionStatistics(event.direction(), 0, 0, 0, 0, 0, false, java.util.Map.of(), java.util.Map.of(),
                java.util.List.of());
        Interceptors hooks = new Interceptors(interceptors);
        hooks.sessionStarted(event);
        hooks.sessionEnded(event, s, null);
        return s;
    }

    private SessionStatistics upload() {
        SessionStatistics s = repeatWhileConstraintsDefer(() -> new SyncSession(local, remote, true, SessionStatistics.Direction.UPLOAD,
                policy, batchSizeRows, batchSizeBytes, progress, cancellation, new Interceptors(interceptors)).run());
        if (!cancellation.isCancelled()) {
            IdentityCheck.delivered(local, remote);
        }
        return s;
    }

    private SessionStatistics download() {
        SessionStatistics s = repeatWhileConstraintsDefer(() -> new SyncSession(remote, local, false, SessionStatistics.Direction.DOWNLOAD,
                policy, batchSizeRows, batchSizeBytes, progress, cancellation, new Interceptors(interceptors)).run());
        if (!cancellation.isCancelled()) {
            IdentityCheck.delivered(remote, local);
        }
        return s;
    }

    /**
     * Rows a constraint refused (a child whose parent came in a later batch, a parent deleted before
     * its children) are deferred by the destination; another pass of the same direction usually
     * applies them, so one sync converges. Only the last pass's refusals are reported.
     */
    private SessionStatistics repeatWhileConstraintsDefer(java.util.function.Supplier<SessionStatistics> pass) {
        SessionStatistics total = pass.get();
        for (int i = 0; i < MAX_CONSTRAINT_PASSES && total.conflictsByKind().getOrDefault(ConflictKind.CONSTRAINT, 0L) > 0
                && !cancellation.isCancelled(); i++) {
            SessionStatistics next = pass.get();
            total = combine(total, next);
            if (next.applied() == 0) {
                break;
            }
        }
        return total;
    }

    private static final int MAX_CONSTRAINT_PASSES = 3;

    private static SessionStatistics combine(SessionStatistics a, SessionStatistics b) {
        java.util.List<Conflict> conflicts = new java.util.ArrayList<>();
        a.conflicts().stream().filter(c -> c.kind() != ConflictKind.CONSTRAINT).forEach(conflicts::add);
        conflicts.addAll(b.conflicts());
        java.util.Map<ConflictKind, Long> byKind = new java.util.EnumMap<>(ConflictKind.class);
        java.util.Map<ConflictResolution, Long> byResolution = new java.util.EnumMap<>(ConflictResolution.class);
        for (Conflict c : conflicts) {
            byKind.merge(c.kind(), 1L, Long::sum);
            byResolution.merge(c.resolution(), 1L, Long::sum);
        }
        long refusedBefore = a.conflictsByKind().getOrDefault(ConflictKind.CONSTRAINT, 0L);
        return new SessionStatistics(a.direction(), a.sent() + b.sent(), a.applied() + b.applied(), a.skipped() + b.skipped(),
                a.deferred() - refusedBefore + b.deferred(), a.batches() + b.batches(), a.fullEnumeration() || b.fullEnumeration(),
                byKind, byResolution, conflicts);
    }
}
