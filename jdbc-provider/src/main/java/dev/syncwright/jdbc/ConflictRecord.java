package dev.syncwright.jdbc;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of a database replica's conflict log: which row of which table, the kind, how it was
 * resolved ({@code null} while deferred and open), both sides' values as JSON, when it was met
 * (last met, for a row refused again), whether a later sync settled it, and for a row the database
 * refused ({@link ConflictKind#CONSTRAINT}) the database's own message. A row refused again on later
 * syncs keeps one entry, updated each time.
 */
public record ConflictRecord(long id, String table, String keyJson, ConflictKind kind, @Nullable ConflictResolution resolution,
        @Nullable String localJson, @Nullable String remoteJson, Instant detectedAt, boolean resolved, @Nullable String message) {}
