package dev.syncwright.core;

import java.time.Instant;
import java.util.Objects;

/** A conflict as recorded in a replica's conflict log: what happened, when, and whether a later sync settled it. */
public record ConflictLogEntry(long sequence, Conflict conflict, Instant detectedAt, boolean resolved) {
    public ConflictLogEntry {
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    public ConflictLogEntry markResolved() {
        return new ConflictLogEntry(sequence, conflict, detectedAt, true);
    }
}
