package dev.syncwright.jdbc;

import dev.syncwright.core.ConflictKind;

/**
 * A row of a database replica's conflict log: which row of which table, the kind, how it was
 * resolved ({@code null} while deferred and open), both sides' values as JSON, and whether a later
 * sync settled it.
 */
public record ConflictRecord(long id, String table, String keyJson, ConflictKind kind, String resolution,
        String localJson, String remoteJson, String detectedAt, boolean resolved) {}
