package dev.syncwright.core;

import java.time.Duration;

/** The outcome of a sync: per direction statistics (null when that direction did not run), duration, and whether it was cancelled. */
public record SyncResult(SessionStatistics upload, SessionStatistics download, Duration duration, boolean cancelled) {
    public long totalConflicts() {
        return (upload == null ? 0 : upload.conflictCount()) + (download == null ? 0 : download.conflictCount());
    }

    /** True when any conflict was deferred and waits in a conflict log. */
    public boolean hasDeferredConflicts() {
        return (upload != null && upload.conflictsByResolution().getOrDefault(ConflictResolution.DEFER, 0L) > 0)
                || (download != null && download.conflictsByResolution().getOrDefault(ConflictResolution.DEFER, 0L) > 0);
    }
}
