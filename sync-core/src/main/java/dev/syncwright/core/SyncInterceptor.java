package dev.syncwright.core;

import org.jspecify.annotations.Nullable;

/**
 * Hooks into a sync, to audit it or adapt what it writes, without forking (as Dotmim.Sync's
 * interceptors offer). Register with {@link SyncOrchestrator#intercept}; every method has a no-op
 * default. All are called on the syncing thread, in order: for each one-way session,
 * {@link #sessionStarted}, then per batch {@link #batchSelected}, {@link #rowApplying} for each row
 * it writes, {@link #batchApplied} and {@link #conflict} for each conflict met, then
 * {@link #sessionEnded}.
 *
 * <p>{@link #rowApplying} runs inside the destination's transaction for the batch: keep it fast,
 * and do not write to the destination database from it. An exception thrown by a hook fails the
 * batch, which is rolled back, as any failure of the destination would be.
 */
public interface SyncInterceptor {

    /** A one-way session is about to enumerate the source. */
    default void sessionStarted(SessionEvent session) {
    }

    /** The source produced a batch; nothing of it is applied yet. */
    default void batchSelected(SessionEvent session, int batch, int changes) {
    }

    /**
     * The destination is about to write one row of the batch, after conflicts were resolved: the
     * hook may let it be, change values ({@link RowApplying#set}), or hold it back
     * ({@link RowApplying#skip}).
     */
    default void rowApplying(SessionEvent session, RowApplying row) {
    }

    /** The destination committed the batch. */
    default void batchApplied(SessionEvent session, int batch, long applied, long skipped, long deferred) {
    }

    /** A conflict met by the batch just committed, with its resolution. */
    default void conflict(SessionEvent session, Conflict conflict) {
    }

    /** The session ended: its statistics, or the failure that ended it (then {@code statistics} is null). */
    default void sessionEnded(SessionEvent session, @Nullable SessionStatistics statistics, @Nullable Throwable failure) {
    }

    /** Which session: its direction and the two replicas. */
    record SessionEvent(SessionStatistics.Direction direction, ReplicaId source, ReplicaId destination) {}
}
