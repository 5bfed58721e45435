package dev.syncwright.core.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncCancellation;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncInterceptor.SessionEvent;
import dev.syncwright.core.SyncProgress;
import dev.syncwright.core.SyncProgressListener;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One one-way session, source to destination (DESIGN §2 "One sync session"). */
public final class SyncSession {
    private static final Logger LOG = System.getLogger(SyncSession.class.getName());
    private final SyncProvider source;
    private final SyncProvider destination;
    private final boolean destinationIsRemote;
    private final SessionStatistics.Direction direction;
    private final ConflictPolicy policy;
    private final int batchSizeRows;
    private final long batchSizeBytes;
    private final SyncProgressListener progress;
    private final SyncCancellation cancellation;
    private final Interceptors interceptors;

    public SyncSession(SyncProvider source, SyncProvider destination, boolean destinationIsRemote,
            SessionStatistics.Direction direction, ConflictPolicy policy, int batchSizeRows, long batchSizeBytes,
            SyncProgressListener progress, SyncCancellation cancellation, Interceptors interceptors) {
        this.source = source;
        this.destination = destination;
        this.destinationIsRemote = destinationIsRemote;
        this.direction = direction;
        this.policy = policy;
        this.batchSizeRows = batchSizeRows;
        this.batchSizeBytes = batchSizeBytes;
        this.progress = progress;
        this.cancellation = cancellation;
        this.interceptors = interceptors;
    }

    /** The source's enumeration, read ahead on a thread of its own when the source allows it (ADR 041). */
    private ChangeEnumeration enumerate(EnumerationRequest request) {
        ChangeEnumeration enumeration = source.enumerateChanges(request);
        if (!source.supportsConcurrentEnumeration()) {
            return enumeration;
        }
        try {
            return new ReadAhead(enumeration, "syncwright-" + direction.name().toLowerCase(Locale.ROOT) + "-read-ahead");
        } catch (RuntimeException | Error e) {
            enumeration.close();
            throw e;
        }
    }

    public SessionStatistics run() {
        ReplicaState dst = destination.state();
        ReplicaState src = source.state();
        if (dst.replicaId().equals(src.replicaId())) {
            throw new SyncException("Source and destination are the same replica (" + src.replicaId() + "); a replica cannot sync with itself");
        }
        SessionEvent session = new SessionEvent(direction, src.replicaId(), dst.replicaId());
        interceptors.sessionStarted(session);
        try {
            SessionStatistics s = run(src, dst, session);
            LOG.log(Level.DEBUG, "{0} from {1} to {2} done: {3} sent, {4} applied, {5} skipped, {6} deferred, {7} conflicts in {8} "
                    + "batches", direction, src.replicaId(), dst.replicaId(), s.sent(), s.applied(), s.skipped(), s.deferred(),
                    s.conflictCount(), s.batches());
            if (s.deferred() > 0) {
                LOG.log(Level.INFO, "{0} to {1}: {2} changes deferred (in the conflict log; offered again by the next sync)", direction,
                        dst.replicaId(), s.deferred());
            }
            interceptors.sessionEnded(session, s, null);
            return s;
        } catch (RuntimeException | Error e) {
            interceptors.sessionEnded(session, null, e);
            throw e;
        }
    }

    private SessionStatistics run(ReplicaState src, ReplicaState dst, SessionEvent session) {
        // A destination that has not seen everything the source forgot may hold items whose
        // deletion the source can no longer send: it must be re-initialized by a full enumeration.
        boolean full = !dst.knowledge().contains(src.forgotten());
        EnumerationRequest request = new EnumerationRequest(dst.knowledge(), dst.forgotten(), full, batchSizeRows, batchSizeBytes);
        long sent = 0, applied = 0, skipped = 0, deferred = 0;
        int batches = 0;
        List<Conflict> conflicts = new ArrayList<>();
        Map<ConflictKind, Long> byKind = new EnumMap<>(ConflictKind.class);
        Map<ConflictResolution, Long> byResolution = new EnumMap<>(ConflictResolution.class);
        try (ChangeEnumeration e = enumerate(request)) {
            // cancellation first: reading ahead, hasNext() waits for the next batch to be read
            while (!cancellation.isCancelled() && e.hasNext()) {
                ChangeBatch batch = e.next();
                sent += batch.changes().size();
                interceptors.batchSelected(session, batches + 1, batch.changes().size());
                ApplyPlan plan;
                try {
                    plan = destination.applyChanges(batch, new ChangeApplier(batch, src.replicaId(), dst.replicaId(),
                            destinationIsRemote, policy, source::fetchItem,
                            interceptors.anyRowHook() ? row -> interceptors.rowApplying(session, row) : null));
                } catch (SyncException ex) {
                    throw ex;
                } catch (RuntimeException ex) {
                    throw new SyncException(direction + " failed applying batch " + (batches + 1) + " on replica "
                            + dst.replicaId() + " (earlier batches are committed; the next sync resumes): " + ex.getMessage(), ex);
                }
                batches++;
                applied += plan.applied();
                skipped += plan.skipped();
                deferred += plan.deferred();
                LOG.log(Level.DEBUG, "{0} batch {1} committed: {2} changes, {3} applied, {4} skipped, {5} deferred", direction, batches,
                        batch.changes().size(), plan.applied(), plan.skipped(), plan.deferred());
                interceptors.batchApplied(session, batches, plan.applied(), plan.skipped(), plan.deferred());
                for (Conflict c : plan.conflicts()) {
                    conflicts.add(c);
                    byKind.merge(c.kind(), 1L, Long::sum);
                    byResolution.merge(c.resolution(), 1L, Long::sum);
                    interceptors.conflict(session, c);
                }
                progress.onProgress(new SyncProgress(direction, batches, sent, applied, e.estimatedChanges()));
            }
        }
        return new SessionStatistics(direction, sent, applied, skipped, deferred, batches, full, byKind, byResolution, conflicts);
    }
}
