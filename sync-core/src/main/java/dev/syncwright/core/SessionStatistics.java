package dev.syncwright.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one one-way session did. A direction that did not run (not asked for, or the sync was
 * cancelled before it) is {@link #notRun}: {@link #ran()} false and every count zero, so a caller
 * never checks for null.
 */
public record SessionStatistics(
        Direction direction,
        long sent,
        long applied,
        long skipped,
        long deferred,
        int batches,
        boolean fullEnumeration,
        Map<ConflictKind, Long> conflictsByKind,
        Map<ConflictResolution, Long> conflictsByResolution,
        List<Conflict> conflicts,
        boolean ran) {

    /** UPLOAD: local to remote. DOWNLOAD: remote to local. */
    public enum Direction { UPLOAD, DOWNLOAD }

    public SessionStatistics {
        Objects.requireNonNull(direction, "direction");
        conflictsByKind = Collections.unmodifiableMap(new EnumMap<>(conflictsByKind.isEmpty() ? new EnumMap<>(ConflictKind.class) : conflictsByKind));
        conflictsByResolution = Collections.unmodifiableMap(new EnumMap<>(conflictsByResolution.isEmpty() ? new EnumMap<>(ConflictResolution.class) : conflictsByResolution));
        conflicts = List.copyOf(conflicts);
    }

    /** A session that ran. */
    public SessionStatistics(Direction direction, long sent, long applied, long skipped, long deferred, int batches,
            boolean fullEnumeration, Map<ConflictKind, Long> conflictsByKind, Map<ConflictResolution, Long> conflictsByResolution,
            List<Conflict> conflicts) {
        this(direction, sent, applied, skipped, deferred, batches, fullEnumeration, conflictsByKind, conflictsByResolution,
                conflicts, true);
    }

    /** The statistics of a direction that did not run: all zero, {@link #ran()} false. */
    public static SessionStatistics notRun(Direction direction) {
        return new SessionStatistics(direction, 0, 0, 0, 0, 0, false, Map.of(), Map.of(), List.of(), false);
    }

    public long conflictCount() {
        return conflicts.size();
    }
}
