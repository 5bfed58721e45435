package dev.syncwright.core.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncCancellation;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncProgress;
import dev.syncwright.core.SyncProgressListener;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One one-way session, source to destination (DESIGN §2 "One sync session"). */
public final class SyncSession {
    private final SyncProvider source;
    private final SyncProvider destination;
    private final boolean destinationIsRemote;
    private final SessionStatistics.Direction direction;
    private final ConflictPolicy policy;
    private final int batchSizeRows;
    private final long batchSizeBytes;
    private final SyncProgressListener progress;
    private final SyncCancellation cancellation;

    public SyncSession(SyncProvider source, SyncProvider destination, boolean destinationIsRemote,
            SessionStatistics.Direction direction, ConflictPolicy policy, int batchSizeRows, long batchSizeBytes,
            SyncProgressListener progress, SyncCancellation cancellation) {
        this.source = source;
        this.destination = destination;
        this.destinationIsRemote = destinationIsRemote;
        this.direction = direction;
        this.policy = policy;
        this.batchSizeRows = batchSizeRows;
        this.batchSizeBytes = batchSizeBytes;
        this.progress = progress;
        this.cancellation = cancellation;
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
                ApplyPlan plan;
                try {
                    plan = destination.applyChanges(batch, new ChangeApplier(batch, src.replicaId(), dst.replicaId(),
                            destinationIsRemote, policy, source::fetchItem));
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
                for (Conflict c : plan.conflicts()) {
                    conflicts.add(c);
                    byKind.merge(c.kind(), 1L, Long::sum);
                    byResolution.merge(c.resolution(), 1L, Long::sum);
                }
                progress.onProgress(new SyncProgress(direction, batches, sent, applied, e.estimatedChanges()));
            }
        }
        return new SessionStatistics(direction, sent, applied, skipped, deferred, batches, full, byKind, byResolution, conflicts);
    }
}
