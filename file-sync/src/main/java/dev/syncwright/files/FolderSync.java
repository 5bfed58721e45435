package dev.syncwright.files;

import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncProgressListener;
import dev.syncwright.core.SyncResult;
import java.time.Duration;
import dev.syncwright.files.internal.FileContent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A two-way sync of two folder replicas: upload then download through the core's sessions, again
 * while a pass made conflict copies or clash renames (so they reach the other side now), and again
 * from a fresh scan when a file changed while the sync ran (up to {@link #ATTEMPTS} times).
 *
 * <pre>{@code
 * FolderSyncResult r = FolderSync.between(local, remote).conflicts(FileConflictPolicy.KEEP_BOTH).run();
 * FolderSyncResult preview = FolderSync.between(local, remote).dryRun(true).run(); // r.actions(): what would happen
 * }</pre>
 */
public final class FolderSync {
    static final int ATTEMPTS = 3;
    static final int MAX_PASSES = 4;

    private final FolderReplica local;
    private final FolderReplica remote;
    private FileConflictPolicy policy = FileConflictPolicy.KEEP_BOTH;
    private boolean dryRun;
    private SyncProgressListener progress = p -> {};

    private FolderSync(FolderReplica local, FolderReplica remote) {
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    public static FolderSync between(FolderReplica local, FolderReplica remote) {
        return new FolderSync(local, remote);
    }

    public FolderSync conflicts(FileConflictPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Runs against memory only and reports what would happen: no file and no metadata is written. */
    public FolderSync dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    public FolderSync onProgress(SyncProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public FolderSyncResult run() {
        long start = System.nanoTime();
        long sent = 0, applied = 0, conflicts = 0, deferred = 0;
        long bytesBefore = local.store().bytesCopied() + remote.store().bytesCopied();
        int passes = 0;
        List<FileAction> actions = new ArrayList<>();
        if (dryRun) {
            local.store().startPreview();
            remote.store().startPreview();
        }
        try {
            boolean again = true;
            while (again && passes < MAX_PASSES) {
                SyncResult r = attempt();
                passes++;
                for (SessionStatistics s : new SessionStatistics[] {r.upload(), r.download()}) {
                    if (s != null) {
                        sent += s.sent();
                        applied += s.applied();
                        deferred += s.deferred();
                        conflicts += s.conflicts().stream().filter(FolderSync::realConflict).count();
                    }
                }
                again = local.store().takeAnotherPass() | remote.store().takeAnotherPass();
            }
        } finally {
            local.store().dropSpeculated(); // copies made while scanning that no write took
            remote.store().dropSpeculated();
            actions.addAll(local.store().drainActions());
            actions.addAll(remote.store().drainActions());
            if (dryRun) {
                local.store().endPreview();
                remote.store().endPreview();
            }
        }
        long bytes = local.store().bytesCopied() + remote.store().bytesCopied() - bytesBefore;
        return new FolderSyncResult(actions, sent, applied, conflicts, deferred, bytes, passes, Duration.ofNanos(System.nanoTime() - start),
                dryRun);
    }

    private SyncResult attempt() {
        for (int i = 1; ; i++) {
            try {
                scanBoth();
                return SyncOrchestrator.between(local, remote).direction(SyncDirection.UPLOAD_AND_DOWNLOAD)
                        .conflicts(policy.toConflictPolicy()).onProgress(progress).run();
            } catch (SyncException e) {
                if (i >= ATTEMPTS || !changedDuringSync(e)) {
                    throw e;
                }
                // a file changed while we synced: scan again and go on (committed batches stay)
            }
        }
    }

    /**
     * Scans both folders at the same time, one on a thread of its own: the walks are most of an
     * idle sync's time, and the sessions then use these scans. Both walks end before either folder
     * hashes its new files, so that a new file the other folder lacks is copied there in the same
     * read ({@code Speculation}: the sessions' writes then take those copies). The stores are
     * independent but for those copies, which go into the other store's own set; the sessions run on
     * the caller's thread.
     */
    private void scanBoth() {
        both(() -> local.store().walk(), () -> remote.store().walk());
        both(() -> local.store().finish(dryRun ? null : remote.store()), () -> remote.store().finish(dryRun ? null : local.store()));
    }

    private void both(Runnable here, Runnable there) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(() -> {
            try {
                there.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "syncwright-files-scan");
        t.setDaemon(true);
        t.start();
        try {
            here.run();
        } finally {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("Interrupted while scanning " + remote.root(), e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static boolean changedDuringSync(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("the last detection pass")) { // changed, moved or deleted meanwhile
                return true;
            }
        }
        return false;
    }

    /**
     * Two sides holding the same bytes (two copies of a folder synced for the first time) meet as
     * the core's insert/insert conflicts; nobody needs to hear about those.
     */
    private static boolean realConflict(dev.syncwright.core.Conflict c) {
        if (c.sourceValues() == null || c.destinationValues() == null) {
            return true;
        }
        for (int u : c.changeUnits()) {
            Object s = u < c.sourceValues().length ? c.sourceValues()[u] : null;
            Object d = u < c.destinationValues().length ? c.destinationValues()[u] : null;
            boolean same = s instanceof FileContent a && d instanceof FileContent b ? Arrays.equals(a.hash(), b.hash()) : Objects.equals(s, d);
            if (!same) {
                return true;
            }
        }
        return false;
    }
}
