package dev.syncwright.core;

/** A flag another thread sets to stop a sync between batches; committed batches stay, and the next sync resumes. */
public final class SyncCancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
