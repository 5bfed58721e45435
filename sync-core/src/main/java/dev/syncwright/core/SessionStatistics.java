package dev.syncwright.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one one-way session did. */
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
        List<Conflict> conflicts) {

    /** UPLOAD: local to remote. DOWNLOAD: remote to local. */
    public enum Direction { UPLOAD, DOWNLOAD }

    public SessionStatistics {
        conflictsByKind = Collections.unmodifiableMap(new EnumMap<>(conflictsByKind.isEmpty() ? new EnumMap<>(ConflictKind.class) : conflictsByKind));
        conflictsByResolution = Collections.unmodifiableMap(new EnumMap<>(conflictsByResolution.isEmpty() ? new EnumMap<>(ConflictResolution.class) : conflictsByResolution));
        conflicts = List.copyOf(conflicts);
    }

    public long conflictCount() {
        return conflicts.size();
    }
}
