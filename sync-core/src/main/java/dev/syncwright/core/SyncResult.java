package dev.syncwright.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a sync: per direction statistics, duration, and whether it was cancelled. No
 * accessor returns null: a direction that did not run is {@link SessionStatistics#notRun} (its
 * {@link SessionStatistics#ran()} is false).
 */
public record SyncResult(SessionStatistics upload, SessionStatistics download, Duration duration, boolean cancelled) {
    public SyncResult {
        upload = upload != null ? upload : SessionStatistics.notRun(SessionStatistics.Direction.UPLOAD);
        download = download != null ? download : SessionStatistics.notRun(SessionStatistics.Direction.DOWNLOAD);
        Objects.requireNonNull(duration, "duration");
    }

    public long totalConflicts() {
        return upload.conflictCount() + download.conflictCount();
    }

    /** True when any conflict was deferred and waits in a conflict log. */
    public boolean hasDeferredConflicts() {
        return upload.conflictsByResolution().getOrDefault(ConflictResolution.DEFER, 0L) > 0
                || download.conflictsByResolution().getOrDefault(ConflictResolution.DEFER, 0L) > 0;
    }
}
