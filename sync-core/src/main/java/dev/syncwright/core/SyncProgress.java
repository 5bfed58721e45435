package dev.syncwright.core;

import java.util.OptionalLong;

/** Progress of one one-way session, reported after every applied batch. */
public record SyncProgress(SessionStatistics.Direction direction, int batches, long changesSent, long changesApplied,
        OptionalLong estimatedChanges) {}
